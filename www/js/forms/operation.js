// The generic operation form: one field per parameter of the operation's metadata, for any
// operation of either API. Issues come from the SDK (Aiccs.validate, or the Agent API build
// throwing AicallError with every issue); the preview is the SDK's own request.
import { h, pretty } from "../dom.js";
import { t, tx, getLocale } from "../i18n.js";
import { makeControl } from "../controls.js";
import { capitalize, highlightOf, structuredBody, toText } from "../meta.js";
import { bodyEditor } from "./body.js";
import { createFrame, fieldBlock, showIssues, withMore } from "./frame.js";

/**
 * @param ctx { agent(), aiccs(), settingsIssues(api), AgentApi, Aiccs, AicallError, changed(form), pending(form), send(form), sigLabel(), toggleTask(form, action), taskState(form) }
 * @param entry { api, id, op } from operationEntries()
 * @param example example argument values (demo data)
 * @param hooks optional overrides for other form kinds: { desc, issues(args), build(args), preview(args), answer(data), refreshed(args, issues) }
 */
export function operationForm(ctx, entry, example, hooks = {}) {
  const { api, id, op } = entry;
  const params = op.params ?? [];
  const agent = api === "agent";
  const bodyParam = structuredBody(entry);
  const title = `${agent ? "Agent API" : "aiccs"} · ${id}`;
  const builder = agent ? agentBuilder(ctx, id) : null;
  const desc = hooks.desc ?? (() => agent
    ? t("agentDesc", { summary: op.summary ?? "", fn: `api.${builder.name}`, name: id })
    : t("aiccsDesc", { summary: op.summary ?? "", action: id, sig: ctx.sigLabel() }));
  const frame = createFrame({ id, title, desc });
  const form = { id, entry, frame, controls: new Map(), body: null };
  const onInput = () => ctx.changed(form);

  // ---- fields
  const main = [];
  const more = [];
  for (const p of params) {
    if (p === bodyParam) continue;
    const control = makeControl(p.type, { path: p.name, testid: `field-${id}-${p.name}`, onInput, required: p.required });
    control.set(example[p.name]);
    const where = { path: "inPath", query: "inQuery", body: "inBody" }[p.in];
    const tags = agent ? [where ? h("span", { class: "tag-in", i18n: where }) : null, p.wire && p.wire !== p.name ? p.wire : null].filter(Boolean) : [];
    const block = fieldBlock(frame, { key: p.name, name: p.name, tags, required: p.required, doc: p.doc, control, issueTestid: `issue-${id}-${p.name}` });
    form.controls.set(p.name, control);
    (p.required || example[p.name] !== undefined ? main : more).push(block);
  }
  if (params.length === 0) frame.body.append(h("p", { class: "muted" }, t("noParams", { name: id })));
  frame.body.append(withMore(main, more));
  if (bodyParam) {
    form.body = bodyEditor({ frame, param: bodyParam, example: example.body, id, onInput });
    frame.body.append(form.body.el);
  }

  // ---- actions
  const sendBtn = h("button", { type: "button", class: "btn btn-primary", testid: `send-${id}`, onclick: () => ctx.send(form) });
  tx(sendBtn, () => (ctx.pending(form) ? t("sending") : t("send")));
  frame.actions.append(sendBtn);
  let unparsed = false;   // JSON that does not parse: nothing to send
  let refocus = false;
  /**
   * Send is disabled and aria-busy while its request is pending (a second click would do
   * nothing), enabled again whatever the outcome. A disabled button loses the focus: it gets it
   * back if nothing else took it meanwhile.
   */
  form.syncSend = () => {
    const busy = ctx.pending(form);
    if (busy && document.activeElement === sendBtn) refocus = true;
    sendBtn.disabled = unparsed || busy;
    if (busy) sendBtn.setAttribute("aria-busy", "true");
    else sendBtn.removeAttribute("aria-busy");
    if (!busy && refocus) {
      refocus = false;
      const active = document.activeElement;
      if (!sendBtn.disabled && !frame.el.hidden && (!active || active === document.body)) sendBtn.focus();
    }
  };
  if (agent && params.some((p) => p.name === "taskId")) {
    // the emulator can switch a task between running and stopped (a running task answers 6007)
    const state = tx(h("span", { class: "task-state", testid: `task-state-${id}` }), () => {
      const r = ctx.taskState(form);
      return r === undefined ? "" : t("taskState", { state: r ? t("taskRunning") : t("taskStopped") });
    });
    form.taskStateEl = state;
    frame.actions.append(h("span", { class: "spacer" }), h("span", { class: "emu-group" }, state,
      h("button", { type: "button", class: "btn btn-small", testid: `start-task-${id}`, i18n: "startTask", onclick: () => ctx.toggleTask(form, "start") }),
      h("button", { type: "button", class: "btn btn-small", testid: `stop-task-${id}`, i18n: "stopTask", onclick: () => ctx.toggleTask(form, "stop") })));
  }

  // ---- values, issues, request
  /** { args, jsonErrors: [{ path, code, message }] } from the fields as they are now. */
  form.values = () => {
    const args = {};
    const jsonErrors = [];
    for (const [name, control] of form.controls) {
      const v = control.get();
      const err = control.error();
      if (err) jsonErrors.push(jsonIssue(name, err));
      if (v !== undefined) args[name] = v;
    }
    if (form.body) {
      args.body = form.body.value();
      const variant = form.body.variant();
      if (variant !== undefined) args.variant = variant;
      if (form.body.error()) jsonErrors.push(jsonIssue("body", form.body.error()));
    }
    return { args, jsonErrors };
  };

  // Agent API body issues are relative to the body; the form's slots are "body.<path>".
  const topNames = new Set([...params.map((p) => p.name), "variant"]);
  form.normalize = (path) => {
    if (!form.body) return path;
    if (path === "") return "body";
    return topNames.has(path.split(/[.[]/)[0]) ? path : `body.${path}`;
  };

  form.build = hooks.build ?? ((args) => (agent
    ? builder.call(args)
    : ctx.aiccs().buildRequest(id, args, {})));

  /** Re-validates this form (only this one) and shows every issue beside its field. */
  form.refresh = () => {
    const { args, jsonErrors } = form.values();
    // settings the client cannot be made from: said beside the settings (not as the form's own)
    const settingIssues = ctx.settingsIssues(api);
    let issues;
    try {
      if (hooks.issues) issues = hooks.issues(args);
      else if (!agent) issues = ctx.Aiccs.validate(id, args, { locale: getLocale() });
      // no client, no build: the fields are still checked without one
      else if (settingIssues.length) issues = ctx.AgentApi.validate(id, args, { locale: getLocale() });
      else issues = sdkIssues(ctx, () => form.build(args));
    } catch (e) {
      issues = [{ path: "", code: e.code ?? "error", message: e.message }];
    }
    // a parameter whose JSON does not parse is not sent: its JSON error says all there is
    const broken = new Set(jsonErrors.filter((j) => j.path !== "body").map((j) => j.path));
    issues = issues.filter((i) => !broken.has((i.path ?? "").split(/[.[]/)[0]));
    showIssues(frame, [...jsonErrors, ...(form.body?.held() ?? []), ...issues], form.normalize, settingIssues);
    unparsed = jsonErrors.length > 0;
    form.syncSend();
    hooks.refreshed?.(args, issues);
    return issues;
  };

  form.fnName = agent ? `api.${builder.name}` : "client.buildRequest";
  form.preview = hooks.preview ?? (() => {
    const { args, jsonErrors } = form.values();
    if (jsonErrors.length) throw new Error(jsonErrors[0].message);
    return { request: form.build(args), params: agent ? undefined : args };
  });

  form.send = () => {
    const { args } = form.values();
    if (!agent) return ctx.aiccs().call(id, args, {});
    const client = ctx.agent();
    return typeof client[id] === "function" ? client[id](args) : client.call(id, args);
  };

  form.answer = hooks.answer ?? ((data) => {
    if (agent) {
      if (data === undefined) return [h("p", { class: "ok-line" }, t("resolved", { name: id }))];
      return [h("p", { class: "ok-line" }, t("resolved", { name: id })), h("pre", { class: "code", testid: "result-json" }, pretty(data))];
    }
    const hl = highlightOf(data);
    return [
      hl ? h("div", { class: "highlight" }, h("span", { class: "muted" }, hl[0]), h("code", { testid: "result-highlight" }, toText(hl[1]))) : null,
      h("pre", { class: "code", testid: "result-json" }, pretty(data)),
    ];
  });
  return form;
}

/**
 * The issue of JSON that does not parse; err: { msg (the engine's, English), line, column }.
 * The page says where (line, column); English adds the engine's words, without its own position.
 */
function jsonIssue(path, err) {
  // No position (nesting deeper than the page's reader goes): said without one.
  if (err.line === undefined) return { path, code: "invalid_json", message: t("jsonInvalid") };
  const msg = err.msg.replace(/ (in JSON )?at position \d+( \(line \d+ column \d+\))?$/, "");
  return { path, code: "invalid_json", message: t("jsonSyntax", { msg, line: err.line, col: err.column }) };
}

/** The Agent API builder of an operation: its own build<Name> method, else buildRequest(name, args). */
function agentBuilder(ctx, id) {
  const own = `build${capitalize(id)}`;
  const probe = ctx.AgentApi.prototype;
  if (typeof probe[own] === "function") return { name: own, call: (args) => ctx.agent()[own](args) };
  return { name: "buildRequest", call: (args) => ctx.agent().buildRequest(id, args) };
}

/** The issues an SDK build reports by throwing AicallError kind "validation" ([] when it builds). */
function sdkIssues(ctx, build) {
  try {
    build();
    return [];
  } catch (e) {
    if (e instanceof ctx.AicallError && e.kind === "validation") return e.issues ?? [];
    throw e;
  }
}
