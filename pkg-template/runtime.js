// Shared by both entry points. Rust builds every error's fields; this class only holds
// them, so `instanceof AicallError` works. Messages never contain credentials.
export class AicallError extends Error {
  constructor(message, fields) {
    super(String(message));
    const f = fields && typeof fields === "object" ? fields : {};
    Object.defineProperty(this, "name", { value: "AicallError", enumerable: false, configurable: true, writable: true });
    this.kind = f.kind ?? "validation";
    this.code = f.code ?? "unknown";
    if (f.issues !== undefined) this.issues = f.issues;
    if (f.status !== undefined) this.status = f.status;
    if (f.apiCode !== undefined) this.apiCode = f.apiCode;
    if (f.requestId !== undefined) this.requestId = f.requestId;
    this.retryable = f.retryable === true;
    if (f.outcomeUnknown === true) this.outcomeUnknown = true;
  }

  toJSON() {
    const out = { name: this.name, kind: this.kind, code: this.code, message: this.message, retryable: this.retryable };
    for (const k of ["issues", "status", "apiCode", "requestId", "outcomeUnknown"]) if (this[k] !== undefined) out[k] = this[k];
    return out;
  }
}

// Issues cross from wasm as one text, `path NUL code NUL message NUL …` (the core uses it
// only when no field holds a NUL): cutting it up is several times cheaper than JSON.parse.
// The string and array methods are the ones present at load time, so a page or polyfill
// that replaces String.prototype.split/indexOf/slice or Array.prototype.push later cannot
// change the issues. (Defining each item instead of pushing it would also ignore a setter
// put on Array.prototype's indexes, but it made every call 2 µs slower.)
const uncurry = (f) => Function.prototype.call.bind(f);
const indexOf = uncurry(String.prototype.indexOf);
const slice = uncurry(String.prototype.slice);
const push = uncurry(Array.prototype.push);
export function issuesFrom(text) {
  const out = [];
  for (let at = 0; at < text.length; ) {
    const a = indexOf(text, "\0", at);
    const b = indexOf(text, "\0", a + 1);
    const c = indexOf(text, "\0", b + 1);
    if (a < 0 || b < 0 || c < 0) break;
    push(out, { path: slice(text, at, a), code: slice(text, a + 1, b), message: slice(text, b + 1, c) });
    at = c + 1;
  }
  return out;
}

// Each class gets `operations()` (a fresh copy of the metadata generated from the Rust
// operation declarations at build time) and one camelCase method per operation.
// `ops.text` (the metadata as JSON text) is read on the first `operations()` call only.
// The operation methods are a generated class (`ops.methods`) placed between the class's
// prototype and its parent: methods the class has itself come first, and adding 179
// properties to the prototype one by one cost ~1–2 ms of every cold start. The
// wasm-bindgen methods (and `paginate`) are guarded; the operation methods settle through
// the guarded `call`.
export function installOperations(Class, ops) {
  Object.defineProperty(Class, "operations", {
    value: function operations() { return JSON.parse(ops.text); },
    writable: true,
    configurable: true,
  });
  if (typeof Class.nextPage === "function" && !("paginate" in Class.prototype)) {
    // The wasm's step carries the error a walk ends with (`error`); `nextPage` throws it,
    // `paginate` first hands out the step's items (the rows of a last page short of the
    // server's total are still rows).
    const step = Class.nextPage;
    Object.defineProperty(Class, PAGE_STEP, { value: step });
    Object.defineProperty(Class, "nextPage", {
      value: function nextPage(...args) {
        const s = step.apply(this, args);
        if (s && s.error !== undefined) throw s.error;
        return s;
      },
      writable: true,
      configurable: true,
    });
    Object.defineProperty(Class.prototype, "paginate", { value: paginate, writable: true, configurable: true });
  }
  checkOptions(Class);
  guardMethods(Class);
  const Methods = ops.methods(operationCall);
  Object.setPrototypeOf(Methods.prototype, Object.getPrototypeOf(Class.prototype));
  Object.setPrototypeOf(Class.prototype, Methods.prototype);
}

