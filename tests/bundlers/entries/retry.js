// "aicall/web": a failed init() (the wasm URL answers 404) can be retried with a good one;
// in between, the classes repeat why it failed (wasm_unavailable).
import init, { AgentApi, AicallError } from "aicall/web";

const steps = [];
try {
  await init(new URL("./missing.wasm", import.meta.url));
  steps.push("no error");
} catch (e) {
  steps.push(/404/.test(String(e)) ? "404" : String(e));
}
try {
  AgentApi.validateRecordIds([]);
} catch (e) {
  steps.push(e instanceof AicallError ? e.code : String(e));
}
await init(new URL("./node_modules/aicall/web/aicall_bg.wasm", document.baseURI));
window.__aicall = { entry: "aicall/web", steps, codes: AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code) };
