import { AgentApi, Aiccs, AicallError } from "aicall";
import aicall from "aicall";

const codes = AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code);
let kind;
try { new Aiccs({ accessKeyId: "a" }); } catch (e) { kind = e instanceof AicallError ? e.kind : String(e); }
console.log(JSON.stringify({ entry: "aicall", codes, kind, same: aicall.AgentApi === AgentApi, ops: Aiccs.operations().length }));
