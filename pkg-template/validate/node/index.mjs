// "aicall/validate" in Node (import): the same module instance as require("aicall/validate"),
// loaded through createRequire for the reason given in node/index.mjs.
import { createRequire } from "node:module";
const m = createRequire(import.meta.url)("./index.cjs");
export const { AgentApi, Aiccs, AicallError } = m;
export default m;
