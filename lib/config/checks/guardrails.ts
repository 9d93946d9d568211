// Guardrails: known policies and targets, per-target limits counting FullAWSAccess, rendered size, and no lockout of
// the role orgstrap deploys through.
import { FULL_ACCESS_POLICY } from "../../naming";
import { PolicyKind, renderPolicy } from "../../policies";
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";
import { ROOT_KEY } from "../schema";

/** The code of a target over its policies-per-target limit; `review --stack` reports these as ORG001 findings. */
export const POLICIES_PER_TARGET = "guardrails.policies-per-target";

export function checkGuardrails({ input, catalog, ouKeys, accountKeys, parameters, attachments, unreadable }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const policyByName = new Map(catalog.map((p) => [p.name, p]));
  const targetNames = new Set([ROOT_KEY, ...ouKeys, ...accountKeys]);
  const perTarget = new Map<string, Map<PolicyKind, string[]>>();
  input.guardrails.attachments.forEach((att, i) => {
    const path = `guardrails.attachments[${i}]`;
    const policy = policyByName.get(att.policy);
    if (!att.policy) return;
    if (!policy) {
      problems.push(
        problem(
          at(`${path}.policy`),
          "guardrails.unknown-policy",
          `unknown policy ${JSON.stringify(att.policy)}; policies/ has: ${[...policyByName.keys()].sort().join(", ")}`,
        ),
      );
      return;
    }
    att.targets.forEach((t, j) => {
      if (!t) return;
      if (!targetNames.has(t)) {
        // Targets are OU and account keys: when either list did not read, their problem is reported by the schema.
        if (["organizationalUnits", "accounts", "organizationalUnits.key", "accounts.key"].some(unreadable)) return;
        problems.push(
          problem(
            at(`${path}.targets[${j}]`),
            "guardrails.unknown-target",
            `unknown target ${JSON.stringify(t)}; use "root", an OU key (${ouKeys.join(", ")}) or an account key`,
          ),
        );
        return;
      }
      const kinds = perTarget.get(t) ?? new Map<PolicyKind, string[]>();
      const list = kinds.get(policy.kind) ?? [];
      if (list.includes(policy.name))
        problems.push(
          problem(at(`${path}.targets[${j}]`), "guardrails.attached-twice", `${JSON.stringify(policy.name)} is attached to ${JSON.stringify(t)} twice`),
        );
      list.push(policy.name);
      kinds.set(policy.kind, list);
      perTarget.set(t, kinds);
    });
  });
  const limit = input.guardrails.limits.policiesPerTarget;
  for (const [target, kinds] of perTarget) {
    for (const [kind, list] of kinds) {
      // AWS attaches FullAWSAccess / RCPFullAWSAccess to every target, and it counts toward the quota.
      const total = list.length + 1;
      if (total > limit) {
        const managed = FULL_ACCESS_POLICY[kind];
        problems.push(
          problem(
            at("guardrails.attachments"),
            POLICIES_PER_TARGET,
            `target ${JSON.stringify(target)} would have ${total} ${kind.toUpperCase()}s (${[managed, ...list].join(", ")}); ` +
              `the limit is ${limit} per target (guardrails.limits.policiesPerTarget), ${managed} included`,
          ),
        );
      }
    }
  }
  for (const policy of catalog) {
    if (!attachments.some((a) => a.policy === policy.name)) continue;
    try {
      const size = renderPolicy(policy, parameters).length;
      if (size > input.guardrails.limits.policySizeChars) {
        problems.push(
          problem(
            at("guardrails"),
            "guardrails.policy-size",
            `policy ${JSON.stringify(policy.name)} renders to ${size} characters minified; the limit is ${input.guardrails.limits.policySizeChars} (guardrails.limits.policySizeChars)`,
          ),
        );
      }
    } catch (err) {
      problems.push(problem(at("guardrails"), "guardrails.render", `policy ${JSON.stringify(policy.name)} cannot be rendered: ${(err as Error).message}`));
    }
  }

  // orgstrap deploys into each member account through its access role: the guardrails that exempt the deployer must
  // exempt that role, or the first `pulumi up` after attaching them denies orgstrap its own changes.
  const exempting = catalog.filter((p) => p.parameters.includes("ExemptPrincipalArns") && attachments.some((a) => a.policy === p.name)).map((p) => p.name);
  if (exempting.length > 0) {
    input.accounts.forEach((a, i) => {
      if (!a.accessRoleName || input.guardrails.exemptRoleNames.includes(a.accessRoleName)) return;
      problems.push(
        problem(
          at(`accounts[${i}].accessRoleName`),
          "guardrails.deployer-not-exempt",
          `${JSON.stringify(a.accessRoleName)} is the role orgstrap deploys through, but guardrails.exemptRoleNames does not list it; ` +
            `the attached ${exempting.join(", ")} would deny orgstrap its own changes in account ${JSON.stringify(a.key)}: add it to guardrails.exemptRoleNames`,
        ),
      );
    });
  }
  return problems;
}
