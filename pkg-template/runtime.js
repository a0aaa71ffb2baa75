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

// One camelCase method per aiccs action, from the operation table the wasm exports.
export function installOperations(Aiccs) {
  for (const op of Aiccs.operations()) {
    Object.defineProperty(Aiccs.prototype, op.method, {
      value: function (params, options) { return this.call(op.action, params, options); },
      writable: true,
      configurable: true,
    });
  }
}
