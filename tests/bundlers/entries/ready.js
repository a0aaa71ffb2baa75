// "aicall" in a browser bundle: ready on import, no init.
import { AgentApi, Aiccs, AicallError } from "aicall";

const issues = AgentApi.validateRecordIds(["a", "a"]);
let kind;
try {
  new Aiccs({});
} catch (e) {
  kind = e instanceof AicallError ? e.kind : String(e);
}
const req = new AgentApi({ token: "t" }).buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
window.__aicall = { entry: "aicall", codes: issues.map((i) => i.code), kind, method: req.method, ops: Aiccs.operations().length };
