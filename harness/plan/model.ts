// The plan's model: the resource tree by account, the org chart with its policies, the effective guardrails per account
// and the creation waves, built from what the program registered (harness/plan/run.ts) and the stack's validated config.
import { AdoptionSteps, adoptionPreflight, adoptionSteps } from "../../lib/adoption";
import type { OrgConfig } from "../../lib/config";
import { AWS_TYPE, FULL_ACCESS_POLICY, MANAGEMENT_KEY, policyKindOf, PolicyKind, ROOT_KEY } from "../../lib/naming";
import type { CatalogPolicy } from "../../lib/policies";
import { accountOfProvider, accountOfProviderId } from "../mockCloud";

/** One registration as the plan needs it (a structural subset of harness/mockCloud.ts's `Registration`). */
export interface PlanRegistration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string;
  readonly protect?: boolean;
  readonly dependencies: readonly string[];
  readonly provider: string;
  readonly importId: string;
  readonly inputs: Record<string, unknown>;
  readonly urn: string;
  readonly id: string;
}

/** What the plan is built from. */
export interface PlanInput {
  readonly stack: string;
  /** The stack file, as the user named it. */
  readonly source: string;
  readonly config: OrgConfig;
  readonly catalog: readonly CatalogPolicy[];
  readonly registrations: readonly PlanRegistration[];
  /** The fake cloud's ids for what already exists before the program runs. */
  readonly managementAccountId: string;
  readonly rootId: string;
}

/** One resource of the plan. */
export interface PlanResource {
  readonly type: string;
  readonly name: string;
  /** `component`, `provider` or `resource` (a cloud resource). */
  readonly kind: "component" | "provider" | "resource";
  /** Logical name of the parent component; "" at top level. */
  readonly parent: string;
  /** Key of the account the resource lands in (`management` or an account key from config); "" for components. */
  readonly account: string;
  readonly accountId: string;
  /** The Region the resource lands in; "global" for global services; "" for components. */
  readonly region: string;
  readonly protect: boolean;
  /** The id it adopts (`import`), "" when it is created. */
  readonly importId: string;
  /** The inputs that say what the resource is; long documents shortened, provider inputs decoded. */
  readonly inputs: Record<string, unknown>;
}

/** Policies of one kind attached directly to a target, the AWS-managed full-access policy first. */
export interface AttachedPolicies {
  readonly scp: readonly string[];
  readonly rcp: readonly string[];
}

/** A node of the org chart: the root, an OU or an account. */
export interface OrgNode {
  readonly kind: "root" | "ou" | "account";
  /** `root`, the OU key or the account key (`management` for the management account). */
  readonly key: string;
  readonly name: string;
  /** The fake id the node gets (r-…, ou-…, 12 digits). */
  readonly id: string;
  readonly policies: AttachedPolicies;
  readonly children: readonly OrgNode[];
  readonly role?: string;
  readonly email?: string;
  /** The management account: SCPs and RCPs never restrict it. */
  readonly management?: boolean;
  readonly adopted?: boolean;
}

/** The policies of one kind that reach one level of an account's path. */
export interface GuardrailLevel {
  /** `root`, an OU key or the account key. */
  readonly target: string;
  readonly name: string;
  readonly policies: readonly string[];
  /** `policies.length` against the per-target limit. */
  readonly count: number;
}

/** Every SCP or RCP that applies to one account, level by level from the root. */
export interface EffectiveKind {
  readonly levels: readonly GuardrailLevel[];
  /** The distinct policies that apply, in order of appearance from the root; the full-access policy included. */
  readonly effective: readonly string[];
  /** Whether any level exceeds the limit. */
  readonly overLimit: boolean;
}

/** The guardrails of one account. */
export interface EffectiveGuardrails {
  readonly account: string;
  readonly name: string;
  readonly id: string;
  /** OU names from the root down to the account's OU. */
  readonly path: readonly string[];
  /** The management account: "not affected by SCPs/RCPs"; `scp` and `rcp` are then absent. */
  readonly management: boolean;
  readonly scp?: EffectiveKind;
  readonly rcp?: EffectiveKind;
}

