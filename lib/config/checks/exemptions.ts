// Exemptions no member account can take for itself (issue 8 items 1 and 2): the guardrails exempt roles by ARN alone,
// so an exempt name must be one protect-exempt-roles can protect, and that policy must apply wherever an exemption does.
// Also: Region restriction, once attached, leaves no OU or account out unless config says so (item 6).
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";
import { ROOT_KEY } from "../schema";

/** The policy that protects the exempt roles themselves (policies/scp/protect-exempt-roles.json). */
export const EXEMPT_ROLE_PROTECTION = "protect-exempt-roles";
/** The Region-restricting policy (policies/scp/restrict-regions.json). */
export const REGION_RESTRICTION = "restrict-regions";

/**
 * Paths under which AWS services, not member administrators, create roles: `aws-service-role/` (service-linked roles,
 * which SCPs do not restrict) and `aws-reserved/` (IAM Identity Center's roles, created by its service-linked role).
 * An SCP cannot stop those roles from being created, so an exemption that can match them cannot be protected.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html#not-restricted-by-scp
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
 */
export const SERVICE_ROLE_PATHS: readonly string[] = ["aws-service-role/", "aws-reserved/"];

/** Why a role-name pattern cannot be an exemption, or undefined when it can. */
export function exemptRoleNameProblem(name: string): string | undefined {
  if (/^\**$/.test(name)) return "is only wildcards: it would exempt every role of every member account from the guardrails";
  if (!name.includes("*")) return undefined;
  // In an ARN pattern `*` matches any run of characters, `/` included: the pattern reaches every path starting with its literal prefix.
  const literal = name.slice(0, name.indexOf("*"));
  const reached = SERVICE_ROLE_PATHS.filter((p) => p.startsWith(literal));
  if (reached.length === 0) return undefined;
  return (
    `can match roles under ${reached.map((p) => `role/${p}`).join(" and ")}, which AWS services create and no SCP can protect, ` +
    `so ${EXEMPT_ROLE_PROTECTION} could not stop anyone from gaining the exemption: start it with a literal prefix that is not a prefix of ${SERVICE_ROLE_PATHS.join(" or ")}`
  );
}

export function checkExemptions({ input, catalog }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  input.guardrails.exemptRoleNames.forEach((name, i) => {
    const why = exemptRoleNameProblem(name);
    if (why) problems.push(problem(at(`guardrails.exemptRoleNames[${i}]`), "guardrails.exempt-role-unprotectable", `${JSON.stringify(name)} ${why}`));
  });

  // Targets from a target up to the root: a policy attached to any of them applies there.
  const ouParents = new Map(input.organizationalUnits.map((ou) => [ou.key, ou.parent ?? ROOT_KEY]));
  const accountOus = new Map(input.accounts.map((a) => [a.key, a.ou]));
  const above = (target: string): string[] => {
    const out = [target];
    for (let k = accountOus.get(target) ?? ouParents.get(target), hops = 0; k && hops < 12; k = ouParents.get(k), hops++) out.push(k);
    if (!out.includes(ROOT_KEY)) out.push(ROOT_KEY);
    return out;
  };
  const attachments = input.guardrails.attachments;
  const protectedAt = new Set(attachments.filter((a) => a.policy === EXEMPT_ROLE_PROTECTION).flatMap((a) => a.targets));
  const exempting = new Set(catalog.filter((p) => p.parameters.includes("ExemptPrincipalArns") && p.name !== EXEMPT_ROLE_PROTECTION).map((p) => p.name));
  attachments.forEach((a, i) => {
    if (!exempting.has(a.policy)) return;
    a.targets.forEach((t, j) => {
      const chain = above(t);
      if (chain.some((x) => protectedAt.has(x))) return;
      problems.push(
        problem(
          at(`guardrails.attachments[${i}].targets[${j}]`),
          "guardrails.exemption-unprotected",
          `${JSON.stringify(t)} gets ${a.policy}, which exempts guardrails.exemptRoleNames by role ARN alone, but ${EXEMPT_ROLE_PROTECTION} is not attached to ` +
            `${chain.map((x) => JSON.stringify(x)).join(" or ")}; an administrator there could create or re-trust a role with an exempt name and step around ${a.policy}: ` +
            `attach ${EXEMPT_ROLE_PROTECTION} to ${JSON.stringify(t)} or above it (root covers every account)`,
        ),
      );
    });
  });

  // Region restriction, once used, reaches every OU and account unless config names the exception (issue 8 item 6):
  // otherwise "workloads and data stay in the governed Regions" holds only where someone remembered to attach it.
  const regional = attachments.filter((a) => a.policy === REGION_RESTRICTION).flatMap((a) => a.targets);
  const exceptions = input.guardrails.regionRestrictionExceptions;
  exceptions.forEach((k, i) => {
    if (!ouParents.has(k) && !accountOus.has(k)) {
      problems.push(problem(at(`guardrails.regionRestrictionExceptions[${i}]`), "guardrails.unknown-target", `unknown OU or account key ${JSON.stringify(k)}`));
    }
  });
  if (regional.length > 0) {
    const unrestricted = [...ouParents.keys(), ...accountOus.keys()].filter((k) => !above(k).some((x) => regional.includes(x) || exceptions.includes(x)));
    if (unrestricted.length > 0) {
      problems.push(
        problem(
          at("guardrails.attachments"),
          "guardrails.region-restriction-partial",
          `${REGION_RESTRICTION} is attached, but not to ${unrestricted.map((k) => JSON.stringify(k)).join(", ")} or anything above; their accounts could run workloads in any Region: ` +
            `attach ${REGION_RESTRICTION} to root (or to them), or list them in guardrails.regionRestrictionExceptions`,
        ),
      );
    }
  }
  return problems;
}
