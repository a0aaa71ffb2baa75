// "aicall/web" with a bundler that does not follow `new URL("…wasm", import.meta.url)`
// (esbuild): import the exported wasm file as a URL and hand it to init().
import init, { AgentApi, AicallError } from "aicall/web";
import wasmUrl from "aicall/web/aicall_bg.wasm";

let before;
try {
  AgentApi.validateRecordIds([]);
} catch (e) {
  before = e instanceof AicallError ? e.code : String(e);
}
init(wasmUrl).then(
  () => { window.__aicall = { entry: "aicall/web", before, codes: AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code) }; },
  (e) => { window.__aicall = { entry: "aicall/web", error: String(e) }; },
);
