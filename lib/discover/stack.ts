// From what discover read (OrgSnapshot) to the stack file and the report. Pure: no SDK, no Pulumi, no file system.
// The stack file adopts the organization, every OU and every active account under an OU by id, records their live
// values (orgstrap:adoption) so the first `pulumi up` imports them with exactly those inputs, and keeps whatever the
// landing zone would otherwise overwrite: other trusted services, other policy types, existing service administrators.
import * as YAML from "yaml";
import { DEFAULT_TRUSTED_SERVICES } from "../config";
import { ORGSTRAP_POLICY_TYPES } from "../adoption";
import { MANAGEMENT_KEY, POLICY_TYPE, ROOT_KEY } from "../naming";
import type { CatalogPolicy } from "../policies";
import type { LiveAccount, OrgSnapshot, Tags } from "./snapshot";

/** The guardrails a discovered stack attaches to the root, in priority order (the first ones get the free slots). */
export const ROOT_GUARDRAILS = [
  "deny-leave-organization",
  "deny-cloudtrail-tampering",
  "protect-security-services",
  "deny-root-user",
  "enforce-secure-transport",
] as const;

/** AWS: at most 5 policies of one type attached directly to a root, OU or account (FullAWSAccess included). */
export const POLICIES_PER_TARGET = 5;

/** One line of the report: something orgstrap leaves as it is, and what a human decides. */
export interface Finding {
  /** `decision`: a human must act or choose; `info`: what discover did about it. */
  readonly level: "decision" | "info";
  /** Stable code, e.g. `ORG_TRAIL_EXISTS`. */
  readonly code: string;
  readonly message: string;
}

/** Choices discover cannot read from AWS. */
export interface DiscoverChoices {
  /** The Security and Log Archive accounts (id); found by name when absent. */
  readonly securityAccountId?: string;
  readonly logArchiveAccountId?: string;
  /** `orgstrap:namePrefix`. */
  readonly namePrefix?: string;
  /** When it was read, ISO 8601 (recorded in the file). */
  readonly discoveredAt: string;
}

/** What discover writes: the stack file, the report, or the problems that stopped it. */
export interface DiscoverResult {
  /** The stack file's `config:` map, in the order written. */
  readonly config: Record<string, unknown>;
  /** The whole file, header comment included. */
  readonly yaml: string;
  readonly findings: readonly Finding[];
  /** Problems that stop discover before it writes anything (exit 1). */
  readonly problems: readonly string[];
}

/**
 * Turns a live name into a config key (lowercase letters, digits and '-'), unique among `taken`: on a clash it tries
 * `<key>-<clashSuffix>` first, then numbers.
 */
export function keyFor(name: string, taken: Set<string>, fallback: string, clashSuffix?: string): string {
  let base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56);
  if (!/^[a-z]/.test(base)) base = `${fallback}-${base}`.replace(/-+$/, "");
  let key = base;
  if (taken.has(key) && clashSuffix) key = `${base}-${clashSuffix}`;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  taken.add(key);
  return key;
}

const RESERVED_KEYS = [ROOT_KEY, MANAGEMENT_KEY];

