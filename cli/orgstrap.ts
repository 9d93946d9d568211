#!/usr/bin/env node
// The package's bin, compiled to dist/cli/orgstrap.js by `npm run build` (the `prepare` script): no TypeScript at run time.
import { main } from "./main";

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
