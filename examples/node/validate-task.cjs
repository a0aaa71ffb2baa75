// CommonJS: validate an Agent API task update body from a file, messages in Chinese.
//   node validate-task.cjs task.json [legacy]
// Exits 1 when there are issues. (`npx aicall validate task.json --locale zh-CN` does the same.)
const fs = require("node:fs");
const { AgentApi } = require("aicall");

const [file, variant = "v2"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node validate-task.cjs task.json [v2|legacy]");
  process.exit(2);
}
const body = JSON.parse(fs.readFileSync(file, "utf8"));
const issues = AgentApi.validateTaskUpdate(body, { variant, locale: "zh-CN" });
for (const i of issues) console.log(`${i.path}\t${i.code}\t${i.message}`);
console.log(issues.length === 0 ? "没有问题" : `${issues.length} 个问题`);
process.exitCode = issues.length === 0 ? 0 : 1;
