// Seeds the fuzz corpora (fuzz/corpus/<target>/seed-*) from the test fixtures.
// Run by `make fuzz`; safe to run again (seed files are rewritten, found inputs are kept).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fx = (...p) => path.join(root, "tests/fixtures", ...p);
const out = (target, name, bytes) => {
  const dir = path.join(root, "fuzz/corpus", target);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `seed-${name}`), bytes);
};
const status = (s) => { const v = s - 100; return Buffer.from([v & 0xff, v >> 8]); };

const agent = fs.readdirSync(fx("agent_api")).filter((f) => f.endsWith(".json"));
for (const f of agent.filter((f) => f.startsWith("update_"))) out("task_validator", f, fs.readFileSync(fx("agent_api", f)));

const cases = ["cases.json", "cases-generated.json"].flatMap((f) => JSON.parse(fs.readFileSync(path.join(root, "tests/diff", f), "utf8")));
for (const c of cases) out("aiccs_request", c.id, `${c.action}\n${JSON.stringify(c.params ?? {})}`);

const answers = [...agent.map((f) => ["agent_api", f]), ...fs.readdirSync(fx("aiccs")).map((f) => ["aiccs", f])];
for (const [dir, f] of answers) {
  const body = fs.readFileSync(fx(dir, f));
  for (const s of [200, 429, 503]) out("response_parsers", `${s}-${dir}-${f}`, Buffer.concat([status(s), body]));
}
out("response_parsers", "redirect", Buffer.concat([status(307), Buffer.from("https://evil.example:8443/x?Signature=abc")]));

const ids = (n, p) => Array.from({ length: n }, (_, i) => `${p}${i}`);
out("batch_planner", "ok-45", Buffer.concat([Buffer.from(JSON.stringify(ids(45, "rec-"))), Buffer.from([0, 29, 0, 0, 0])]));
out("batch_planner", "named", Buffer.concat([Buffer.from(JSON.stringify([...ids(20, "x"), ...ids(20, "ID-x")])), Buffer.from([0, 9, 2, 3, 8, 9, 1, 4, 5])]));
out("batch_planner", "lines", Buffer.from("a\nb\na\nc\0\x01\x02\x03"));
console.log("fuzz corpora seeded in fuzz/corpus/");
