// The browser build's state, shared by both browser entries: index.js ("aicall/web",
// explicit `await init()`) and ready.js ("aicall" in browsers, ready on import).
import { initSync as wbgInitSync, AgentApi as RawAgentApi, Aiccs as RawAiccs, __registerErrorClass } from "./aicall.js";
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
  if (initFailure) throw initFailure;
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

// Why the last init() failed: what the classes then say (instead of "call init()").
let initFailure = null;

/** The compiled module from what `init()` was given (wasm-bindgen's inputs). */
async function compiled(input) {
  let src = input && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype && "module_or_path" in input ? input.module_or_path : input;
  src = await src;
  if (src === undefined) src = new URL("aicall_bg.wasm", import.meta.url);
  if (src instanceof WebAssembly.Module) return src;
  if (typeof src === "string" || src instanceof URL || (typeof Request === "function" && src instanceof Request)) src = await fetch(src);
  if (typeof Response === "function" && src instanceof Response) {
    if (!src.ok) {
      throw new AicallError(`the WebAssembly module could not be fetched: HTTP ${src.status}`, { kind: "aborted", code: "wasm_unavailable", status: src.status, retryable: true });
    }
    const streamed = typeof WebAssembly.compileStreaming === "function" && (src.headers.get("content-type") ?? "").startsWith("application/wasm");
    return streamed ? WebAssembly.compileStreaming(src) : WebAssembly.compile(await src.arrayBuffer());
  }
  return WebAssembly.compile(src);
}

/**
 * Loads the wasm (from next to this file unless told otherwise: a URL, a Response, the
 * bytes or a compiled module). Safe to call twice; a failed call can be retried. Rejects
 * with an AicallError (`wasm_unavailable`).
 *
 * The module is compiled here and instantiated synchronously once compiled, unless an
 * instance came first (`initSync`, or "aicall" loading on first use while this one was
 * fetching): wasm-bindgen's own async init would replace that instance, and the clients
 * made on it would read another client's memory (its token, its base URL).
 */
export default function init(input) {
  if (ready) return Promise.resolve();
  if (!pending) {
    // (A module that compiles but cannot be instantiated fails here too, and may be retried.)
    pending = compiled(input)
      .then((module) => {
        if (!ready) initSync({ module });
      })
      .catch((e) => {
        pending = null;
        initFailure = loadFailed(e);
        throw initFailure;
      });
  }
  return pending;
}

/** Synchronous init from bytes or a compiled module (workers, Node tests). */
export function initSync(module) {
  if (ready) return;
  const arg = module && typeof module === "object" && Object.getPrototypeOf(module) === Object.prototype && "module" in module ? module : { module };
  try {
    wbgInitSync(arg);
    afterInit();
  } catch (e) {
    throw (initFailure = loadFailed(e));
  }
  initFailure = null;
}

export { AicallError };
