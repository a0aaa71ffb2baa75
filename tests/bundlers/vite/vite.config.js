import { defineConfig } from "vite";

export default defineConfig({
  logLevel: "warn",
  build: { outDir: "dist", emptyOutDir: true, rollupOptions: { input: { ready: "ready.html", web: "web.html", validate: "validate.html" } } },
});
