// Browser entry of "aicall" (the package's "default" condition): ready on import, no init.
// The wasm ships inside wasm-inline.js (base64) and is instantiated synchronously the
// first time a class is used, so no bundler needs to know about a .wasm asset and no
// top-level await is involved.
import wasmBase64 from "./wasm-inline.js";
import { decodeBase64 } from "../runtime.js";
import { setAutoLoad, initSync, AgentApi, Aiccs, AicallError } from "./core.js";
// core.js's own imports, named here too: a page loading these files unbundled learns of all
// six modules from this one and fetches them in two rounds instead of three.
import "./aicall.js";
import "../operations.js";

setAutoLoad(() => initSync({ module: decodeBase64(wasmBase64) }));

export { AgentApi, Aiccs, AicallError };
export default { AgentApi, Aiccs, AicallError };
