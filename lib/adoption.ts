// Adopting an existing organization (docs/adopting.md): the live values `orgstrap discover` records, the two steps a
// discovered stack runs in, and what each step does. Pure: no Pulumi import.
//
// Pulumi's `import` resource option fails unless the program's inputs equal the live resource ("inputs to import do not
// match the existing resource": https://www.pulumi.com/docs/iac/concepts/resources/options/import/), and a resource
// already in the stack with the same id is then treated like any other (pulumi/pulumi developer-docs/architecture/
// import.md). So the first `pulumi up` (step "import") registers the adopted resources with their recorded live inputs
// and nothing else; the next ones (step "converge") run the landing zone, which updates them like any resource.
import { z } from "zod";
import type { OrgConfig } from "./config";
import { AWS_TYPE, INSTANCE, logicalName, POLICY_TYPE } from "./naming";

/** The policy types orgstrap itself enables on the root: SCPs and RCPs. */
export const ORGSTRAP_POLICY_TYPES = [POLICY_TYPE.scp, POLICY_TYPE.rcp] as const;

/**
 * Other policy types an organization may have enabled, which orgstrap keeps enabled (organization.extraPolicyTypes):
 * EnablePolicyType's values in @pulumi/aws 7.48's Organization.enabledPolicyTypes.
 */
export const OTHER_POLICY_TYPES = [
  "AISERVICES_OPT_OUT_POLICY",
  "BACKUP_POLICY",
  "BEDROCK_POLICY",
  "CHATBOT_POLICY",
  "DECLARATIVE_POLICY_EC2",
  "INSPECTOR_POLICY",
  "S3_POLICY",
  "SECURITYHUB_POLICY",
  "TAG_POLICY",
  "UPGRADE_ROLLOUT_POLICY",
] as const;

// Organizations' id patterns (ListOrganizationalUnitsForParent ParentId, MoveAccount DestinationParentId).
const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
// TagResource: keys 1-128, values 0-256 characters.
const tags = z.record(z.string().min(1).max(128), z.string().max(256)).optional();

const liveOuSchema = z.strictObject({
  name: z.string().min(1, "must not be empty"),
  parentId: z.string().regex(PARENT_ID, "is not a root or OU id (r-xxxx, ou-xxxx-xxxxxxxx)"),
  tags,
});

const liveAccountSchema = z.strictObject({
  name: z.string().min(1, "must not be empty"),
  email: z.string().min(1, "must not be empty"),
  parentId: z.string().regex(PARENT_ID, "is not a root or OU id (r-xxxx, ou-xxxx-xxxxxxxx)"),
  tags,
});

/** `orgstrap:adoption`: the live values discover read, and which step the next `pulumi up` runs. */
export const adoptionSchema = z.strictObject({
  /** `import`: the next `pulumi up` imports the adopted resources as recorded, nothing else. `converge`: the landing zone. */
  step: z.enum(["import", "converge"]),
  /** When discover read the organization (ISO 8601). */
  discoveredAt: z.string().optional(),
  organization: z.strictObject({
    featureSet: z.enum(["ALL", "CONSOLIDATED_BILLING"]),
    awsServiceAccessPrincipals: z.array(z.string()).default([]),
    enabledPolicyTypes: z.array(z.string()).default([]),
  }),
  /** Live values by OU key. */
  organizationalUnits: z.record(z.string(), liveOuSchema).default({}),
  /** Live values by account key. */
  accounts: z.record(z.string(), liveAccountSchema).default({}),
});

export type AdoptionConfig = z.output<typeof adoptionSchema>;
export type LiveOrganizationInputs = AdoptionConfig["organization"];
export type LiveOuInputs = z.output<typeof liveOuSchema>;
export type LiveAccountInputs = z.output<typeof liveAccountSchema>;

