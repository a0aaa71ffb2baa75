// Browser entry: `import init, { AgentApi, Aiccs } from "aicall/web"; await init();`
export * from "../types.js";
/** Where the wasm comes from: a URL, a fetch Response, the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
export type SyncInitInput = BufferSource | WebAssembly.Module;
/** Loads the wasm module; call once before using the classes. */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
/** Synchronous init from bytes or a compiled module. */
export function initSync(module: SyncInitInput | { module: SyncInitInput }): void;
