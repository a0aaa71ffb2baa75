// Node, CommonJS: this file compiles to require("aicall"); the types come from index.d.cts.
import { AgentApi, Aiccs, AicallError } from "aicall";
import type { Issue, CreateAiCallTaskParams } from "aicall";
import aicall = require("aicall");

const issues: Issue[] = AgentApi.validateTaskUpdate({}, { variant: "legacy" });
const params: CreateAiCallTaskParams = { TaskName: "x", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [{ startTime: "09:00:00", endTime: "12:00:00" }] };
const more: Issue[] = Aiccs.validate("CreateAiCallTask", params);
async function main(): Promise<void> {
  const client = new aicall.Aiccs({ accessKeyId: "id", accessKeySecret: "secret", endpoint: "127.0.0.1:8787", protocol: "http" });
  try {
    const created = await client.createAiCallTask(params);
    console.log(created.Data);
  } catch (e) {
    if (e instanceof AicallError) console.log(e.kind, e.apiCode, e.requestId);
  }
}
void main;
console.log(issues, more);

// "aicall/validate" (Node, require): the validators alone; the types come from validate/index.d.cts.
import validators = require("aicall/validate");
const vIssues: Issue[] = validators.AgentApi.validateTaskUpdate({});
const vMore: Issue[] = validators.Aiccs.validate("StartAiCallTask", { TaskId: "1" });
// @ts-expect-error no client in the validators' entry
void validators.AgentApi.call;
console.log(vIssues, vMore);
