// Node, ES modules: named imports, the default export (the module as one object), and the
// explicit-init browser entry, all type-checked against the shipped .d.ts.
import { AgentApi, Aiccs, AicallError } from "aicall";
import type { Issue, HttpRequest } from "aicall";
import aicall from "aicall";
import init, { initSync } from "aicall/web";
import { readFileSync } from "node:fs";

const issues: Issue[] = AgentApi.validateRecordIds(["a", "a"], { locale: "zh-CN" });
const req: HttpRequest = new AgentApi({ token: "t" }).buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
const client = new aicall.Aiccs({ accessKeyId: "id", accessKeySecret: "secret" });
const same: typeof Aiccs = aicall.Aiccs;
try {
  client.buildRequest("StartAiCallTask", { TaskId: "1" });
} catch (e) {
  if (e instanceof AicallError) console.log(e.kind, e.code, e.issues?.length);
}
// @ts-expect-error "aicall" has no init: it is ready on import (init is in "aicall/web")
await aicall();
await init({ module_or_path: readFileSync("aicall_bg.wasm") });
initSync({ module: readFileSync("aicall_bg.wasm") });
console.log(issues, req, same);

// "aicall/validate" (Node, import): the validators alone.
import { AgentApi as VAgentApi, Aiccs as VAiccs, AicallError as VAicallError } from "aicall/validate";
const vIssues: Issue[] = VAgentApi.validateRecordIds(["a"]);
const vMore: Issue[] = VAiccs.validate("StartAiCallTask", { TaskId: "1" });
const vError: typeof AicallError = VAicallError;
console.log(vIssues, vMore, vError);
