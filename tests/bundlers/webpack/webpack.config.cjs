const path = require("node:path");

module.exports = {
  mode: "production",
  entry: { ready: "./entries/ready.js", web: "./entries/web.js", validate: "./entries/validate.js" },
  output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
  performance: { hints: false }, // the wasm (inline or asset) is larger than webpack's 244 KB hint
  stats: "errors-warnings",
};