/** Creation waves: resources whose dependencies are all created in earlier waves are created together. */
export interface CreationWaves {
  /** Number of waves from empty to done (the length of the critical path). */
  readonly count: number;
  /** Resources per wave, first wave first. */
  readonly sizes: readonly number[];
  /** One longest chain of dependent creations, `type name`, first to last. */
  readonly criticalPath: readonly string[];
  /** The waves in which accounts are created (one entry means they are created in parallel). */
  readonly accountWaves: readonly number[];
}

/** A resource the config adopts (imports) instead of creating: lib/adoption.ts's preflight, checked against the program. */
export interface Adoption {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  /** The config entry that asks for it, e.g. `accounts[key=web]`. */
  readonly configPath: string;
  /** Whether the program registered this resource with this import id (false would be a bug in index.ts). */
  readonly registered: boolean;
}

/** Everything `orgstrap plan` shows. */
export interface Plan {
  readonly stack: string;
  readonly source: string;
  readonly homeRegion: string;
  readonly governedRegions: readonly string[];
  readonly limits: { readonly policiesPerTarget: number };
  /** Who the guardrails exempt, never silently: the deployer and break-glass principals, and the attached policies that exempt them. */
  readonly exemptions: { readonly principals: readonly string[]; readonly policies: readonly string[] };
  readonly summary: {
    readonly resources: number;
    readonly components: number;
    readonly providers: number;
    readonly accounts: number;
    readonly organizationalUnits: number;
    readonly regions: readonly string[];
  };
  readonly resources: readonly PlanResource[];
  readonly org: OrgNode;
  readonly guardrails: readonly EffectiveGuardrails[];
  readonly waves: CreationWaves;
  readonly adoptions: readonly Adoption[];
  /** Imports the program registered that the preflight does not list (should be empty). */
  readonly unexpectedImports: readonly { readonly type: string; readonly name: string; readonly id: string }[];
  /**
   * A discovered stack's two steps (lib/adoption.ts): what its import step registers (the recorded live values) and what
   * the converge step then changes on the adopted resources. Absent without orgstrap:adoption.
   */
  readonly adoptionSteps?: AdoptionSteps;
}