// `buildRequest` and `call` (aiccs) refuse an options key they do not take. Which keys
// they take is the core's (`__optionNames`), and so is the error (`__refuseOptions`): here
// the keys are only listed, in JS, where it costs next to nothing (from wasm, listing them
// was ~0.7 µs of every signed request).
function checkOptions(Class) {
  const proto = Class.prototype;
  if (typeof Class.__optionNames !== "function" || Object.prototype.hasOwnProperty.call(proto, CHECKED)) return;
  Object.defineProperty(proto, CHECKED, { value: true });
  for (const [method, which] of [["buildRequest", "build"], ["call", "call"]]) {
    const inner = proto[method];
    if (typeof inner !== "function") continue;
    let known; // read on first use: the browser build installs this before the wasm loads
    Object.defineProperty(proto, method, {
      value: { [method](action, params, options, ...rest) {
        known ??= new Set(Class.__optionNames(which));
        if (options !== null && typeof options === "object" && !onlyKnownKeys(options, known)) this.__refuseOptions(options, which);
        return inner.call(this, action, params, options, ...rest);
      } }[method],
      writable: true,
      configurable: true,
    });
  }
}

// Whether every own key of `o` is in `known` (a Proxy that throws, or a symbol key: not
// known here; the core then looks).
function onlyKnownKeys(o, known) {
  try {
    for (const k of Reflect.ownKeys(o)) if (typeof k !== "string" || !known.has(k)) return false;
    return true;
  } catch {
    return false;
  }
}

// `client.call(action, …)`: a promise that settles with the answer or an AicallError (a
// freed client included). Called without a client (`const f = client.stopAiCallTask; f()`),
// it rejects with an AicallError as well, never throws.
function operationCall(client, action, params, options) {
  try {
    // (The method's name is the action's with its first letter lowered: `method_name` in
    // src/aiccs/ops.rs; an Agent API name is the method's already.)
    if (client === null || typeof client !== "object" || typeof client.call !== "function") throw unbound(action.charAt(0).toLowerCase() + action.slice(1));
    return client.call(action, params, options);
  } catch (e) {
    return Promise.reject(asAicallError(e, false));
  }
}

// A method taken off its client (`const { getTask } = api`, `list.map(api.getTask)`) has
// no client to run on: JS gives it `this === undefined`. Say so, and how to keep the client.
function unbound(name) {
  return new AicallError(`${name} was called without its client: call it on the client (client.method(…)), or bind it first (const method = client.method.bind(client))`, { kind: "aborted", code: "unbound_method" });
}

// Every item of every page: calls the operation, asks the core (`nextPage`) for the page's
// items, the next page's arguments and what to remember (`memo`, handed back with the next
// page: it catches a server answering pages it already gave), and stops where it says. The
// caller's signal (an argument of the Agent API, an option of aiccs) stays with every page.
// An operation that does not page is refused before anything is sent; the core's step
// before the first page (page `null`) gives the first page's arguments.
async function* paginate(name, args, options) {
  let current = args ?? {};
  // The caller's own `signal` only (one inherited from a polluted prototype is no option).
  // Read so that nothing thrown escapes (a revoked proxy, a throwing getter): the call
  // then says what is wrong with them, as an AicallError.
  const ownOf = (o, k) => {
    try {
      return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
    } catch {
      return undefined;
    }
  };
  const signal = ownOf(current, "signal");
  const withSignal = (next) => (signal !== undefined ? { ...next, signal } : next);
  // The step before the first page is the client's own (its secrets redacted in what it
  // says); arguments it cannot read go to the call as given, which says what is wrong.
  let start;
  try {
    start = this.__pageStart(name, current, options);
  } catch (e) {
    throw asAicallError(e, this.__wbg_ptr === 0);
  }
  const clientLocale = this.locale;
  current = withSignal(start.next ?? current);
  let memo;
  let stepOptions;
  for (;;) {
    const page = await this.call(name, current, options);
    // The walk's own errors speak the call's language once a call has accepted it (and
    // redacted a secret given there): the aiccs call's `locale` option, an Agent API
    // call's `locale` argument, else the client's.
    stepOptions ??= { locale: ownOf(options, "locale") ?? ownOf(args, "locale") ?? clientLocale };
    let step;
    try {
      step = this.constructor[PAGE_STEP](name, current, page, memo, stepOptions);
    } catch (e) {
      throw asAicallError(e, false);
    }
    yield* step.items;
    if (step.error !== undefined) throw step.error;
    if (!step.next) return;
    memo = step.memo;
    current = withSignal(step.next);
  }
}

