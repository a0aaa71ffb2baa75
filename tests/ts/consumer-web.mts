import init, { AgentApi, Aiccs, initSync } from "aicall/web";

async function main(): Promise<void> {
  await init();
  await init(new URL("./aicall_bg.wasm", "http://127.0.0.1:8787/pkg/web/"));
  initSync(new Uint8Array(0));
  console.log(AgentApi.validateRecordIds(["a", "b"]), Aiccs.operations().length);
}
void main;
