// "aicall/web" in a browser bundle: explicit init(), the wasm fetched from next to the module
// (the bundler emits it as an asset). Before init, the classes say to call it.
import init, { AgentApi, AicallError } from "aicall/web";

let before;
try {
  AgentApi.validateRecordIds([]);
} catch (e) {
  before = e instanceof AicallError ? e.code : String(e);
}
init().then(
  () => { window.__aicall = { entry: "aicall/web", before, codes: AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code) }; },
  (e) => { window.__aicall = { entry: "aicall/web", error: String(e) }; },
);
