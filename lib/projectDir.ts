// The project directory (package.json, Pulumi.yaml, policies/, templates/, compliance/), found from this file: it runs
// as lib/projectDir.ts from source and as dist/lib/projectDir.js once compiled.
import * as fs from "fs";
import * as path from "path";

function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json with a Pulumi.yaml above ${from}`);
  }
}

/** The directory holding package.json and Pulumi.yaml. */
export const PROJECT_DIR = findProjectDir(__dirname);
