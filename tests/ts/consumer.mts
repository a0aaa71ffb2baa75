// Compiled with `tsc --strict` against the built package's .d.ts: the types a user sees.
import { AgentApi, Aiccs, AicallError } from "aicall";
import type { Issue, HttpRequest, TaskUpdateV2, TaskUpdateLegacy, CreateAiCallTaskParams, HangupOperateResponse } from "aicall";

const api = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:8787", timeoutMs: 5000, locale: "zh-CN" });

const body: TaskUpdateV2 = {
  name: "任务",
  destination_extension: 123,
  maximumcall: 2,
  dial_time_id: "5",
  is_group_switch: 1,
  task_extras: {
    start_time: "2024-12-23 19:00:00",
    stop_time: "2025-12-25 23:59:59",
    line: [{ id: "d47c3599", limit: 2 }],
    pop_mode: 1,
    redial_conditions: { da_status: [2, 3, 12] },
  },
};
const legacy: TaskUpdateLegacy = {
  name: "旧版", destination_extension: 102, maximumcall: 1, dial_time_id: 5,
  task_extras: { start_time: "2024-11-01 13:25:26", stop_time: "2025-11-01 13:25:26", line: ["29c39ec4"], holiday: [{ begin: "2024-11-01 13:25", end: "2024-11-03 13:25" }] },
};

const issues: Issue[] = AgentApi.validateTaskUpdate(body, { variant: "v2" });
for (const i of issues) {
  const code: "required" | "not_divisible" | string = i.code;
  console.log(i.path, code, i.message);
}
const req: HttpRequest = api.buildUpdateTask({ userId: "u", taskId: "t", body });
const req2: HttpRequest = api.buildUpdateTask({ userId: "u", taskId: "t", variant: "legacy", body: legacy });
const method: "GET" | "POST" | "PUT" | "DELETE" = req.method;
void fetch(req.url, req);
void req2;
void method;

async function run(): Promise<void> {
  await api.updateTask({ userId: "u", taskId: "t", body, signal: AbortSignal.timeout(1000) });
  const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"], concurrency: 2, onProgress: (p) => console.log(p.done, p.total) });
  for (const u of urls) console.log(u.record_id, u.voice_url);
  for (const f of failed) console.log(f.record_id, f.error.kind, f.error.apiCode);

  const client = new Aiccs({ accessKeyId: "id", accessKeySecret: "secret", endpoint: "127.0.0.1:8787", protocol: "http", signatureVersion: "v1" });
  const params: CreateAiCallTaskParams = {
    TaskName: "任务", StartType: "SCHEDULE", TaskStartTime: 1748923429000,
    CallDay: ["MONDAY", "FRIDAY"], CallTime: [{ startTime: "09:00:00", endTime: "12:00:00" }], MissCallRetry: false,
  };
  const created = await client.createAiCallTask(params);
  const taskId: number | string | undefined = created.Data;
  const hung: HangupOperateResponse = await client.hangupOperate({ CallId: "1^2" });
  const mesage: string | undefined = hung.Mesage;
  const viaCall = await client.call("LlmSmartCall", { ApplicationCode: "a", CalledNumber: "138", TtsSpeed: 10 });
  const callId: string | undefined = viaCall.CallId;
  const built: HttpRequest = client.buildRequest("StartAiCallTask", { TaskId: "1" }, { nonce: "n", timestamp: "2026-11-21T08:00:00Z" });
  const v: Issue[] = Aiccs.validate("GetCallDialogContent", { CallId: "1", CallDate: "2026-11-20" }, { now: Date.now(), locale: "en" });
  console.log(taskId, mesage, callId, built, v, Aiccs.operations().map((o) => o.action));
  // Operations declared from the SDK: typed params (nested models, repeat lists) and answers.
  const tags = await client.editQualityRuleTag({ InstanceId: "i", AnalysisTypes: [{ Id: 1, Name: "情绪" }] });
  const tagCode: string | undefined = tags.Code;
  const tasks = await client.listTask({ PageNo: 1, PageSize: 10 });
  const firstTask: string | undefined = tasks.Data?.Record?.[0]?.TaskName;
  for await (const row of client.paginate("ListHotlineRecordDetail", { InstanceId: "i", PageSize: 10 })) console.log(row);
  // paginate yields the item type of the answer's list; rows sent as JSON text are objects.
  for await (const task of client.paginate("ListTask", { PageSize: 10 })) {
    const done: number | undefined = task.CompleteCount;
    // @ts-expect-error a task record has no such field
    console.log(done, task.NoSuchField);
  }
  for await (const row of client.paginate("GetAgentStatistics", { InstanceId: "i", PageSize: 10 })) {
    const r: Record<string, unknown> = row;
    console.log(r);
  }
  // The seed's operations answer with what the SDK's models add to the seed too.
  for await (const d of client.paginate("QueryAiCallDetailPage", { TaskId: "1", Status: 1 })) {
    const callId: string | undefined = d.CallId;
    console.log(callId, d.VersionNo, d.CallExpireTime);
  }
  const stats = await client.getHotlineServiceStatistics({ InstanceId: "i" });
  const rows: string | undefined = stats.Data?.Rows;
  console.log(rows, stats.Code, stats.Success);
  console.log(tagCode, firstTask);
  const parsed: HangupOperateResponse = Aiccs.parseResponse("HangupOperate", 200, '{"Code":"OK","Mesage":"OK","Result":true}');
  const result: boolean | undefined = parsed.Result;
  console.log(result);
  try {
    Aiccs.parseResponse("HangupOperate", 200, "{}");
  } catch (e) {
    if (e instanceof AicallError) {
      const kind: "validation" | "api" | "http" | "network" | "timeout" | "aborted" | "parse" = e.kind;
      console.log(kind, e.code, e.apiCode, e.requestId, e.status, e.retryable, e.issues?.length);
    }
  }
}
void run;

// Wrong shapes must not compile.
// @ts-expect-error pop_mode only takes 0 | 1 | 2
const badPop: TaskUpdateV2 = { ...body, task_extras: { ...body.task_extras, pop_mode: 5 } };
// @ts-expect-error name is required
const noName: TaskUpdateV2 = { destination_extension: 1, maximumcall: 1, dial_time_id: 1, task_extras: body.task_extras };
// @ts-expect-error CallDay items are weekday literals
const badDay: CreateAiCallTaskParams = { ...params0(), CallDay: ["MON"] };
// @ts-expect-error RecallRule.Count is an integer (a number or a digit string)
void new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).updateAiOutboundTask({ InstanceId: "i", TaskId: 1, Name: "n", ExecutionTime: "t", HandlerId: 1, NumRepeated: 1, OutboundNums: [], RecallRule: { Count: true } });
// @ts-expect-error unknown action
void new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).call("NoSuchAction", {});
function params0(): CreateAiCallTaskParams {
  return { TaskName: "x", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [] };
}
void badPop; void noName; void badDay;
