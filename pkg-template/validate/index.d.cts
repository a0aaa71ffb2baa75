// Types of `require("aicall/validate")` (Node, CommonJS): the validators of "aicall".
import type { AgentApi as FullAgentApi, Aiccs as FullAiccs } from "../types.cjs";
export type { Issue, IssueCode, Locale, AicallErrorFields, AiccsAction, AgentOperationName, AgentOperations, ValidateOptions, TaskUpdateV2, TaskUpdateLegacy } from "../types.cjs";
export { AicallError } from "../types.cjs";
/** `AgentApi.validate`, `AgentApi.validateTaskUpdate` and `AgentApi.validateRecordIds` of "aicall". */
export declare const AgentApi: Readonly<Pick<typeof FullAgentApi, "validate" | "validateTaskUpdate" | "validateRecordIds">>;
/** `Aiccs.validate` of "aicall". */
export declare const Aiccs: Readonly<Pick<typeof FullAiccs, "validate">>;
