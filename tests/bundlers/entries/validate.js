// "aicall/validate" in a browser bundle: the validators alone, ready on import.
import { AgentApi, Aiccs, AicallError } from "aicall/validate";
import validators from "aicall/validate";

const codes = AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code);
const aiccs = Aiccs.validate("StartAiCallTask", {}, { locale: "zh-CN" }).map((i) => `${i.path} ${i.code}`);
let kind;
try {
  AgentApi.validateTaskUpdate({}, { locale: "xx" });
} catch (e) {
  kind = e instanceof AicallError ? e.kind : String(e);
}
window.__aicall = { entry: "aicall/validate", codes, aiccs, kind, same: validators.AgentApi === AgentApi, client: "buildRequest" in AgentApi };
