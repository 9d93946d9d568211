// The committed example stack, for specs that need a whole, valid config.
import * as path from "path";
import { OrgConfig, parseOrgConfig, RawConfig } from "../../lib/config";
import { loadPolicyCatalog } from "../../lib/policies";
import { readStackFile } from "../../lib/stackFile";

export const EXAMPLE_STACK_FILE = path.join(__dirname, "..", "..", "Pulumi.dev.yaml");

/** Pulumi.dev.yaml as the CLI would pass it, with some keys replaced. */
export function exampleRaw(overrides: RawConfig = {}): RawConfig {
  return { ...readStackFile(EXAMPLE_STACK_FILE), ...overrides };
}

/** Pulumi.dev.yaml, parsed and validated. */
export function exampleConfig(overrides: RawConfig = {}): OrgConfig {
  return parseOrgConfig(exampleRaw(overrides), loadPolicyCatalog(), "Pulumi.dev.yaml");
}
