"use strict";
// "aicall/validate" in Node (require): the validators of "aicall" from the validation-only
// wasm, read from the file next to this one, with the Node build's AicallError (so
// `instanceof` holds across "aicall" and "aicall/validate"). The wasm-bindgen module
// instantiates when required; after a reset (see validatorsOf) it is required afresh.
const { AicallError, issuesFrom, validatorsOf } = require("../../node/runtime.cjs");

const GLUE = require.resolve("./aicall.js");
let glue = null;

function current() {
  if (glue === null) {
    try {
      const m = require(GLUE);
      m.__registerErrorClass(AicallError, issuesFrom);
      glue = m;
    } catch (e) {
      // Started half-way (near the end of the stack, say): never reuse that instance.
      delete require.cache[GLUE];
      throw e;
    }
  }
  return glue;
}

function reset() {
  delete require.cache[GLUE];
  glue = null;
}

try {
  current(); // ready on require, as "aicall" is
} catch {
  // The first call reports it (an AicallError, "wasm_unavailable") and tries again.
}
const { AgentApi, Aiccs } = validatorsOf(current, reset);
module.exports = { AgentApi, Aiccs, AicallError };
