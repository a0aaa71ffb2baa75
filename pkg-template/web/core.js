// The browser build's state, shared by both browser entries: index.js ("aicall/web",
// explicit `await init()`) and ready.js ("aicall" in browsers, ready on import).
import wbgInit, { initSync as wbgInitSync, AgentApi as RawAgentApi, Aiccs as RawAiccs, __registerErrorClass } from "./aicall.js";
import { AicallError, installOperations, issuesFrom, loadFailed } from "../runtime.js";
import operations from "../operations.js";

let ready = false;
let pending = null;
// Set by ready.js (the "aicall" browser entry): loads the wasm synchronously on first use.
let autoLoad = null;

function afterInit() {
  __registerErrorClass(AicallError, issuesFrom);
  ready = true;
}

const NOT_READY = "aicall is not initialised: call `await init()` (the default export of \"aicall/web\") before using AgentApi or Aiccs, or import from \"aicall\", which needs no init";

/** Throws a clear AicallError instead of a TypeError from deep inside the bindings. */
function ensureReady() {
  if (ready) return;
  if (autoLoad) {
    try {
      autoLoad();
    } catch (e) {
      throw loadFailed(e); // e.g. a CSP without 'wasm-unsafe-eval'; the next use tries again
    }
    if (ready) return;
  }
  throw new AicallError(NOT_READY, {
    kind: "validation",
    code: "not_initialized",
    issues: [{ path: "init()", code: "required", message: NOT_READY }],
    retryable: false,
  });
}

/** Used by ready.js: how to load the wasm synchronously on first use. */
export function setAutoLoad(fn) {
  autoLoad = fn;
}

// Metadata and per-operation methods are plain JS (available before init), installed on the
// generated classes as in the Node build.
installOperations(RawAiccs, operations.aiccs);
installOperations(RawAgentApi, operations.agentApi);

// The public classes: the generated ones, with a readiness check in front of every entry
// point that reaches the wasm (the constructor and the static functions). Instance methods
// need an instance, which needs the constructor.
function guarded(Raw, name) {
  const Guarded = {
    [name]: class extends Raw {
      constructor(options) {
        ensureReady();
        super(options);
      }
    },
  }[name];
  for (const key of Object.getOwnPropertyNames(Raw)) {
    const d = Object.getOwnPropertyDescriptor(Raw, key);
    if (typeof d.value !== "function" || key === "prototype") continue;
    const f = d.value;
    if (key === "operations") {
      Object.defineProperty(Guarded, key, d); // metadata: no wasm needed
      continue;
    }
    Object.defineProperty(Guarded, key, {
      value: { [key](...args) { ensureReady(); return f.apply(Raw, args); } }[key],
      writable: true,
      configurable: true,
    });
  }
  return Guarded;
}

export const AgentApi = guarded(RawAgentApi, "AgentApi");
export const Aiccs = guarded(RawAiccs, "Aiccs");

function initArg(input) {
  if (input === undefined) return undefined;
  if (input && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype && "module_or_path" in input) return input;
  return { module_or_path: input };
}

/**
 * Loads the wasm (from next to this file unless told otherwise: a URL, a Response, the
 * bytes or a compiled module). Safe to call twice; a failed call can be retried.
 */
export default function init(input) {
  if (ready) return Promise.resolve();
  if (!pending) {
    pending = wbgInit(initArg(input)).then(afterInit, (e) => {
      pending = null;
      throw e;
    });
  }
  return pending;
}

/** Synchronous init from bytes or a compiled module (workers, Node tests). */
export function initSync(module) {
  if (ready) return;
  const arg = module && typeof module === "object" && Object.getPrototypeOf(module) === Object.prototype && "module" in module ? module : { module };
  wbgInitSync(arg);
  afterInit();
}

export { AicallError };