// Every method settles with an AicallError. After `free()` a call fails with
// "this client was freed" (instead of wasm-bindgen's "null pointer passed to rust"), and
// whatever else escapes (a trap, a plain Error) becomes an AicallError too. A method that
// returns a promise rejects instead of throwing; `build*`, `parse*`, `validate*` and
// `paginate` throw as before. Only the error's class name is kept: its text could be anything.
const SYNC = /^(build|parse|validate|paginate|free|toString|operations)/;
const GUARDED = Symbol("aicall.guarded");
const PAGE_STEP = Symbol("aicall.pageStep");
const CHECKED = Symbol("aicall.optionsChecked");

// An escaped value's class name (its text could be anything).
function errorName(e) {
  try {
    return e instanceof Error && typeof e.name === "string" ? e.name.slice(0, 40) : typeof e;
  } catch {
    return "unknown"; // a revoked proxy
  }
}

function asAicallError(e, freed) {
  if (e instanceof AicallError) return e;
  if (freed) return new AicallError("this client was freed: create a new one", { kind: "aborted", code: "client_freed" });
  return new AicallError(`the call could not complete (${errorName(e)})`, { kind: "aborted", code: "internal_error" });
}

function guardMethods(Class) {
  for (const [target, isStatic] of [[Class.prototype, false], [Class, true]]) {
    if (Object.prototype.hasOwnProperty.call(target, GUARDED)) continue;
    Object.defineProperty(target, GUARDED, { value: true });
    for (const key of Object.getOwnPropertyNames(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key);
      if (!isStatic && typeof d.get === "function" && !key.startsWith("__")) {
        // A getter (`locale`) on a freed client: "this client was freed", as the methods say.
        const get = d.get;
        Object.defineProperty(target, key, { ...d, get() {
          const freed = this && this.__wbg_ptr === 0;
          try {
            if (freed) throw undefined;
            return get.call(this);
          } catch (e) {
            throw asAicallError(e, freed);
          }
        } });
        continue;
      }
      if (key === "constructor" || key.startsWith("__") || typeof d.value !== "function") continue;
      if (key === "free") {
        // Freeing twice (or `free()`, then `using`'s dispose) is a no-op, as closing twice is.
        const inner = d.value;
        // Called unbound (`const f = client.free; f()`) it has no client to free: a no-op too.
        const free = { free() { if (this instanceof Class && this.__wbg_ptr !== 0) inner.call(this); } }.free;
        Object.defineProperty(target, key, { ...d, value: free });
        if (typeof Symbol.dispose === "symbol" && target[Symbol.dispose] === inner) Object.defineProperty(target, Symbol.dispose, { ...d, value: free });
        continue;
      }
      if (isStatic && (key === "operations" || key === "length" || key === "name" || key === "prototype")) continue;
      const inner = d.value;
      const sync = isStatic || SYNC.test(key);
      Object.defineProperty(target, key, {
        ...d,
        value: function (...args) {
          const freed = !isStatic && this && this.__wbg_ptr === 0;
          let out;
          try {
            if (!isStatic && !(this instanceof Class)) throw unbound(key);
            if (freed) throw undefined;
            out = inner.apply(this, args);
          } catch (e) {
            if (sync) throw asAicallError(e, freed);
            return Promise.reject(asAicallError(e, freed));
          }
          if (sync || !out || typeof out.then !== "function") return out;
          // The client stays reachable until its call settles: `await new AgentApi(o).addNumbers(…)`
          // keeps no other reference, and a client the garbage collector frees mid-call (its
          // FinalizationRegistry runs `free`) would stop sending, as an explicit `free()` does.
          const client = this;
          return out.then(
            (v) => (client.__wbg_ptr, v),
            (e) => { throw asAicallError(e, client.__wbg_ptr === 0); },
          );
        },
      });
    }
  }
}

