"use strict";
// Node entry (require). The wasm loads synchronously here: no init call.
const wasm = require("./aicall.js");
const { AicallError, installOperations } = require("./runtime.cjs");
wasm.__registerErrorClass(AicallError);
installOperations(wasm.Aiccs);
module.exports = { AgentApi: wasm.AgentApi, Aiccs: wasm.Aiccs, AicallError };
