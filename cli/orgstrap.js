#!/usr/bin/env node
// The package's bin: runs cli/main.ts through ts-node (transpile only: the type-check is `npm run typecheck`'s job).
const path = require("path");
require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
require("./main.ts");
