// Types of "aicall/validate": the validators of "aicall", the same signatures.
// Like "aicall"'s types, they name AbortSignal and fetch: a project needs the DOM lib or @types/node.
import type { AgentApi as FullAgentApi, Aiccs as FullAiccs } from "../types.js";
export type { Issue, IssueCode, Locale, AicallErrorFields, AiccsAction, AgentOperationName, AgentOperations, ValidateOptions, TaskUpdateV2, TaskUpdateLegacy } from "../types.js";
export { AicallError } from "../types.js";
import { AicallError } from "../types.js";
/** `AgentApi.validate`, `AgentApi.validateTaskUpdate` and `AgentApi.validateRecordIds` of "aicall". */
export declare const AgentApi: Readonly<Pick<typeof FullAgentApi, "validate" | "validateTaskUpdate" | "validateRecordIds">>;
/** `Aiccs.validate` of "aicall". */
export declare const Aiccs: Readonly<Pick<typeof FullAiccs, "validate">>;
/** The module as one object: `import v from "aicall/validate"`. */
declare const validators: { AgentApi: typeof AgentApi; Aiccs: typeof Aiccs; AicallError: typeof AicallError };
export default validators;
