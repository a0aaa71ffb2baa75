// "aicall/validate" in browsers: the validators alone, for forms that check input as the
// operator types and send nothing. The same rules, issues and messages as `AgentApi` and
// `Aiccs` of "aicall", from a wasm built without clients, signing, transport, batches and
// paging (about half the download). Ready on import: the wasm ships inlined (base64) and is
// instantiated synchronously on the first call. Node loads validate/node/ instead.
import wasmBase64 from "./wasm-inline.js";
import * as glue from "./aicall.js";
import { AicallError, decodeBase64, issuesFrom, validatorsOf } from "../runtime.js";

let compiled = null; // the WebAssembly.Module, compiled once, instantiated again after a reset
let live = false;

function current() {
  if (!live) {
    compiled ??= new WebAssembly.Module(decodeBase64(wasmBase64));
    try {
      glue.initSync({ module: compiled });
      glue.__registerErrorClass(AicallError, issuesFrom);
    } catch (e) {
      // Started half-way (near the end of the stack, say): never reuse that instance.
      glue.__wbg_reset();
      throw e;
    }
    live = true;
  }
  return glue;
}

function reset() {
  glue.__wbg_reset();
  live = false;
}

export const { AgentApi, Aiccs } = validatorsOf(current, reset);
export { AicallError };
export default { AgentApi, Aiccs, AicallError };
