// Node entry (import): the same module instance as require("aicall").
import m from "./index.cjs";
export const { AgentApi, Aiccs, AicallError } = m;
export default m;
