// Browser entry: `import init, { AgentApi, Aiccs } from "aicall/web"; await init();`
import wbgInit, { initSync as wbgInitSync, AgentApi, Aiccs, __registerErrorClass } from "./aicall.js";
import { AicallError, installOperations } from "../runtime.js";
import operations from "../operations.js";

let ready;

// Metadata and per-operation methods are plain JS: available before init().
installOperations(Aiccs, operations.aiccs);
installOperations(AgentApi, operations.agentApi);

function afterInit() {
  __registerErrorClass(AicallError);
}

/** Loads the wasm (from next to this file unless told otherwise). Safe to call twice. */
export default function init(input) {
  if (!ready) {
    const arg = input === undefined ? undefined : input && typeof input === "object" && "module_or_path" in input ? input : { module_or_path: input };
    ready = wbgInit(arg).then(afterInit);
  }
  return ready;
}

/** Synchronous init from bytes or a compiled module (workers, Node tests). */
export function initSync(module) {
  if (!ready) {
    wbgInitSync(module && typeof module === "object" && "module" in module ? module : { module });
    afterInit();
    ready = Promise.resolve();
  }
}

export { AgentApi, Aiccs, AicallError };
