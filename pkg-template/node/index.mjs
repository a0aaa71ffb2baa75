// Node entry (import): the same module instance as require("aicall"). Loaded through
// createRequire rather than `import m from "./index.cjs"`: Node 20's ESM loader reads a CJS
// module imported that way, and each file it requires, through its own translator, which
// cost ~1.9 ms of every cold start (median of 21 fresh processes each way).
import { createRequire } from "node:module";
const m = createRequire(import.meta.url)("./index.cjs");
export const { AgentApi, Aiccs, AicallError } = m;
export default m;
