// A static export (out dir "dist"): the page is served as files, like the other projects.
export default { output: "export", distDir: "dist" };
