// Types of "aicall": Node (import) and browsers (ready on import, no init).
export * from "./types.js";
import { AgentApi, Aiccs, AicallError } from "./types.js";
/** The module as one object: `import aicall from "aicall"`. There is no `init` here (see "aicall/web"). */
declare const aicall: { AgentApi: typeof AgentApi; Aiccs: typeof Aiccs; AicallError: typeof AicallError };
export default aicall;
