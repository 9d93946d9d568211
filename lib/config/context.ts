// What every concern's check reads: the schema's reading of the config and the facts derived from it once.
import { logArchiveKeyAlias } from "../naming";
import { CatalogPolicy, PolicyKind, PolicyParameters } from "../policies";
import { OrganizationalUnitConfig, PROJECT, ROOT_KEY, STACKSET_EXECUTION_ROLE, StackInput } from "./schema";

/** A resolved guardrail attachment: one policy on its targets. */
export interface AttachmentConfig {
  readonly policy: string;
  readonly kind: PolicyKind;
  /** `root`, OU keys and account keys. */
  readonly targets: readonly string[];
}

export interface CheckContext {
  /** The config as the schema read it (what did not parse is dropped or defaulted; its problems are reported already). */
  readonly input: StackInput;
  /** The raw decoded `orgstrap:` keys, for the checks that must not mistake an invalid value for a missing one. */
  readonly own: Readonly<Record<string, unknown>>;
  /** `aws:region`, or "" when unset. */
  readonly region: string;
  readonly catalog: readonly CatalogPolicy[];
  /** Regions governed: the configured list, or the home Region alone. */
  readonly governedRegions: readonly string[];
  /** OUs by key; the first of duplicate keys wins. */
  readonly ouByKey: ReadonlyMap<string, OrganizationalUnitConfig>;
  readonly ouKeys: readonly string[];
  /** OUs in creation order, every parent before its children; OUs in a cycle are left out. */
  readonly orderedOus: readonly OrganizationalUnitConfig[];
  /** Depth under the root of each configured OU (by index): -1 in a cycle, undefined without a key. */
  readonly ouDepths: readonly (number | undefined)[];
  readonly accountKeys: ReadonlySet<string>;
  /** The OU keys the baseline StackSet targets: configured, or every top-level OU. */
  readonly futureOus: readonly string[];
  readonly parameters: PolicyParameters;
  /**
   * Attachments of known policies (unknown policies are reported by the guardrails check), one per policy: entries that
   * name the same policy are merged, as the program registers one policy resource per policy name.
   */
  readonly attachments: readonly AttachmentConfig[];
  /**
   * True when the value at `path` (e.g. "accounts", "futureAccounts.organizationalUnits") did not read as its type: the
   * checks that look things up in it stay silent rather than report every reference as unknown.
   */
  readonly unreadable: (path: string) => boolean;
}

export function checkContext(
  input: StackInput,
  own: Record<string, unknown>,
  region: string,
  catalog: readonly CatalogPolicy[],
  unreadablePaths: ReadonlySet<string> = new Set(),
): CheckContext {
  const governedRegions = input.governedRegions ?? (region ? [region] : []);
  const ouByKey = new Map<string, OrganizationalUnitConfig>();
  for (const ou of input.organizationalUnits) if (ou.key && !ouByKey.has(ou.key)) ouByKey.set(ou.key, ou);
  const { ordered, depths } = orderOrganizationalUnits(input.organizationalUnits, ouByKey);
  const parameters: PolicyParameters = {
    AllowedRegions: [...governedRegions],
    ExemptPrincipalArns: [
      ...input.guardrails.exemptRoleNames,
      // orgstrap's own baseline StackSet works in member accounts through the service-managed execution role, which
      // SCPs do apply to: without it, protect-security-services would deny every member its Config recorder.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-custom-execution-role.html
      ...(input.awsConfig.enabled && input.futureAccounts.enabled ? [STACKSET_EXECUTION_ROLE] : []),
    ].map((n) => `arn:${input.partition}:iam::*:role/${n}`),
    LogArchiveBucketPrefix: `${input.namePrefix}-log-archive-`,
    ConfigBucketPrefix: `${input.namePrefix}-config-`,
    LogArchiveKeyAlias: logArchiveKeyAlias(input.namePrefix),
  };
  const policyByName = new Map(catalog.map((p) => [p.name, p]));
  const targetsByPolicy = new Map<string, Set<string>>();
  for (const att of input.guardrails.attachments) {
    if (!policyByName.has(att.policy)) continue;
    const targets = targetsByPolicy.get(att.policy) ?? new Set<string>();
    for (const t of att.targets) targets.add(t);
    targetsByPolicy.set(att.policy, targets);
  }
  const attachments: AttachmentConfig[] = [...targetsByPolicy].flatMap(([name, targets]) => {
    const policy = policyByName.get(name);
    return policy ? [{ policy: name, kind: policy.kind, targets: [...targets] }] : [];
  });
  return {
    input,
    own,
    region,
    catalog,
    governedRegions,
    ouByKey,
    ouKeys: [...ouByKey.keys()],
    orderedOus: ordered,
    ouDepths: depths,
    accountKeys: new Set(input.accounts.map((a) => a.key)),
    futureOus: input.futureAccounts.organizationalUnits ?? ordered.filter((ou) => !ou.parent || ou.parent === ROOT_KEY).map((ou) => ou.key),
    parameters,
    attachments,
    unreadable: (path) => unreadablePaths.has(path),
  };
}

/** `orgstrap:<path>`: how problems name a key. */
export const at = (path: string): string => `${PROJECT}:${path}`;

function orderOrganizationalUnits(
  ous: readonly OrganizationalUnitConfig[],
  ouByKey: ReadonlyMap<string, OrganizationalUnitConfig>,
): { ordered: OrganizationalUnitConfig[]; depths: (number | undefined)[] } {
  const depthOf = new Map<string, number>();
  const ordered: OrganizationalUnitConfig[] = [];
  const visit = (ou: OrganizationalUnitConfig, trail: string[]): number => {
    const known = depthOf.get(ou.key);
    if (known !== undefined) return known;
    if (trail.includes(ou.key)) return -1;
    const parent = ou.parent && ou.parent !== ROOT_KEY ? ouByKey.get(ou.parent) : undefined;
    const parentDepth = parent ? visit(parent, [...trail, ou.key]) : 0;
    if (parentDepth < 0) return -1;
    depthOf.set(ou.key, parentDepth + 1);
    ordered.push(ou);
    return parentDepth + 1;
  };
  const depths = ous.map((ou) => (ou.key ? visit(ou, []) : undefined));
  return { ordered, depths };
}
