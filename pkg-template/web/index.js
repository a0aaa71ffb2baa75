// Browser entry with explicit loading: `import init, { AgentApi, Aiccs } from "aicall/web"; await init();`
// Using a class before init() throws an AicallError (code "not_initialized") that says so.
// `import { AgentApi } from "aicall"` is the same API, ready on import (ready.js).
export { default, initSync, AgentApi, Aiccs, AicallError } from "./core.js";
// core.js's own imports, named here too: fetched in two rounds instead of three when unbundled.
import "./aicall.js";
import "../runtime.js";
import "../operations.js";
