// `orgstrap review --stack NAME`: the policies a stack attaches, as rendered with its parameters, plus the
// organization's per-target limits, the claims proven with the stack's own parameters along every path of its
// organization (root, OUs, account, FullAWSAccess included), and a lockout check of the stack's own exempt roles.
import * as path from "path";
import { ConfigError, OrgConfig, parseOrgConfig, POLICIES_PER_TARGET, problem, Problem, ROOT_KEY } from "../config";
import {
  CatalogPolicy,
  ConcreteClaim,
  concreteClaims,
  concreteRoleName,
  exemptRolePatterns,
  loadPolicyCatalog,
  PolicyCatalogError,
  PolicyParameters,
  renderPolicy,
} from "../policies";
import { readStackFile } from "../stackFile";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, Request } from "./evaluator";
import { describeRequest, FileKind, proveClaims, reviewText, sortFindings } from "./review";
import { Finding, ruleById } from "./rules";

export interface StackReview {
  findings: Finding[];
  /** Policies reviewed. */
  files: number;
  /** Each policy's kind (from the catalogue). */
  kinds: FileKind[];
  /** Config problems other than the per-target limits (those are ORG001 findings); non-empty means the stack is invalid. */
  configProblems: Problem[];
}

const finding = (file: string, ruleId: string, path_: string, message: string): Finding => {
  const rule = ruleById(ruleId);
  return { file, ruleId, slug: rule.slug, severity: rule.severity, path: path_, message, rationale: rule.rationale };
};

/** Reviews the stack file `file` (named `source` in messages, e.g. Pulumi.dev.yaml). */
export async function reviewStack(file: string, source: string): Promise<StackReview> {
  let catalog: CatalogPolicy[];
  try {
    catalog = loadPolicyCatalog();
  } catch (err) {
    if (err instanceof PolicyCatalogError)
      return { findings: [], files: 0, kinds: [], configProblems: err.problems.map((p) => problem("", "policies.catalog", p)) };
    throw err;
  }
  let config;
  try {
    config = parseOrgConfig(readStackFile(file, source), catalog, source);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The config check owns the per-target count (FullAWSAccess included); review reports its verdicts as ORG001.
    const isLimit = (p: Problem) => p.code === POLICIES_PER_TARGET;
    return {
      findings: err.details.filter(isLimit).map((p) => finding(source, "ORG001", p.path, p.message)),
      files: 0,
      kinds: [],
      configProblems: err.details.filter((p) => !isLimit(p)),
    };
  }

  const params = config.guardrails.parameters;
  const attached = catalog.filter((p) => config.guardrails.attachments.some((a) => a.policy === p.name));
  const findings: Finding[] = [];
  const kinds: FileKind[] = [];
  for (const policy of attached) {
    const rendered = renderPolicy(policy, params);
    const shown = path.relative(process.cwd(), policy.file);
    kinds.push({ file: shown, kind: policy.kind, why: "policies/manifest.json" });
    const maxSize = { maxSize: config.guardrails.limits[policy.kind].policySizeChars, maxSizeSource: `guardrails.limits.${policy.kind}.policySizeChars` };
    for (const f of await reviewText(shown, rendered, maxSize, undefined, { kind: policy.kind, why: "policies/manifest.json" })) {
      findings.push({ ...f, message: `as rendered for ${source}: ${f.message}` });
    }
    // The claims with this stack's parameters: the policy beside FullAWSAccess, then along the organization's paths.
    for (const f of await proveClaims(policy, params))
      findings.push({ ...f, file: path.relative(process.cwd(), f.file), message: `as rendered for ${source}: ${f.message}` });
    findings.push(...lockouts(policy, rendered, params, source));
  }
  findings.push(...proveStackClaims(catalog, config, source));
  return { findings: sortFindings(findings), files: attached.length, kinds, configProblems: [] };
}

/** One place a member account can sit: the targets from the root down to it, and how to name it. */
interface Location {
  label: string;
  targets: string[];
}

/** The root, every OU (a new account placed there) and every configured account, each with its chain of targets. */
export function locations(config: OrgConfig): Location[] {
  const ouByKey = new Map(config.organizationalUnits.map((ou) => [ou.key, ou]));
  const chain = (ouKey: string | undefined): string[] => {
    const out: string[] = [];
    for (let k = ouKey, hops = 0; k && k !== ROOT_KEY && hops < 10; k = ouByKey.get(k)?.parent, hops++) out.unshift(k);
    return [ROOT_KEY, ...out];
  };
  const names = (targets: string[]): string => targets.map((t) => (t === ROOT_KEY ? "Root" : (ouByKey.get(t)?.name ?? t))).join(" / ");
  return [
    { label: "a new account in Root", targets: [ROOT_KEY] },
    ...config.organizationalUnits.map((ou) => ({ label: `a new account in ${names(chain(ou.key))}`, targets: chain(ou.key) })),
    ...config.accounts.map((a) => ({ label: `account ${a.key} (${names(chain(a.ou))})`, targets: [...chain(a.ou), a.key] })),
  ];
}

