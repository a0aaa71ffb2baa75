// A browser project (lib DOM, no @types/node): "aicall" is ready on import; "aicall/web"
// has the explicit init() for pages that want to control where the wasm comes from.
import { AgentApi, Aiccs, AicallError } from "aicall";
import type { Issue, HttpRequest } from "aicall";
import aicall from "aicall";
import init, { AgentApi as WebAgentApi, initSync } from "aicall/web";

const textarea = document.querySelector("textarea");
const issues: Issue[] = AgentApi.validateRecordIds((textarea?.value ?? "").split("\n"));
const req: HttpRequest = new AgentApi({ token: "t" }).buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
void fetch(req.url, req);
const v: Issue[] = Aiccs.validate("GetCallDialogContent", { CallId: "1", CallDate: "2026-11-20" });
// @ts-expect-error "aicall" has no init: it is ready on import (init is in "aicall/web")
void aicall();
const sameClass: typeof AgentApi = aicall.AgentApi;

async function explicit(): Promise<void> {
  await init();
  await init(new URL("/assets/aicall_bg.wasm", location.href));
  await init({ module_or_path: fetch("/assets/aicall_bg.wasm") });
  initSync({ module: new Uint8Array(0) });
  try {
    WebAgentApi.validateRecordIds([]);
  } catch (e) {
    if (e instanceof AicallError && e.code === "not_initialized") console.log(e.message);
  }
}
void explicit;
console.log(issues, v, sameClass);

// "aicall/validate": the validators alone, with the same signatures.
import validators, { AgentApi as VAgentApi, Aiccs as VAiccs } from "aicall/validate";
import type { Issue as VIssue } from "aicall/validate";
const vIssues: VIssue[] = VAgentApi.validateTaskUpdate({}, { variant: "legacy", locale: "zh-CN" });
const vMore: Issue[] = VAiccs.validate("CreateAiCallTask", { TaskName: "x" }, { locale: "en" });
const vSame: typeof VAgentApi = validators.AgentApi;
// @ts-expect-error the validators' entry has no client
new VAgentApi({ token: "t" });
// @ts-expect-error nor anything that builds requests
VAiccs.buildRequest("StartAiCallTask", { TaskId: "1" });
// @ts-expect-error the action is a string
VAiccs.validate(5, {});
console.log(vIssues, vMore, vSame);
const vAgent: Issue[] = VAgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: [{ phone: "13800000000" }] } }, { locale: "zh-CN" });
const fullAgent: Issue[] = AgentApi.validate("updateTask", { userId: "u", taskId: "t", body: {} });
console.log(vAgent, fullAgent);
