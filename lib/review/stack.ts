// `orgstrap review --stack NAME`: the policies a stack attaches, as rendered with its parameters, plus the
// organization's per-target limits and a lockout check of the stack's own exempt roles.
import * as path from "path";
import { ConfigError, parseOrgConfig, POLICIES_PER_TARGET, problem, Problem } from "../config";
import { CatalogPolicy, loadPolicyCatalog, PolicyCatalogError, renderPolicy } from "../policies";
import { readStackFile } from "../stackFile";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, Request } from "./evaluator";
import { FileKind, proveClaims, reviewText, sortFindings } from "./review";
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
    for (const f of await reviewText(
      shown,
      rendered,
      { maxSize: config.guardrails.limits.policySizeChars, maxSizeSource: "guardrails.limits.policySizeChars" },
      undefined,
      { kind: policy.kind, why: "policies/manifest.json" },
    )) {
      findings.push({ ...f, message: `as rendered for ${source}: ${f.message}` });
    }
    findings.push(...(await proveClaims(policy)).map((f) => ({ ...f, file: path.relative(process.cwd(), f.file) })));
    findings.push(...lockouts(policy, rendered, params.ExemptPrincipalArns, source));
  }
  return { findings: sortFindings(findings), files: attached.length, kinds, configProblems: [] };
}

/**
 * Every request a policy claims to deny to a role must stay allowed to each of the stack's exempt roles (the deployer
 * and break-glass roles), when the policy exempts anyone at all: otherwise the organization can lock itself out.
 */
function lockouts(policy: CatalogPolicy, rendered: string, exemptArns: readonly string[], source: string): Finding[] {
  if (!policy.parameters.includes("ExemptPrincipalArns")) return [];
  const document = JSON.parse(rendered);
  const levels = policy.kind === "scp" ? [[FULL_AWS_ACCESS, { name: policy.title, document }]] : [[{ name: policy.title, document }]];
  const out: Finding[] = [];
  for (const arn of exemptArns) {
    const role = /:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    if (!role) continue;
    for (const claim of policy.claims.denied.filter((c) => c.request.principal.kind === "role")) {
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
