// Browser entry of "aicall" (the package's "default" condition): ready on import, no init.
// The wasm ships inside wasm-inline.js (base64) and is instantiated synchronously the
// first time a class is used, so no bundler needs to know about a .wasm asset and no
// top-level await is involved.
import wasmBase64 from "./wasm-inline.js";
import { setAutoLoad, initSync, AgentApi, Aiccs, AicallError } from "./core.js";

function decode(b64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

setAutoLoad(() => initSync({ module: decode(wasmBase64) }));

export { AgentApi, Aiccs, AicallError };
export default { AgentApi, Aiccs, AicallError };