/** The stack file and report for a snapshot. Never throws on a messy organization: that is what the report is for. */
export function discoverStack(snap: OrgSnapshot, catalog: readonly CatalogPolicy[], choices: DiscoverChoices): DiscoverResult {
  const findings: Finding[] = [];
  const problems: string[] = [];
  const decide = (code: string, message: string) => findings.push({ level: "decision", code, message });
  const inform = (code: string, message: string) => findings.push({ level: "info", code, message });
  const namePrefix = choices.namePrefix ?? "orgstrap";
  const mgmt = snap.organization.managementAccountId;

  // Organization: feature set, trusted services and policy types orgstrap would otherwise turn off.
  if (snap.organization.featureSet !== "ALL") {
    decide(
      "FEATURE_SET",
      `the organization's feature set is ${snap.organization.featureSet}; orgstrap needs ALL (SCPs, RCPs, delegated administrators). The import step works as it is; before the second \`pulumi up\`, enable all features (every invited account must approve): https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html`,
    );
  }
  const extraTrustedServices = snap.trustedServices.filter((s) => !DEFAULT_TRUSTED_SERVICES.includes(s));
  if (extraTrustedServices.length > 0) {
    inform(
      "TRUSTED_SERVICES_KEPT",
      `trusted access for ${extraTrustedServices.join(", ")} is kept (organization.extraTrustedServices): orgstrap enables its own services beside them`,
    );
  }
  const extraPolicyTypes = snap.root.enabledPolicyTypes.filter((t) => !(ORGSTRAP_POLICY_TYPES as readonly string[]).includes(t));
  if (extraPolicyTypes.length > 0) {
    inform(
      "POLICY_TYPES_KEPT",
      `policy types ${extraPolicyTypes.join(", ")} stay enabled (organization.extraPolicyTypes), with their policies and attachments untouched`,
    );
  }

  // Keys derive from the live names. Accounts choose first (guardrails and people name them most); an OU whose name an
  // account already took becomes `<name>-ou`, as in the example stack's security-ou.
  const taken = new Set<string>(RESERVED_KEYS);
  const accountKeyById = new Map<string, string>();
  for (const a of snap.accounts) accountKeyById.set(a.id, keyFor(a.name, taken, "account"));

  // OUs: every OU, parents first, with its live name.
  const ouKeyById = new Map<string, string>();
  const organizationalUnits: Record<string, unknown>[] = [];
  const liveOus: Record<string, unknown> = {};
  for (const ou of snap.organizationalUnits) {
    const key = keyFor(ou.name, taken, "ou", "ou");
    ouKeyById.set(ou.id, key);
    const parent = ou.parentId === snap.root.id ? undefined : ouKeyById.get(ou.parentId);
    organizationalUnits.push({ key, name: ou.name, ...(parent ? { parent } : {}), importId: ou.id });
    liveOus[key] = { name: ou.name, parentId: ou.parentId, ...tagsEntry(ou.tags) };
  }

  // Accounts: active accounts under an OU are adopted; the others are reported and left out of the stack.
  const adoptable: LiveAccount[] = [];
  for (const a of snap.accounts) {
    if (a.status !== "ACTIVE") {
      decide("ACCOUNT_NOT_ACTIVE", `account ${a.id} (${a.name}) is ${a.status}: not adopted. Close or reinstate it; orgstrap manages active accounts only`);
    } else if (a.parentId === snap.root.id) {
      decide(
        "ACCOUNT_UNDER_ROOT",
        `account ${a.id} (${a.name}) sits directly under the root: not adopted. Move it into an OU (aws organizations move-account) and run discover again, or leave it outside orgstrap; root guardrails still apply to it`,
      );
    } else adoptable.push(a);
  }
  const pick = (role: string, given: string | undefined, pattern: RegExp): LiveAccount | undefined => {
    if (given) {
      const found = snap.accounts.find((a) => a.id === given);
      if (!found) problems.push(`--${role}-account ${given}: no member account has this id in ${snap.organization.id}`);
      else if (!adoptable.includes(found))
        problems.push(
          `--${role}-account ${given}: account ${found.name} cannot be adopted (${found.status !== "ACTIVE" ? found.status : "directly under the root"}); move it into an OU first`,
        );
      return found && adoptable.includes(found) ? found : undefined;
    }
    const candidates = adoptable.filter((a) => pattern.test(a.name));
    if (candidates.length === 1) return candidates[0];
    problems.push(
      candidates.length === 0
        ? `no active account under an OU is named like the ${role} account (${pattern.source}); pass --${role}-account <id>`
        : `${candidates.length} accounts could be the ${role} account (${candidates.map((a) => `${a.id} ${a.name}`).join(", ")}); pass --${role}-account <id>`,
    );
    return undefined;
  };
  const security = pick("security", choices.securityAccountId, /^(security|audit)( account)?$/i);
  const logArchive = pick("log-archive", choices.logArchiveAccountId, /^log[ -]?archive( account)?$/i);
  if (security && logArchive && security.id === logArchive.id)
    problems.push(`the security and log-archive accounts must differ; both are ${security.id} (${security.name})`);

  const accounts: Record<string, unknown>[] = [];
  const liveAccounts: Record<string, unknown> = {};
  for (const a of adoptable) {
    const key = accountKeyById.get(a.id) ?? a.id;
    const role = a.id === security?.id ? "security" : a.id === logArchive?.id ? "log-archive" : undefined;
    accounts.push({ key, name: a.name, email: a.email, ou: ouKeyById.get(a.parentId), ...(role ? { role } : {}), importId: a.id });
    liveAccounts[key] = { name: a.name, email: a.email, parentId: a.parentId, ...tagsEntry(a.tags) };
    if (a.joinedMethod === "INVITED") {
      decide(
        "INVITED_ACCOUNT",
        `account ${a.id} (${a.name}) joined by invitation: it has OrganizationAccountAccessRole only if someone created it. orgstrap deploys into it through that role from the second \`pulumi up\` on; create the role, or set accounts[key=${key}].accessRoleName to the role it has (and list it in guardrails.exemptRoleNames)`,
      );
    }
  }

  // Guardrails: orgstrap's root set, minus names that clash with existing policies, within the free slots.
  const attachments: { policy: string; targets: string[] }[] = [];
  const attachedToRoot = (type: string) => snap.policies.filter((p) => p.type === type && p.targetIds.includes(snap.root.id));
  const used = new Map<string, number>(ORGSTRAP_POLICY_TYPES.map((t) => [t, attachedToRoot(t).length]));
  // A policy type that is not enabled yet gets its AWS-managed full-access policy attached when orgstrap enables it.
  for (const t of ORGSTRAP_POLICY_TYPES) if (!snap.root.enabledPolicyTypes.includes(t)) used.set(t, 1);
  const noSlot: string[] = [];
  for (const name of ROOT_GUARDRAILS) {
    const policy = catalog.find((p) => p.name === name);
    if (!policy) continue;
    const type = POLICY_TYPE[policy.kind];
    // CreatePolicy refuses a name already in use (DuplicatePolicyException); compared across types, to be safe.
    const clash = snap.policies.find((p) => p.name === policy.title);
    if (clash) {
      decide(
        "POLICY_NAME_CLASH",
        `an existing ${clash.type} is named ${policy.title} (${clash.id}), the name orgstrap's ${name} guardrail uses; AWS refuses a second policy with that name, so ${name} is not attached. Rename or delete yours, then add ${name} to guardrails.attachments`,
      );
      continue;
    }
    const count = used.get(type) ?? 0;
    if (count >= POLICIES_PER_TARGET) {
      noSlot.push(name);
      continue;
    }
    used.set(type, count + 1);
    attachments.push({ policy: name, targets: [ROOT_KEY] });
  }
  if (noSlot.length > 0) {
    decide(
      "POLICY_SLOTS_FULL",
      `the root has no free policy slot for ${noSlot.join(", ")} (AWS allows ${POLICIES_PER_TARGET} per type and target, FullAWSAccess included; attached now: ${ORGSTRAP_POLICY_TYPES.map(
        (t) =>
          `${
            attachedToRoot(t)
              .map((p) => p.name)
              .join(", ") || "none"
          }`,
      ).join(" / ")}). Detach or merge policies, then add them to guardrails.attachments`,
    );
  }

  // Audit: an existing organization trail stays; orgstrap's own trail gets a name that does not collide.
  let trailName: string | undefined;
  for (const t of snap.trails.filter((t) => t.isOrganizationTrail)) {
    decide(
      "ORG_TRAIL_EXISTS",
      `organization trail ${t.name} (${t.homeRegion}, bucket ${t.s3BucketName}) already logs every account; orgstrap adds its own trail to the Log Archive bucket and leaves yours. Keep both (CloudTrail charges for the second copy of management events) or delete yours once orgstrap's delivers`,
    );
    if (t.name === "organization-trail") trailName = `${namePrefix}-organization-trail`;
  }
  if (trailName) inform("TRAIL_RENAMED", `orgstrap's trail is named ${trailName} (trail.name): organization-trail is taken`);

  // Delegated administrators: a service already administered by someone stays as it is; orgstrap leaves it off.
  const securityId = security?.id;
  const serviceOff = (service: string, label: string, admins: readonly { accountId: string; region?: string }[], configKey: string): boolean => {
    if (admins.length === 0) return false;
    const who = [...new Set(admins.map((a) => a.accountId))]
      .map(
        (id) =>
          `${id}${id === securityId ? " (the Security account)" : id === mgmt ? " (the management account)" : ""}${
            admins.some((a) => a.region)
              ? ` in ${admins
                  .filter((a) => a.accountId === id)
                  .map((a) => a.region)
                  .join(", ")}`
              : ""
          }`,
      )
      .join("; ");
    decide(
      `${service}_ADMIN_EXISTS`,
      `${label} already has a delegated administrator: ${who}. orgstrap does not take it over (${configKey}: false); to let orgstrap govern it, deregister that administrator and set ${configKey} to true`,
    );
    return true;
  };
  const guardDutyOff = serviceOff("GUARDDUTY", "GuardDuty", snap.guardDutyAdmins, "guardDuty.enabled");
  const securityHubOff = serviceOff("SECURITYHUB", "Security Hub", snap.securityHubAdmins, "securityHub.enabled");
  const analyzerOff = serviceOff(
    "ACCESS_ANALYZER",
    "IAM Access Analyzer",
    (snap.delegatedAdministrators["access-analyzer.amazonaws.com"] ?? []).map((accountId) => ({ accountId })),
    "accessAnalyzer.enabled",
  );
  const configOff = serviceOff(
    "CONFIG",
    "AWS Config",
    (snap.delegatedAdministrators["config.amazonaws.com"] ?? []).map((accountId) => ({ accountId })),
    "awsConfig.enabled",
  );
  const trailDelegationOff = serviceOff(
    "CLOUDTRAIL",
    "CloudTrail",
    (snap.delegatedAdministrators["cloudtrail.amazonaws.com"] ?? []).map((accountId) => ({ accountId })),
    "trail.delegateToSecurity",
  );

  // AWS Config: one customer-managed recorder per account and Region; existing ones stay and orgstrap adds none there.
  const recorderKeys: string[] = [];
  for (const r of snap.configRecorders) {
    // Accounts discover does not adopt are outside the stack: orgstrap deploys no recorder there anyway.
    const key = r.accountId === mgmt ? MANAGEMENT_KEY : adoptable.some((a) => a.id === r.accountId) ? accountKeyById.get(r.accountId) : undefined;
    if (key && !recorderKeys.includes(key)) recorderKeys.push(key);
  }
  if (recorderKeys.length > 0 && !configOff) {
    decide(
      "CONFIG_RECORDERS_EXIST",
      `AWS Config recorders already run in ${recorderKeys.join(", ")} (${snap.configRecorders
        .filter((r) => recorderKeys.includes(r.accountId === mgmt ? MANAGEMENT_KEY : (accountKeyById.get(r.accountId) ?? "")))
        .map((r) => `${r.accountId} ${r.region}${r.name ? ` ${r.name}` : ""}`)
        .join(
          ", ",
        )}): listed in awsConfig.existingRecorderAccounts, so orgstrap leaves them and adds none there. Point them at orgstrap's Config bucket yourself, or remove them and the entries`,
    );
  }
  const memberRecordersKnown = snap.configAggregators.some((a) => a.organizationWide);
  if (!memberRecordersKnown && !configOff) {
    decide(
      "CONFIG_MEMBERS_UNKNOWN",
      "no organization-wide Config aggregator exists, so recorders in member accounts cannot be seen from the management account; an account that already records will make its StackSet instance fail. Check them and list such accounts in awsConfig.existingRecorderAccounts",
    );
  }
  for (const agg of snap.configAggregators)
    inform(
      "CONFIG_AGGREGATOR_EXISTS",
      `Config aggregator ${agg.name} (${agg.region}${agg.organizationWide ? ", organization-wide" : ""}) stays; orgstrap adds its own in the Security account`,
    );
  for (const a of snap.accessAnalyzers) inform("ANALYZER_EXISTS", `IAM Access Analyzer ${a.name} (${a.type}, ${a.region}) in the management account stays`);

  // Identity Center and the account baseline's security contact.
  for (const ic of snap.identityCenterInstances) {
    decide(
      "IDENTITY_CENTER_EXISTS",
      `IAM Identity Center instance ${ic.instanceArn} exists; orgstrap's admin access uses an MFA-enforced IAM group until you set adminAccess.identityCenter with this instance and its admins, readOnly and securityAudit group ids`,
    );
  }
  if (!snap.securityContact) {
    decide(
      "NO_SECURITY_CONTACT",
      "the management account has no SECURITY alternate contact; the account baseline is off (baseline.enabled: false) until you set baseline.securityContact",
    );
  }
  decide(
    "ALERTS_OFF",
    "alerts and the budget need email addresses discover cannot know: alerts.enabled and budget.enabled are false until you set alerts.email, budget.monthlyLimitUsd and budget.emails",
  );

  // Decisions first, then what discover kept: the order the report prints them in.
  findings.sort((a, b) => (a.level === b.level ? 0 : a.level === "decision" ? -1 : 1));
  if (problems.length > 0) return { config: {}, yaml: "", findings, problems };

  const config: Record<string, unknown> = {
    "aws:region": snap.homeRegion,
    "orgstrap:namePrefix": namePrefix,
    ...(snap.regions.length > 1 ? { "orgstrap:governedRegions": [...snap.regions] } : {}),
    "orgstrap:organization": {
      importId: snap.organization.id,
      ...(extraTrustedServices.length ? { extraTrustedServices } : {}),
      ...(extraPolicyTypes.length ? { extraPolicyTypes } : {}),
    },
    "orgstrap:organizationalUnits": organizationalUnits,
    "orgstrap:accounts": accounts,
    "orgstrap:guardrails": { attachments },
    ...(trailName || trailDelegationOff
      ? { "orgstrap:trail": { ...(trailName ? { name: trailName } : {}), ...(trailDelegationOff ? { delegateToSecurity: false } : {}) } }
      : {}),
    ...(guardDutyOff ? { "orgstrap:guardDuty": { enabled: false } } : {}),
    ...(securityHubOff ? { "orgstrap:securityHub": { enabled: false } } : {}),
    ...(configOff
      ? { "orgstrap:awsConfig": { enabled: false } }
      : recorderKeys.length
        ? { "orgstrap:awsConfig": { existingRecorderAccounts: recorderKeys } }
        : {}),
    ...(analyzerOff ? { "orgstrap:accessAnalyzer": { enabled: false } } : {}),
    "orgstrap:baseline": snap.securityContact ? { securityContact: { ...snap.securityContact } } : { enabled: false },
    "orgstrap:alerts": { enabled: false },
    "orgstrap:budget": { enabled: false },
    "orgstrap:adoption": {
      step: "import",
      discoveredAt: choices.discoveredAt,
      organization: {
        featureSet: snap.organization.featureSet,
        awsServiceAccessPrincipals: [...snap.trustedServices],
        enabledPolicyTypes: [...snap.root.enabledPolicyTypes],
      },
      organizationalUnits: liveOus,
      accounts: liveAccounts,
    },
  };
  const header = [
    `Written by \`orgstrap discover\` from organization ${snap.organization.id} (management account ${mgmt}) at ${choices.discoveredAt}.`,
    "Step 1: `pulumi up` imports the organization, OUs and accounts exactly as orgstrap:adoption records them, and nothing else.",
    "Step 2: set orgstrap:adoption.step to converge; `orgstrap plan` lists the changes, `pulumi up` makes them (docs/adopting.md).",
  ];
  const doc = new YAML.Document({ config });
  // A timestamp-shaped scalar is a timestamp to YAML 1.1 readers (Pulumi's Go YAML): quote it.
  const when = doc.getIn(["config", "orgstrap:adoption", "discoveredAt"], true);
  if (YAML.isScalar(when)) when.type = "QUOTE_DOUBLE";
  doc.commentBefore = header.map((l) => ` ${l}`).join("\n");
  return { config, yaml: doc.toString({ lineWidth: 0 }), findings, problems };
}

function tagsEntry(tags: Tags): { tags?: Tags } {
  return Object.keys(tags).length > 0 ? { tags: { ...tags } } : {};
}

/** The report as text: decisions first, then what discover did. */
export function renderReport(result: Pick<DiscoverResult, "findings" | "problems">): string {
  const lines: string[] = [];
  if (result.problems.length > 0) {
    lines.push(
      `discover stopped: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}, nothing written:`,
      ...result.problems.map((p) => `  - ${p}`),
    );
  }
  const decisions = result.findings.filter((f) => f.level === "decision");
  const infos = result.findings.filter((f) => f.level === "info");
  if (decisions.length > 0) lines.push(`Needs a decision (${decisions.length}):`, ...decisions.map((f) => `  - [${f.code}] ${f.message}`));
  if (infos.length > 0) lines.push(`Kept as it is (${infos.length}):`, ...infos.map((f) => `  - [${f.code}] ${f.message}`));
  return `${lines.join("\n")}\n`;
}
