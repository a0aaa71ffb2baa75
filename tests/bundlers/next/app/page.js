"use client";
import { useEffect, useState } from "react";
import { AgentApi, Aiccs, AicallError } from "aicall";

export default function Page() {
  const [codes, setCodes] = useState("");
  useEffect(() => {
    const issues = AgentApi.validateRecordIds(["a", "a"]);
    let kind;
    try { new Aiccs({}); } catch (e) { kind = e instanceof AicallError ? e.kind : String(e); }
    const req = new AgentApi({ token: "t" }).buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
    window.__aicall = { entry: "aicall", codes: issues.map((i) => i.code), kind, method: req.method, ops: Aiccs.operations().length };
    setCodes(issues.map((i) => i.code).join(","));
  }, []);
  return <p id="codes">{codes}</p>;
}