// Services without Regions: their resources land in the account, not in a Region.
const GLOBAL_TYPES = [/^aws:iam\//, /^aws:organizations\//, /^aws:account\//, /^aws:s3\/accountPublicAccessBlock:/, /^aws:route53\//, /^aws:cloudfront\//];
const LONG_TEXT = 160;

/** Builds the plan from the program's registrations and the stack's config. */
export function buildPlan(input: PlanInput): Plan {
  const { config: cfg } = input;
  // Registration order follows promise timing, which varies from run to run: sort for a stable plan.
  const registrations = [...input.registrations].sort((a, b) => compare(a.parent, b.parent) || compare(a.type, b.type) || compare(a.name, b.name));
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));

  // Accounts: by email (unique per config) to their key; ids to keys.
  const accountKeyByEmail = new Map(cfg.accounts.map((a) => [a.email.toLowerCase(), a.key]));
  const accountKeyById = new Map<string, string>([[input.managementAccountId, MANAGEMENT_KEY]]);
  const accountIdByKey = new Map<string, string>([[MANAGEMENT_KEY, input.managementAccountId]]);
  const accountRegByKey = new Map<string, PlanRegistration>();
  for (const r of registrations) {
    if (r.type !== AWS_TYPE.account) continue;
    const key = accountKeyByEmail.get(String(r.inputs.email ?? "").toLowerCase());
    if (!key) continue;
    accountKeyById.set(r.id, key);
    accountIdByKey.set(key, r.id);
    accountRegByKey.set(key, r);
  }

  // OUs: matched to config by name under an already matched parent, so ids map back to keys without relying on logical names.
  const ouKeyById = new Map<string, string>([[input.rootId, ROOT_KEY]]);
  const ouIdByKey = new Map<string, string>([[ROOT_KEY, input.rootId]]);
  const ouRegs = registrations.filter((r) => r.type === AWS_TYPE.organizationalUnit);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of ouRegs) {
      if (ouKeyById.has(r.id)) continue;
      const parentKey = ouKeyById.get(String(r.inputs.parentId));
      if (!parentKey) continue;
      const ou = cfg.organizationalUnits.find((o) => (o.parent ?? ROOT_KEY) === parentKey && o.name === r.inputs.name);
      if (!ou) continue;
      ouKeyById.set(r.id, ou.key);
      ouIdByKey.set(ou.key, r.id);
      changed = true;
    }
  }

  // Policies and their attachments, as registered.
  const catalogByTitle = new Map(input.catalog.map((p) => [p.title, p]));
  const policyById = new Map<string, { name: string; kind: PolicyKind }>();
  for (const r of registrations) {
    if (r.type !== AWS_TYPE.policy) continue;
    const title = String(r.inputs.name);
    policyById.set(r.id, { name: catalogByTitle.get(title)?.name ?? title, kind: policyKindOf(String(r.inputs.type)) ?? "scp" });
  }
  const attached = new Map<string, { scp: string[]; rcp: string[] }>();
  const targetKeyOf = (id: string) => ouKeyById.get(id) ?? accountKeyById.get(id) ?? id;
  for (const r of registrations) {
    if (r.type !== AWS_TYPE.policyAttachment) continue;
    const policy = policyById.get(String(r.inputs.policyId));
    if (!policy) continue;
    const target = targetKeyOf(String(r.inputs.targetId));
    const entry = attached.get(target) ?? { scp: [], rcp: [] };
    entry[policy.kind].push(policy.name);
    attached.set(target, entry);
  }
  // AWS attaches the full-access policies to every root, OU and account; they count against the limit.
  const policiesOf = (target: string): AttachedPolicies => ({
    scp: [FULL_ACCESS_POLICY.scp, ...(attached.get(target)?.scp ?? [])],
    rcp: [FULL_ACCESS_POLICY.rcp, ...(attached.get(target)?.rcp ?? [])],
  });

  // Org chart.
  const accountNode = (a: OrgConfig["accounts"][number]): OrgNode => ({
    kind: "account",
    key: a.key,
    name: a.name,
    id: accountIdByKey.get(a.key) ?? "",
    role: a.role,
    email: a.email,
    policies: policiesOf(a.key),
    children: [],
    ...(a.importId ? { adopted: true } : {}),
  });
  const accountsByOu = new Map<string, OrgConfig["accounts"][number][]>();
  for (const a of cfg.accounts) push(accountsByOu, a.ou, a);
  const ousByParent = new Map<string, OrgConfig["organizationalUnits"][number][]>();
  for (const ou of cfg.organizationalUnits) push(ousByParent, ou.parent ?? ROOT_KEY, ou);
  const ouNode = (ou: OrgConfig["organizationalUnits"][number]): OrgNode => ({
    kind: "ou",
    key: ou.key,
    name: ou.name,
    id: ouIdByKey.get(ou.key) ?? "",
    policies: policiesOf(ou.key),
    children: [...(ousByParent.get(ou.key) ?? []).map(ouNode), ...(accountsByOu.get(ou.key) ?? []).map(accountNode)],
    ...(ou.importId ? { adopted: true } : {}),
  });
  const org: OrgNode = {
    kind: "root",
    key: ROOT_KEY,
    name: "Root",
    id: input.rootId,
    policies: policiesOf(ROOT_KEY),
    children: [
      {
        kind: "account",
        key: MANAGEMENT_KEY,
        name: "management account",
        id: input.managementAccountId,
        role: MANAGEMENT_KEY,
        management: true,
        policies: { scp: [], rcp: [] },
        children: [],
      },
      ...(ousByParent.get(ROOT_KEY) ?? []).map(ouNode),
    ],
  };

  // Effective guardrails, level by level from the root.
  const limit = cfg.guardrails.limits.policiesPerTarget;
  const ouByKey = new Map(cfg.organizationalUnits.map((o) => [o.key, o]));
  const guardrails: EffectiveGuardrails[] = [
    { account: MANAGEMENT_KEY, name: "management account", id: input.managementAccountId, path: [], management: true },
  ];
  for (const a of cfg.accounts) {
    const chain: { target: string; name: string }[] = [];
    for (let k: string | undefined = a.ou; k && k !== ROOT_KEY; k = ouByKey.get(k)?.parent) chain.unshift({ target: k, name: ouByKey.get(k)?.name ?? k });
    const levels = [{ target: ROOT_KEY, name: "Root" }, ...chain, { target: a.key, name: a.name }];
    const kind = (kind: PolicyKind): EffectiveKind => {
      const ls = levels.map((l) => {
        const policies = policiesOf(l.target)[kind];
        return { ...l, policies, count: policies.length };
      });
      return { levels: ls, effective: [...new Set(ls.flatMap((l) => l.policies))], overLimit: ls.some((l) => l.count > limit) };
    };
    guardrails.push({
      account: a.key,
      name: a.name,
      id: accountIdByKey.get(a.key) ?? "",
      path: chain.map((c) => c.name),
      management: false,
      scp: kind("scp"),
      rcp: kind("rcp"),
    });
  }

  // Resources: the account from the provider (default provider: management), the Region from the `region` input.
  const providerAccount = (r: PlanRegistration): string => {
    const fromId = accountOfProviderId(r.id);
    if (fromId) return fromId;
    const roles = parseMaybeJson(r.inputs.assumeRoles) as { roleArn?: string }[] | undefined;
    return /::(\d{12}):/.exec(roles?.[0]?.roleArn ?? "")?.[1] ?? input.managementAccountId;
  };
  const resources: PlanResource[] = registrations.map((r) => {
    const parent = byUrn.get(r.parent)?.name ?? "";
    const kind = !r.custom ? "component" : r.type.startsWith("pulumi:providers:") ? "provider" : "resource";
    let accountId = "";
    if (kind === "provider") accountId = providerAccount(r);
    else if (kind === "resource") accountId = accountOfProvider(r.provider) ?? input.managementAccountId;
    const region =
      kind === "component" ? "" : typeof r.inputs.region === "string" ? r.inputs.region : GLOBAL_TYPES.some((g) => g.test(r.type)) ? "global" : cfg.homeRegion;
    return {
      type: r.type,
      name: r.name,
      kind,
      parent,
      account: accountId ? (accountKeyById.get(accountId) ?? accountId) : "",
      accountId,
      region,
      protect: r.protect === true,
      importId: r.importId,
      inputs: keyInputs(r, kind === "provider"),
    };
  });

  const preflight = adoptionPreflight(cfg);
  const registeredImports = new Set(registrations.filter((r) => r.importId).map((r) => `${r.type} ${r.name} ${r.importId}`));
  const regions = [...new Set(resources.map((r) => r.region).filter((r) => r && r !== "global"))].sort();
  return {
    stack: input.stack,
    source: input.source,
    homeRegion: cfg.homeRegion,
    governedRegions: cfg.governedRegions,
    limits: { policiesPerTarget: limit },
    exemptions: {
      principals: cfg.guardrails.exemptPrincipalArns,
      policies: input.catalog
        .filter((p) => p.parameters.includes("ExemptPrincipalArns") && cfg.guardrails.attachments.some((a) => a.policy === p.name))
        .map((p) => p.name),
    },
    summary: {
      resources: resources.filter((r) => r.kind === "resource").length,
      components: resources.filter((r) => r.kind === "component").length,
      providers: resources.filter((r) => r.kind === "provider").length,
      accounts: cfg.accounts.length + 1,
      organizationalUnits: cfg.organizationalUnits.length,
      regions,
    },
    resources,
    org,
    guardrails,
    waves: creationWaves(registrations),
    adoptions: preflight.adopted.map((a) => ({ ...a, registered: registeredImports.has(`${a.type} ${a.name} ${a.id}`) })),
    unexpectedImports: registrations
      .filter((r) => r.importId && !preflight.adopted.some((a) => a.type === r.type && a.name === r.name && a.id === r.importId))
      .map((r) => ({ type: r.type, name: r.name, id: r.importId })),
    ...(cfg.adoption ? { adoptionSteps: adoptionSteps(cfg) } : {}),
  };
}

