// `using` with the classes: a project with lib "esnext.disposable" declares [Symbol.dispose]
// itself (the shipped .d.ts do not, so they compile without that lib); README "free() and using".
import { AgentApi } from "aicall";
declare module "aicall" {
  interface AgentApi { [Symbol.dispose](): void }
}
export function f(): void {
  using api = new AgentApi({ token: "t" });
  console.log(api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] }));
}
