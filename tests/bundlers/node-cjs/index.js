const { AgentApi, Aiccs, AicallError } = require("aicall");

const codes = AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code);
let kind;
try { new Aiccs({ accessKeyId: "a" }); } catch (e) { kind = e instanceof AicallError ? e.kind : String(e); }
console.log(JSON.stringify({ entry: "aicall", codes, kind, same: true, ops: Aiccs.operations().length }));

// "aicall/validate": the same verdicts, and the same AicallError class as "aicall".
const V = require("aicall/validate");
let validateKind;
try { V.AgentApi.validateTaskUpdate({}, { locale: "xx" }); } catch (e) { validateKind = e instanceof AicallError ? e.kind : String(e); }
console.log(JSON.stringify({ entry: "aicall/validate", codes: V.AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code), kind: validateKind, same: V.AicallError === AicallError }));
