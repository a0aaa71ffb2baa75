export { AgentApi, Aiccs } from "./aicall.js";
export * from "../types.js";
import type { InitInput, SyncInitInput } from "./aicall.js";
/** Loads the wasm module; call once before using the classes. */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
/** Synchronous init from bytes or a compiled module. */
export function initSync(module: SyncInitInput | { module: SyncInitInput }): void;
