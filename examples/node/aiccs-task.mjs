// aiccs from Node with the keys in the environment, the way the official Alibaba Cloud SDKs
// read them: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and, for STS,
// ALIBABA_CLOUD_SECURITY_TOKEN. Creates a task, imports numbers, starts it, reads it back.
//
// Against the local emulator (`npx aicall emulator` in another terminal):
//   ALIBABA_CLOUD_ACCESS_KEY_ID=demo-access-key-id ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-access-key-secret \
//     node aiccs-task.mjs http://127.0.0.1:8787
// Against Alibaba Cloud: your keys, no argument (https://aiccs.aliyuncs.com), and an AgentId
// of yours in AICCS_AGENT_ID.
import { Aiccs, AicallError } from "aicall";

const target = process.argv[2] ? new URL(process.argv[2]) : undefined;
const agentId = process.env.AICCS_AGENT_ID ?? "1180352918400512"; // an online agent of the emulator

try {
  // No keys in code: they come from the environment (a validation error when they are not there).
  const aiccs = new Aiccs(target ? { endpoint: target.host, protocol: target.protocol === "http:" ? "http" : "https" } : {});
  const created = await aiccs.createAiCallTask({
    TaskName: `example-${new Date().toISOString().slice(0, 19)}`,
    AgentId: agentId,
    StartType: "IMMEDIATE",
    CallDay: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
    CallTime: [{ startTime: "09:00:00", endTime: "12:00:00" }, { startTime: "14:00:00", endTime: "18:00:00" }],
    TaskCps: 5,
  });
  const taskId = String(created.Data);
  console.log("created task", taskId);

  // Up to 1000 numbers per call, in the form body.
  const numbers = Array.from({ length: 3 }, (_, i) => ({ calleeNumber: `1380000000${i}`, outId: `customer-${i}` }));
  await aiccs.importTaskNumberDatas({ TaskId: taskId, DataType: "JSON", PhoneNumberList: numbers });
  console.log("imported", numbers.length, "numbers");

  await aiccs.startAiCallTask({ TaskId: taskId });
  const detail = await aiccs.queryAiCallTaskDetail({ TaskId: taskId });
  // RealStartTime: when the task really started (ms), set once StartAiCallTask ran.
  const started = detail.Data?.RealStartTime;
  console.log("task started at", started ? new Date(started).toISOString() : "not yet");
} catch (e) {
  if (!(e instanceof AicallError)) throw e;
  // Never contains the AccessKeySecret.
  console.error(`${e.kind} ${e.code}: ${e.message}`);
  for (const i of e.issues ?? []) console.error(" ", i.path, i.code, i.message);
  process.exitCode = 1;
}