/**
 * Every claim of every attached policy, made concrete with the stack's parameters, decided with everything the stack
 * attaches along each path where the policy applies (FullAWSAccess at every level): what a policy claims to deny must
 * be denied there, and what it claims the exempt roles and service-linked roles can still do must be allowed there, or
 * the organization locks itself out. Claims that ordinary principals stay allowed are about the policy alone
 * (proveClaims): another guardrail on the path (deny-all in Suspended) may deny them on purpose.
 */
export function proveStackClaims(catalog: readonly CatalogPolicy[], config: OrgConfig, source: string): Finding[] {
  const params = config.guardrails.parameters;
  const byName = new Map(catalog.map((p) => [p.name, p]));
  const documents = new Map<string, unknown>();
  const onTarget = new Map<string, CatalogPolicy[]>();
  for (const a of config.guardrails.attachments) {
    const policy = byName.get(a.policy);
    if (!policy) continue;
    documents.set(policy.name, JSON.parse(renderPolicy(policy, params)));
    for (const t of a.targets) onTarget.set(t, [...(onTarget.get(t) ?? []), policy]);
  }
  const failures = new Map<string, { policy: CatalogPolicy; side: string; claim: ConcreteClaim; reason: string; where: string[] }>();
  for (const loc of locations(config)) {
    const inEffect = [...new Set(loc.targets.flatMap((t) => onTarget.get(t) ?? []))];
    for (const kind of ["scp", "rcp"] as const) {
      const levels = loc.targets.map((t) => [
        ...(kind === "scp" ? [FULL_AWS_ACCESS] : []),
        ...(onTarget.get(t) ?? []).filter((p) => p.kind === kind).map((p) => ({ name: p.title, document: documents.get(p.name) })),
      ]);
      for (const policy of inEffect.filter((p) => p.kind === kind)) {
        const claims = concreteClaims(policy, params);
        const checks: [string, ConcreteClaim][] = [
          ...claims.denied.map((c): [string, ConcreteClaim] => ["denied", c]),
          ...claims.allowed
            .filter((c) => c.exemptRole !== undefined || c.request.principal.kind === "service-linked-role")
            .map((c): [string, ConcreteClaim] => ["allowed", c]),
        ];
        for (const [expect, claim] of checks) {
          const d = evaluateOrgPolicies(kind, levels, claim.request as Request);
          if (d.decision === expect) continue;
          const key = `${policy.name}|${expect}|${claim.index}|${JSON.stringify(claim.request)}`;
          const entry = failures.get(key) ?? { policy, side: expect, claim, reason: d.reason, where: [] };
          entry.where.push(loc.label);
          failures.set(key, entry);
        }
      }
    }
  }
  return [...failures.values()].map((f) =>
    finding(
      source,
      "CLAIM001",
      `${f.policy.name}.claims.${f.side}[${f.claim.index}]`,
      `${f.policy.name}: "${f.claim.name}" should be ${f.side} but is not for ${describeRequest(f.claim.request)} in ${f.where.join(", ")} with everything ${source} attaches there (${f.reason})`,
    ),
  );
}

/**
 * Every request a policy claims to deny to a role must stay allowed to each of the stack's exempt roles (the deployer
 * and break-glass roles), when the policy exempts anyone at all: otherwise the organization can lock itself out.
 */
function lockouts(policy: CatalogPolicy, rendered: string, params: PolicyParameters, source: string): Finding[] {
  if (!policy.parameters.includes("ExemptPrincipalArns")) return [];
  const document = JSON.parse(rendered);
  const levels = policy.kind === "scp" ? [[FULL_AWS_ACCESS, { name: policy.title, document }]] : [[{ name: policy.title, document }]];
  const out: Finding[] = [];
  for (const pattern of exemptRolePatterns(params)) {
    const role = concreteRoleName(pattern);
    for (const claim of concreteClaims(policy, params).denied.filter((c) => c.request.principal.kind === "role")) {
      const request: Request = { ...(claim.request as Request), principal: { kind: "role", account: claim.request.principal.account, name: role } };
      const d = evaluateOrgPolicies(policy.kind, levels, request);
      if (d.decision === "denied") {
        out.push(
          finding(
            source,
            "CLAIM001",
            `orgstrap:guardrails.exemptRoleNames`,
            `${policy.name} as rendered for ${source} locks out exempt role "${role}": ${request.action} is denied (${d.reason})`,
          ),
        );
      }
    }
  }
  return out;
}