// The inlined wasm's base64, decoded: by the platform where it can (Uint8Array.fromBase64 in
// current browsers, Buffer in Node), else through atob and a loop. For the whole SDK's 343 KB
// in a fresh Node 20 process the loop took 14 ms, Buffer 0.7 ms.
export function decodeBase64(b64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
  const B = globalThis.Buffer;
  if (typeof B === "function" && typeof B.from === "function" && typeof process === "object") {
    const buf = B.from(b64, "base64");
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  }
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

// A wasm that could not be compiled or instantiated (a Content-Security-Policy without
// 'wasm-unsafe-eval', no WebAssembly, no memory): an AicallError like every other failure;
// nothing was kept, so the next call tries again.
// No Content-Security-Policy applies in Node: there the usual cause is `init()` of
// "aicall/web" without an argument, which fetches the wasm's file: URL (Node's fetch cannot).
// `nodeHint` is what to say in Node instead (the validators, which have no init(), say none).
const CSP_HINT = "where a Content-Security-Policy applies, it must allow 'wasm-unsafe-eval'";
const NODE_INIT_HINT = "in Node, the package's main entry (`import { AgentApi } from \"aicall\"`) loads the wasm itself; " +
  "\"aicall/web\" needs the bytes: `init(fs.readFileSync(new URL(import.meta.resolve(\"aicall/web/aicall_bg.wasm\"))))`";
const inNode = () => typeof process === "object" && process !== null && typeof process.versions?.node === "string";
export function loadFailed(e, nodeHint = NODE_INIT_HINT) {
  if (e instanceof AicallError) return e;
  const hint = inNode() ? nodeHint : CSP_HINT;
  return new AicallError(`the WebAssembly module could not be loaded (${errorName(e)})${hint ? `; ${hint}` : ""}`,
    { kind: "aborted", code: "wasm_unavailable", retryable: true });
}

// "aicall/validate" exports these in place of the classes: the whole SDK's static validators,
// from the validation-only wasm. `current()` gives the wasm-bindgen module with a live instance
// (instantiating one when there is none), `reset()` drops the instance. A trap or a stack
// overflow that escapes a call can leave an instance unusable for good (its shadow stack or a
// borrow left half-way); the validators keep no state, so once no call is running any more,
// the next call gets a fresh instance of the same compiled module.
export function validatorsOf(current, reset) {
  let depth = 0;
  let broken = false;
  function run(f) {
    let m;
    try {
      m = current();
    } catch (e) {
      throw loadFailed(e, "");
    }
    depth++;
    try {
      return f(m);
    } catch (e) {
      if (!(e instanceof AicallError)) broken = true;
      throw asAicallError(e, false);
    } finally {
      depth--;
      // Never while a call is still on the stack (a getter may call a validator): that call
      // would find the glue pointing at another instance.
      if (broken && depth === 0) {
        broken = false;
        reset();
      }
    }
  }
  const AgentApi = Object.freeze({
    validate: (name, args, options) => run((m) => m.AgentApi.validate(name, args, options)),
    validateTaskUpdate: (body, options) => run((m) => m.AgentApi.validateTaskUpdate(body, options)),
    validateRecordIds: (recordIds, options) => run((m) => m.AgentApi.validateRecordIds(recordIds, options)),
  });
  const Aiccs = Object.freeze({
    validate: (action, params, options) => run((m) => m.Aiccs.validate(action, params, options)),
  });
  return { AgentApi, Aiccs };
}
