// "aicall/validate" in browsers: the validators alone, for forms that check input as the
// operator types and send nothing. The same rules, issues and messages as `AgentApi` and
// `Aiccs` of "aicall", from a wasm built without clients, signing, transport, batches and
// paging (about half the download). Ready on import: the wasm ships inlined (base64) and is
// instantiated synchronously on the first call. Node loads validate/node/ instead.
import wasmBase64 from "./wasm-inline.js";
import { initSync, AgentApi as RawAgentApi, Aiccs as RawAiccs, __registerErrorClass } from "./aicall.js";
import { AicallError, decodeBase64, issuesFrom, validatorsOf } from "../runtime.js";

let ready = false;
function load() {
  if (ready) return;
  initSync({ module: decodeBase64(wasmBase64) });
  __registerErrorClass(AicallError, issuesFrom);
  ready = true;
}

export const { AgentApi, Aiccs } = validatorsOf(RawAgentApi, RawAiccs, load);
export { AicallError };
export default { AgentApi, Aiccs, AicallError };
