"use strict";
// Node entry (require). The wasm loads synchronously here: no init call.
const wasm = require("./aicall.js");
const { AicallError } = require("./aicall-error.cjs");
wasm.__registerErrorClass(AicallError);
module.exports = { AgentApi: wasm.AgentApi, Aiccs: wasm.Aiccs, AicallError };
