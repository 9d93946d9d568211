// Adopting an existing organization: what `pulumi up` would import (by id) instead of create. Pure: no Pulumi import.
import type { OrgConfig } from "./config";
import { AWS_TYPE, COMPONENT_TYPE, INSTANCE, logicalName, PROJECT } from "./naming";

/** One resource the program would adopt (import) rather than create. */
export interface Adoption {
  /** Pulumi type token, as `pulumi import` takes it. */
  readonly type: string;
  /** Logical name in the stack. */
  readonly name: string;
  /** The AWS id it is imported by. */
  readonly id: string;
  /** The config entry that asks for it: `organization`, `organizationalUnits[key=<key>]` or `accounts[key=<key>]`. */
  readonly configPath: string;
}

/** What adopting an organization would do: the resources imported, and those created beside them. */
export interface AdoptionPreflight {
  readonly adopted: readonly Adoption[];
  /** OUs and accounts with no importId: created, so in an adopted organization they are new. */
  readonly created: readonly { readonly type: string; readonly name: string; readonly configPath: string }[];
}

/**
 * The adoption preflight `orgstrap plan` prints: every organization, OU and account the config adopts by id, with the
 * logical name and import id `pulumi import` would use, in the order the program registers them; plus the OUs and
 * accounts that would be created. An empty `adopted` list means a new organization.
 */
export function adoptionPreflight(cfg: OrgConfig): AdoptionPreflight {
  const adopted: Adoption[] = [];
  const created: { type: string; name: string; configPath: string }[] = [];
  if (cfg.organization.importId) {
    adopted.push({ type: AWS_TYPE.organization, name: logicalName.organization(INSTANCE.organization), id: cfg.organization.importId, configPath: "organization" });
  }
  for (const ou of cfg.organizationalUnits) {
    const entry = { type: AWS_TYPE.organizationalUnit, name: logicalName.organizationalUnit(INSTANCE.organizationalUnits, ou.key), configPath: `organizationalUnits[key=${ou.key}]` };
    if (ou.importId) adopted.push({ ...entry, id: ou.importId });
    else created.push(entry);
  }
  for (const a of cfg.accounts) {
    const entry = { type: AWS_TYPE.account, name: logicalName.account(INSTANCE.accounts, a.key), configPath: `accounts[key=${a.key}]` };
    if (a.importId) adopted.push({ ...entry, id: a.importId });
    else created.push(entry);
  }
  return { adopted, created };
}

/** The component each adopted resource sits under (type token and name), for `pulumi import --parent`. */
const PARENTS: Record<string, readonly [string, string]> = {
  [AWS_TYPE.organization]: [COMPONENT_TYPE.organization, INSTANCE.organization],
  [AWS_TYPE.organizationalUnit]: [COMPONENT_TYPE.organizationalUnits, INSTANCE.organizationalUnits],
  [AWS_TYPE.account]: [COMPONENT_TYPE.accounts, INSTANCE.accounts],
};

/**
 * The `pulumi import` command lines for the adopted resources: the manual path of docs/adopting.md, for importing
 * ahead of the first `pulumi up` (the importId config entries make `pulumi up` import them itself).
 */
export function importCommands(preflight: AdoptionPreflight, stack: string, project = PROJECT): string[] {
  return preflight.adopted.map((a) => {
    const [parentType, parentName] = PARENTS[a.type];
    return `pulumi import ${a.type} ${a.name} ${a.id} --parent ${parentName}=urn:pulumi:${stack}::${project}::${parentType}::${parentName}`;
  });
}

