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
  }

  toJSON() {
    const out = { name: this.name, kind: this.kind, code: this.code, message: this.message, retryable: this.retryable };
    for (const k of ["issues", "status", "apiCode", "requestId"]) if (this[k] !== undefined) out[k] = this[k];
    return out;
  }
}

// Each class gets `operations()` (a fresh copy of the metadata generated from the Rust
// operation declarations at build time) and one camelCase method per operation.
// Methods the class already has are kept.
export function installOperations(Class, list) {
  const text = JSON.stringify(list);
  Object.defineProperty(Class, "operations", {
    value: function operations() { return JSON.parse(text); },
    writable: true,
    configurable: true,
  });
  for (const op of list) {
    const method = op.clientMethod ?? op.name;
    if (Object.prototype.hasOwnProperty.call(Class.prototype, method)) continue;
    const name = op.name;
    Object.defineProperty(Class.prototype, method, {
      value: function (params, options) { return this.call(name, params, options); },
      writable: true,
      configurable: true,
    });
  }
}
