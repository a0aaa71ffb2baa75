"use strict";
// Node entry (require). The wasm loads synchronously here: no init call.
const wasm = require("./aicall.js");
const { AicallError, installOperations } = require("./runtime.cjs");
wasm.__registerErrorClass(AicallError);
const operations = require("./operations.cjs");
installOperations(wasm.Aiccs, operations.aiccs);
installOperations(wasm.AgentApi, operations.agentApi);
module.exports = { AgentApi: wasm.AgentApi, Aiccs: wasm.Aiccs, AicallError };