/**
 * Creation waves of the registered graph. A resource is created one wave after the last resource it waits for:
 * its dependencies (explicit `dependsOn` and every resource whose outputs it reads) and its provider. Parent →
 * child is not a creation edge (components create nothing), and providers are configured, not created: they
 * pass their own dependencies (the account they assume into) through without a wave of their own.
 */
export function creationWaves(registrations: readonly PlanRegistration[]): CreationWaves {
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));
  const children = new Map<string, PlanRegistration[]>();
  for (const r of registrations) if (r.parent) push(children, r.parent, r);
  // A dependency on a component means every custom resource under it.
  const expand = (urn: string, out: PlanRegistration[]): void => {
    const r = byUrn.get(urn);
    if (!r) return;
    if (r.custom) out.push(r);
    else for (const c of children.get(urn) ?? []) expand(c.urn, out);
  };
  const depsOf = (r: PlanRegistration): PlanRegistration[] => {
    const out: PlanRegistration[] = [];
    for (const d of r.dependencies) expand(d, out);
    const providerUrn = r.provider ? r.provider.split("::").slice(0, -1).join("::") : "";
    if (providerUrn) expand(providerUrn, out);
    return out;
  };
  const wave = new Map<string, number>();
  const via = new Map<string, PlanRegistration | undefined>();
  const visiting = new Set<string>();
  const waveOf = (r: PlanRegistration): number => {
    const known = wave.get(r.urn);
    if (known !== undefined) return known;
    if (visiting.has(r.urn)) throw new Error(`dependency cycle through ${r.type} ${r.name}`);
    visiting.add(r.urn);
    let best = 0;
    let from: PlanRegistration | undefined;
    for (const d of depsOf(r)) {
      const w = waveOf(d);
      if (from === undefined || w > best || (w === best && compare(`${d.type} ${d.name}`, `${from.type} ${from.name}`) < 0)) [best, from] = [w, d];
    }
    visiting.delete(r.urn);
    const own = r.type.startsWith("pulumi:providers:") ? best : best + 1;
    wave.set(r.urn, own);
    via.set(r.urn, from);
    return own;
  };
  const custom = registrations.filter((r) => r.custom);
  let last: { r: PlanRegistration; wave: number } | undefined;
  for (const r of custom) {
    const w = waveOf(r);
    if (!last || w > last.wave || (w === last.wave && compare(`${r.type} ${r.name}`, `${last.r.type} ${last.r.name}`) < 0)) last = { r, wave: w };
  }
  const count = last?.wave ?? 0;
  const sizes = Array.from({ length: count }, () => 0);
  for (const r of custom) if (!r.type.startsWith("pulumi:providers:")) sizes[waveOf(r) - 1]++;
  const criticalPath: string[] = [];
  for (let r = last?.r; r; r = via.get(r.urn)) if (!r.type.startsWith("pulumi:providers:")) criticalPath.unshift(`${r.type} ${r.name}`);
  const accountWaves = [...new Set(custom.filter((r) => r.type === AWS_TYPE.account).map(waveOf))].sort((a, b) => a - b);
  return { count, sizes, criticalPath, accountWaves };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (!(t.startsWith("[") || t.startsWith("{"))) return value;
  try {
    return JSON.parse(t);
  } catch {
    return value;
  }
}

// The inputs that say what a resource is: documents longer than a line are shortened to their size, provider inputs
// (JSON-encoded by the SDK) decoded, and the SDK's own provider flags left out.
function keyInputs(r: PlanRegistration, provider: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.inputs)) {
    if (v === undefined) continue;
    if (provider && (k === "skipCredentialsValidation" || k === "skipRegionValidation" || k === "version")) continue;
    const value = provider ? parseMaybeJson(v) : v;
    out[k] = typeof value === "string" && value.length > LONG_TEXT ? `(${value.length} characters)` : value;
  }
  return out;
}
