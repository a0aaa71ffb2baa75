"use strict";
// "aicall/validate" in Node (require): the validators of "aicall" from the validation-only
// wasm, read from the file next to this one and loaded here, with the Node build's
// AicallError (so `instanceof` holds across "aicall" and "aicall/validate").
const wasm = require("./aicall.js");
const { AicallError, issuesFrom, validatorsOf } = require("../../node/runtime.cjs");
wasm.__registerErrorClass(AicallError, issuesFrom);
const { AgentApi, Aiccs } = validatorsOf(wasm.AgentApi, wasm.Aiccs, () => {});
module.exports = { AgentApi, Aiccs, AicallError };
