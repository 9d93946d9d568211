#!/usr/bin/env node
// `npm run build` (and `prepare`, run by `npm ci`): compiles the program, the harness and the CLI to dist/ with
// `tsc -b tsconfig.build.json`. First it deletes compiled files whose source is gone: tsc never does, and a stale
// dist/lib/config.js would shadow dist/lib/config/index.js for `require("../lib/config")`.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const OUTPUT = /(\.d\.ts|\.js)$/;

function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(file);
      if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      continue;
    }
    if (!OUTPUT.test(entry.name)) continue;
    const source = path.join(ROOT, path.relative(DIST, file)).replace(OUTPUT, ".ts");
    if (!fs.existsSync(source)) fs.rmSync(file);
  }
}

prune(DIST);
const tsc = require.resolve("typescript/bin/tsc");
const res = spawnSync(process.execPath, [tsc, "-b", path.join(ROOT, "tsconfig.build.json"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exitCode = res.status ?? 1;
