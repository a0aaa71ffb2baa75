// Browser entry with explicit loading: `import init, { AgentApi, Aiccs } from "aicall/web"; await init();`
// (`import { AgentApi } from "aicall"` is the same API, ready on import, no init.)
// Declared without DOM or Node types, so it compiles in browser and Node projects alike.
export * from "../types.js";
/** The wasm bytes. */
export type WasmBytes = ArrayBuffer | ArrayBufferView;
/** A compiled `WebAssembly.Module` (declared as `object` so no DOM or Node types are needed). */
export type WasmModule = object;
/** Where the wasm comes from: a URL (string or `URL`), a fetch `Response`, the bytes, or a compiled module. */
export type InitInput = string | { readonly href: string } | { arrayBuffer(): Promise<ArrayBuffer> } | WasmBytes | WasmModule;
export type SyncInitInput = WasmBytes | WasmModule;
/**
 * Loads the wasm (by default `aicall_bg.wasm` next to this module). Call once before using the
 * classes; calling it again is safe, and a call that failed can be retried. Until it resolves,
 * the classes throw an `AicallError` with code `"not_initialized"`.
 */
export default function init(input?: InitInput | PromiseLike<InitInput> | { module_or_path: InitInput | PromiseLike<InitInput> }): Promise<void>;
/** Synchronous init from the bytes or a compiled module (workers, Node). */
export function initSync(module: SyncInitInput | { module: SyncInitInput }): void;
