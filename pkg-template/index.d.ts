export { AgentApi, Aiccs } from "./web/aicall.js";
export * from "./types.js";
