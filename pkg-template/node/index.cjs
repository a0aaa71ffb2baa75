"use strict";
// Node entry (require). The wasm loads synchronously here: no init call.
const wasm = require("./aicall.js");
const { AicallError, installOperations, issuesFrom } = require("./runtime.cjs");
wasm.__registerErrorClass(AicallError, issuesFrom);
const operations = require("./operations.cjs");
installOperations(wasm.Aiccs, operations.aiccs);
installOperations(wasm.AgentApi, operations.agentApi);

// Credentials from the environment, Node only (the browser build never reads one), the way
// the official Alibaba Cloud SDKs do. Explicit options always win:
// - Aiccs: when neither accessKeyId nor accessKeySecret is given, both come from
//   ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, and securityToken (unless
//   given) from ALIBABA_CLOUD_SECURITY_TOKEN. Keys given in code never mix with the environment.
// - AgentApi: a token left out comes from AICALL_AGENT_TOKEN.
// Anything odd about `options` (not an object, a throwing getter) is left for the core to report.
function withEnv(options, fill) {
  if (options !== undefined && (options === null || typeof options !== "object")) return options;
  try {
    return fill(options === undefined ? {} : options) ?? options;
  } catch {
    return options;
  }
}

const env = (name) => {
  const v = process.env[name];
  return v === undefined || v === "" ? undefined : v;
};

function aiccsFromEnv(o) {
  if (own(o, "accessKeyId") !== undefined || own(o, "accessKeySecret") !== undefined) return undefined;
  const accessKeyId = env("ALIBABA_CLOUD_ACCESS_KEY_ID");
  const accessKeySecret = env("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  if (accessKeyId === undefined && accessKeySecret === undefined) return undefined;
  const token = env("ALIBABA_CLOUD_SECURITY_TOKEN");
  const sts = own(o, "securityToken") === undefined && token !== undefined ? { securityToken: token } : {};
  return withValues(o, { accessKeyId, accessKeySecret, ...sts });
}

// `o` with `values` set, every own option of `o` kept as it is: non-enumerable ones (which
// Object.assign would drop, and with them a `baseUrl` or a `fetch`) and getters included.
function withValues(o, values) {
  const out = {};
  for (const k of Object.getOwnPropertyNames(o)) Object.defineProperty(out, k, Object.getOwnPropertyDescriptor(o, k));
  for (const [k, v] of Object.entries(values)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

// Only the options' own properties count, as they do in the core: a property inherited
// from a polluted Object.prototype neither blocks nor replaces the environment.
const own = (o, k) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

function agentFromEnv(o) {
  if (own(o, "token") !== undefined) return undefined;
  const token = env("AICALL_AGENT_TOKEN");
  return token === undefined ? undefined : withValues(o, { token });
}

class AgentApi extends wasm.AgentApi {
  constructor(options) {
    super(withEnv(options, agentFromEnv));
  }
}

class Aiccs extends wasm.Aiccs {
  constructor(options) {
    super(withEnv(options, aiccsFromEnv));
  }
}

module.exports = { AgentApi, Aiccs, AicallError };
