// Adopting an existing organization: what `pulumi up` would import (by id) instead of create. Pure: no Pulumi import.
import type { OrgConfig } from "./config";

/** The component names index.ts gives the organization, the OUs and the accounts: logical names derive from them. */
export const COMPONENT_NAMES = { organization: "org", organizationalUnits: "ous", accounts: "accounts" } as const;

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

const TYPES = {
  organization: "aws:organizations/organization:Organization",
  organizationalUnit: "aws:organizations/organizationalUnit:OrganizationalUnit",
  account: "aws:organizations/account:Account",
} as const;

/**
 * The adoption preflight `orgstrap plan` prints: every organization, OU and account the config adopts by id, with the
 * logical name and import id `pulumi import` would use, in the order the program registers them; plus the OUs and
 * accounts that would be created. An empty `adopted` list means a new organization.
 */
export function adoptionPreflight(cfg: OrgConfig): AdoptionPreflight {
  const adopted: Adoption[] = [];
  const created: { type: string; name: string; configPath: string }[] = [];
  if (cfg.organization.importId) {
    adopted.push({ type: TYPES.organization, name: `${COMPONENT_NAMES.organization}-organization`, id: cfg.organization.importId, configPath: "organization" });
  }
  for (const ou of cfg.organizationalUnits) {
    const entry = { type: TYPES.organizationalUnit, name: `${COMPONENT_NAMES.organizationalUnits}-${ou.key}`, configPath: `organizationalUnits[key=${ou.key}]` };
    if (ou.importId) adopted.push({ ...entry, id: ou.importId });
    else created.push(entry);
  }
  for (const a of cfg.accounts) {
    const entry = { type: TYPES.account, name: `${COMPONENT_NAMES.accounts}-${a.key}`, configPath: `accounts[key=${a.key}]` };
    if (a.importId) adopted.push({ ...entry, id: a.importId });
    else created.push(entry);
  }
  return { adopted, created };
}

/** The component each adopted resource sits under (type token and name), for `pulumi import --parent`. */
const PARENTS: Record<string, readonly [string, string]> = {
  [TYPES.organization]: ["orgstrap:org:Organization", COMPONENT_NAMES.organization],
  [TYPES.organizationalUnit]: ["orgstrap:org:OrganizationalUnits", COMPONENT_NAMES.organizationalUnits],
  [TYPES.account]: ["orgstrap:org:Accounts", COMPONENT_NAMES.accounts],
};

/**
 * The `pulumi import` command lines for the adopted resources: the manual path of docs/adopting.md, for importing
 * ahead of the first `pulumi up` (the importId config entries make `pulumi up` import them itself).
 */
export function importCommands(preflight: AdoptionPreflight, stack: string, project = "orgstrap"): string[] {
  return preflight.adopted.map((a) => {
    const [parentType, parentName] = PARENTS[a.type];
    return `pulumi import ${a.type} ${a.name} ${a.id} --parent ${parentName}=urn:pulumi:${stack}::${project}::${parentType}::${parentName}`;
  });
}