/** One resource the program would adopt (import) rather than create. */
export interface Adoption {
  /** Pulumi type token. */
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
 * Every organization, OU and account the config adopts by id, with the logical name and import id, in the order the
 * program registers them; plus the OUs and accounts that would be created. An empty `adopted` list means a new organization.
 */
export function adoptionPreflight(cfg: OrgConfig): AdoptionPreflight {
  const adopted: Adoption[] = [];
  const created: { type: string; name: string; configPath: string }[] = [];
  if (cfg.organization.importId) {
    adopted.push({
      type: AWS_TYPE.organization,
      name: logicalName.organization(INSTANCE.organization),
      id: cfg.organization.importId,
      configPath: "organization",
    });
  }
  for (const ou of cfg.organizationalUnits) {
    const entry = {
      type: AWS_TYPE.organizationalUnit,
      name: logicalName.organizationalUnit(INSTANCE.organizationalUnits, ou.key),
      configPath: `organizationalUnits[key=${ou.key}]`,
    };
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

/** The inputs the organization resource gets from the landing zone (components/organization.ts). */
export function desiredOrganizationInputs(cfg: OrgConfig): LiveOrganizationInputs {
  return {
    featureSet: "ALL",
    awsServiceAccessPrincipals: [...cfg.organization.trustedServices].sort(),
    enabledPolicyTypes: [...ORGSTRAP_POLICY_TYPES, ...cfg.organization.extraPolicyTypes],
  };
}

/** An adopted resource with the exact inputs the import step registers it with. */
export interface ImportStepResource extends Adoption {
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** One property of an adopted resource that the converge step changes. */
export interface AdoptionChange {
  readonly type: string;
  readonly name: string;
  readonly configPath: string;
  readonly property: string;
  readonly live: unknown;
  readonly desired: unknown;
}

/** One change as a line: `<config entry>: <property> + added; - removed` for lists, `before -> after` for values. */
export function describeChange(c: AdoptionChange): string {
  if (Array.isArray(c.live) && Array.isArray(c.desired)) {
    const [live, desired] = [c.live as unknown[], c.desired as unknown[]];
    const added = desired.filter((d) => !live.includes(d));
    const removed = live.filter((l) => !desired.includes(l));
    return `${c.configPath}: ${c.property} ${[added.length ? `+ ${added.join(", ")}` : "", removed.length ? `- ${removed.join(", ")}` : ""].filter(Boolean).join("; ")}`;
  }
  return `${c.configPath}: ${c.property} ${JSON.stringify(c.live)} -> ${JSON.stringify(c.desired)}`;
}

/** The two steps of a discovered stack: what the import step registers, and what the converge step then changes. */
export interface AdoptionSteps {
  /** The step the next `pulumi up` runs. */
  readonly step: "import" | "converge";
  readonly imports: readonly ImportStepResource[];
  /** Properties of adopted resources the landing zone sets differently from the recorded live values. */
  readonly changes: readonly AdoptionChange[];
}

/**
 * The import step's registrations (the recorded live values, which the program passes as inputs) and the changes the
 * converge step makes to them. Undefined for a stack without `orgstrap:adoption`.
 */
export function adoptionSteps(cfg: OrgConfig): AdoptionSteps | undefined {
  const adoption = cfg.adoption;
  if (!adoption) return undefined;
  const byPath = new Map(adoptionPreflight(cfg).adopted.map((a) => [a.configPath, a]));
  const imports: ImportStepResource[] = [];
  const changes: AdoptionChange[] = [];
  const diff = (a: Adoption, live: Record<string, unknown>, desired: Record<string, unknown>) => {
    for (const property of Object.keys(desired)) {
      const [l, d] = [live[property], desired[property]];
      const same =
        Array.isArray(l) && Array.isArray(d) ? JSON.stringify([...l].sort()) === JSON.stringify([...d].sort()) : JSON.stringify(l) === JSON.stringify(d);
      if (!same) changes.push({ type: a.type, name: a.name, configPath: a.configPath, property, live: l, desired: d });
    }
  };
  const org = byPath.get("organization");
  if (org) {
    const live = importInputs.organization(adoption.organization);
    imports.push({ ...org, inputs: live });
    diff(org, live, { ...desiredOrganizationInputs(cfg) });
  }
  const ouIds = new Map(cfg.organizationalUnits.map((o) => [o.key, o.importId]));
  for (const ou of cfg.organizationalUnits) {
    const a = byPath.get(`organizationalUnits[key=${ou.key}]`);
    const live = adoption.organizationalUnits[ou.key];
    if (!a || !live) continue;
    imports.push({ ...a, inputs: importInputs.organizationalUnit(live) });
    // A parent that is created in the converge step has no id yet: named by its key.
    const parentId = ou.parent ? (ouIds.get(ou.parent) ?? `(new OU ${ou.parent})`) : live.parentId.startsWith("r-") ? live.parentId : "(the root)";
    diff(a, { name: live.name, parentId: live.parentId }, { name: ou.name, parentId });
  }
  for (const acct of cfg.accounts) {
    const a = byPath.get(`accounts[key=${acct.key}]`);
    const live = adoption.accounts[acct.key];
    if (!a || !live) continue;
    imports.push({ ...a, inputs: importInputs.account(live) });
    const parentId = ouIds.get(acct.ou) ?? `(new OU ${acct.ou})`;
    // name and email are ignored after the account exists (components/accounts.ts, docs/accounts.md): only a move applies.
    diff(a, { parentId: live.parentId }, { parentId });
  }
  return { step: adoption.step, imports, changes };
}

/** The exact inputs the import step registers, from the recorded live values: what components pass in that step. */
export const importInputs = {
  organization: (live: LiveOrganizationInputs): { featureSet: string; awsServiceAccessPrincipals: string[]; enabledPolicyTypes: string[] } => ({
    featureSet: live.featureSet,
    awsServiceAccessPrincipals: [...live.awsServiceAccessPrincipals].sort(),
    enabledPolicyTypes: [...live.enabledPolicyTypes].sort(),
  }),
  organizationalUnit: (live: LiveOuInputs): { name: string; parentId: string; tags?: Record<string, string> } => ({
    name: live.name,
    parentId: live.parentId,
    ...(live.tags && Object.keys(live.tags).length ? { tags: { ...live.tags } } : {}),
  }),
  account: (live: LiveAccountInputs): { name: string; email: string; parentId: string; closeOnDeletion: boolean; tags?: Record<string, string> } => ({
    name: live.name,
    email: live.email,
    parentId: live.parentId,
    // Not an AWS property: the provider imports it as false (close_on_deletion defaults to false).
    closeOnDeletion: false,
    ...(live.tags && Object.keys(live.tags).length ? { tags: { ...live.tags } } : {}),
  }),
};

/**
 * The step the next `pulumi up` runs, read from the raw `orgstrap:adoption` value before validation (program.ts picks
 * the program by it; the chosen program then validates the whole config). Anything but step "import" is the landing zone.
 */
export function adoptionStepOf(raw: unknown): "import" | "converge" | undefined {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const step = value && typeof value === "object" ? (value as { step?: unknown }).step : undefined;
  return step === "import" || step === "converge" ? step : undefined;
}

/** The config's OUs with their recorded live values (for the import step's inputs and the tags they keep). */
export function withLiveOus<T extends { key: string; importId?: string }>(
  cfg: Pick<OrgConfig, "adoption">,
  units: readonly T[],
): (T & { live?: LiveOuInputs })[] {
  return units.map((u) => {
    const live = u.importId ? cfg.adoption?.organizationalUnits[u.key] : undefined;
    return live ? { ...u, live } : u;
  });
}

/** The config's accounts with their recorded live values. */
export function withLiveAccounts<T extends { key: string; importId?: string }>(
  cfg: Pick<OrgConfig, "adoption">,
  accounts: readonly T[],
): (T & { live?: LiveAccountInputs })[] {
  return accounts.map((a) => {
    const live = a.importId ? cfg.adoption?.accounts[a.key] : undefined;
    return live ? { ...a, live } : a;
  });
}
