// The rules that keep guardrail exemptions from being a way around the guardrails (issue 8, items 1 and 2).
// Pure: config validation calls it with the stack's raw guardrails and organization shape, and gets every problem.
import { CatalogPolicy } from "./policies";

/** The policy that protects the exempt roles themselves (policies/scp/protect-exempt-roles.json). */
export const EXEMPT_ROLE_PROTECTION = "protect-exempt-roles";

/**
 * Paths under which AWS services, not member administrators, create roles: `aws-service-role/` (service-linked roles,
 * which SCPs do not restrict) and `aws-reserved/` (IAM Identity Center's roles, created by its service-linked role).
 * An SCP cannot stop those roles from being created, so an exemption that can match them cannot be protected.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html#not-restricted-by-scp
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
 */
export const SERVICE_ROLE_PATHS: readonly string[] = ["aws-service-role/", "aws-reserved/"];

export interface ExemptionInput {
  readonly exemptRoleNames: readonly string[];
  readonly attachments: readonly { readonly policy: string; readonly targets: readonly string[] }[];
  /** Parent of every OU key (`root` for a top-level OU). */
  readonly ouParents: ReadonlyMap<string, string>;
  /** OU of every account key. */
  readonly accountOus: ReadonlyMap<string, string>;
}

/** Why a role-name pattern cannot be an exemption, or undefined when it can. */
export function exemptRoleNameProblem(name: string): string | undefined {
  if (/^\**$/.test(name)) return "is only wildcards: it would exempt every role of every member account from the guardrails";
  if (!name.includes("*")) return undefined;
  const literal = name.slice(0, name.indexOf("*"));
  // `*` matches any run of characters, `/` included, so the pattern reaches every role whose path starts with `literal`.
  const reached = SERVICE_ROLE_PATHS.filter((p) => p.startsWith(literal));
  if (reached.length > 0) {
    return (
      `its wildcard can match roles under ${reached.map((p) => `role/${p}`).join(" and ")}, which AWS services create and no SCP can protect, ` +
      `so ${EXEMPT_ROLE_PROTECTION} could not stop anyone from gaining the exemption: start it with a literal prefix that is not a prefix of ${SERVICE_ROLE_PATHS.join(" or ")}`
    );
  }
  return undefined;
}

/** Every problem with the exemptions of one stack, each naming its key. */
export function exemptionProblems(project: string, input: ExemptionInput, catalog: readonly CatalogPolicy[]): string[] {
  const problems: string[] = [];
  input.exemptRoleNames.forEach((name, i) => {
    const why = exemptRoleNameProblem(name);
    if (why) problems.push(`${project}:guardrails.exemptRoleNames[${i}]: ${JSON.stringify(name)} ${why}`);
  });

  // Targets from a target up to the root: a policy attached to any of them applies there.
  const above = (target: string): string[] => {
    const out = [target];
    let k: string | undefined = input.accountOus.get(target) ?? input.ouParents.get(target);
    for (let hops = 0; k && hops < 12; hops++, k = input.ouParents.get(k)) out.push(k);
    if (!out.includes("root")) out.push("root");
    return out;
  };
  const protectedAt = new Set(input.attachments.filter((a) => a.policy === EXEMPT_ROLE_PROTECTION).flatMap((a) => a.targets));
  const exempting = new Set(catalog.filter((p) => p.parameters.includes("ExemptPrincipalArns") && p.name !== EXEMPT_ROLE_PROTECTION).map((p) => p.name));
  input.attachments.forEach((a, i) => {
    if (!exempting.has(a.policy)) return;
    a.targets.forEach((t, j) => {
      const chain = above(t);
      if (chain.some((x) => protectedAt.has(x))) return;
      problems.push(
        `${project}:guardrails.attachments[${i}].targets[${j}]: ${JSON.stringify(t)} gets ${a.policy}, which exempts guardrails.exemptRoleNames by role ARN alone, ` +
          `but ${EXEMPT_ROLE_PROTECTION} is not attached to ${chain.map((x) => JSON.stringify(x)).join(" or ")}; an administrator there could create or re-trust a role with an exempt name and step around ${a.policy}: ` +
          `attach ${EXEMPT_ROLE_PROTECTION} to ${JSON.stringify(t)} or above it (root covers every account)`,
      );
    });
  });
  return problems;
}
