// Types of `require("aicall")` (Node, CommonJS).
export * from "./types.cjs";
