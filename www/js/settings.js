// Connection settings and the SDK clients made from them.
import { $, h, issueBox, renderIssueList } from "./dom.js";
import { getLocale, t, tx } from "./i18n.js";

const FIELDS = [
  { group: "agentGroup", key: "baseUrl", def: () => location.origin },
  { group: "agentGroup", key: "token", def: () => "demo-token", type: "password" },
  { group: "aiccsGroup", key: "endpoint", def: () => location.host },
  { group: "aiccsGroup", key: "protocol", def: () => (location.protocol === "https:" ? "https" : "http"), options: ["http", "https"] },
  { group: "aiccsGroup", key: "accessKeyId", def: () => "demo-access-key-id" },
  { group: "aiccsGroup", key: "accessKeySecret", def: () => "demo-access-key-secret", type: "password" },
  { group: "aiccsGroup", key: "securityToken", def: () => "", type: "password" },
  { group: "aiccsGroup", key: "sigver", def: () => "v3", options: ["v3", "v1"] },
];

export const settings = Object.fromEntries(FIELDS.map((f) => [f.key, f.def()]));

/** The secrets a page must never show: the token, the AccessKeySecret, the STS token. */
export const secrets = () => [settings.token, settings.accessKeySecret, settings.securityToken].filter((s) => s && s.length >= 4);

export const sigLabel = () => (settings.sigver === "v1" ? "v1 HMAC-SHA1" : "v3 ACS3-HMAC-SHA256");

export const agentBase = () => settings.baseUrl.replace(/\/+$/, "");

/** Clients, made again only when a setting or the locale changed. */
export function clients({ AgentApi, Aiccs }) {
  const cache = {};
  const cached = (slot, opts, make) => {
    const key = JSON.stringify(opts);
    const c = cache[slot];
    if (!c || c.key !== key) {
      cache[slot] = { key };
      try { cache[slot].value = make(); } catch (e) { cache[slot].error = e; }
    }
    if (cache[slot].error) throw cache[slot].error;
    return cache[slot].value;
  };
  const made = {
    agent: () => {
      const opts = { token: settings.token, baseUrl: agentBase(), locale: getLocale() };
      return cached("agent", opts, () => new AgentApi(opts));
    },
    aiccs: () => {
      const opts = {
        accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret, endpoint: settings.endpoint,
        protocol: settings.protocol, signatureVersion: settings.sigver, locale: getLocale(),
      };
      if (settings.securityToken) opts.securityToken = settings.securityToken;
      return cached("aiccs", opts, () => new Aiccs(opts));
    },
  };
  /**
   * What the SDK says of the settings of one API ("agent" | "aiccs"): the issues of making its
   * client ([] when it makes one), each with `setting` (the settings key it names, or "") and `group`.
   */
  made.issues = (api) => {
    let issues = [];
    try {
      made[api]();
    } catch (e) {
      issues = e.issues?.length ? e.issues : [{ path: "", code: e.code ?? "error", message: e.message }];
    }
    const group = api === "agent" ? "agentGroup" : "aiccsGroup";
    return issues.map((i) => ({ ...i, setting: settingOf(group, i.path), group }));
  };
  return made;
}

// The SDK names a client option; the page's settings key is the same, but for one.
const KEY_OF = { signatureVersion: "sigver" };

const inputs = {};   // settings key -> { control, box, group }
const groupBoxes = {};   // group -> the box for its issues that name no setting
let openedFor = "";

/** The settings key of `group` an issue path names ("" when none). */
function settingOf(group, path) {
  const key = KEY_OF[path] ?? path;
  return inputs[key]?.group === group ? key : "";
}

/**
 * Shows the clients' issues (from `issues(api)`) beside the settings they name: aria-invalid
 * and the message under the input. The panel opens when they change (and can be folded again
 * while they stay).
 */
export function showSettingsIssues(issues) {
  for (const [key, { control, box }] of Object.entries(inputs)) {
    const list = issues.filter((i) => i.setting === key);
    renderIssueList(box, list, (path) => (KEY_OF[path] ?? path) === key);
    if (list.length) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
  for (const [group, box] of Object.entries(groupBoxes)) renderIssueList(box, issues.filter((i) => !i.setting && i.group === group));
  const key = JSON.stringify(issues.map((i) => [i.path, i.code]));
  if (issues.length && key !== openedFor) $("#settings").open = true;
  openedFor = issues.length ? key : "";
}

/** Opens the settings panel and focuses the input of `key` (or the first of `group`). */
export function focusSetting(key, group) {
  const input = inputs[key]?.control ?? Object.values(inputs).find((x) => x.group === group)?.control;
  if (!input) return;
  $("#settings").open = true;
  input.focus();
}

/** The settings panel; `onChange` after every edit. */
export function buildSettings(onChange) {
  const body = $("#settings-body");
  for (const group of ["agentGroup", "aiccsGroup"]) {
    const box = h("fieldset", { class: "settings-group" }, h("legend", { i18n: group }));
    for (const f of FIELDS.filter((x) => x.group === group)) {
      const id = `settings-${f.key}`;
      const control = f.options
        ? h("select", { id, testid: id }, f.options.map((o) => h("option", { value: o }, o)))
        : h("input", { id, testid: id, type: f.type ?? "text", autocomplete: "off", spellcheck: "false" });
      control.value = settings[f.key];
      control.addEventListener(f.options ? "change" : "input", () => {
        settings[f.key] = control.value;
        onChange();
      });
      const issues = issueBox(`settings-issues-${f.key}`, `${id}-issues`);
      control.setAttribute("aria-describedby", issues.id);
      inputs[f.key] = { control, box: issues, group };
      box.append(h("div", { class: "field" }, h("label", { for: id, i18n: f.key }), control, issues));
    }
    groupBoxes[group] = issueBox(`settings-issues-${group}`, `settings-${group}-issues`);
    box.append(groupBoxes[group]);
    body.append(box);
  }
  tx($("#settings-summary"), () => t("settingsSummary", {
    base: settings.baseUrl, endpoint: settings.endpoint, proto: settings.protocol, sig: sigLabel(),
  }));
}
