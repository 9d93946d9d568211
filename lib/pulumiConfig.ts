// Reads and validates the running stack's config through Pulumi, failing without a stack trace.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, OrgConfig, parseOrgConfig } from "./config";
import { CatalogPolicy, loadPolicyCatalog } from "./policies";

/** The stack's validated config and the policy catalog it was validated against. */
export function loadOrgConfig(): { config: OrgConfig; catalog: readonly CatalogPolicy[] } {
  const source = `Pulumi.${pulumi.getStack()}.yaml`;
  try {
    const catalog = loadPolicyCatalog();
    return { config: parseOrgConfig(pulumi.runtime.allConfig(), catalog, source), catalog };
  } catch (err) {
    // RunError prints its message alone: the user sees every problem and no stack trace.
    if (err instanceof ConfigError || (err as Error).name === "PolicyCatalogError") throw new pulumi.RunError((err as Error).message);
    throw err;
  }
}
