// Admin access, alerts and cost: values required while their concern is on, and the services they need.
import { KNOWN_REGIONS } from "../../regions";
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";
import { rawSection } from "./baseline";

export function checkAccessAlertsCost({ input, own }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const ic = input.adminAccess.identityCenter;
  if (input.adminAccess.enabled && ic?.region && !KNOWN_REGIONS.includes(ic.region)) {
    problems.push(problem(at("adminAccess.identityCenter.region"), "regions.unknown", `${JSON.stringify(ic.region)} is not a known AWS Region`));
  }
  // Required values are looked up in the raw config: an invalid value is reported by the schema, not as missing.
  if (input.alerts.enabled) {
    if (rawSection(own, "alerts").email === undefined)
      problems.push(problem(at("alerts.email"), "required-while-enabled", "is required while alerts.enabled is true; set the security team's address"));
    // Findings of every member and Region reach the Security account's home Region only through Security Hub's aggregation.
    if (!input.guardDuty.enabled || !input.securityHub.enabled) {
      problems.push(
        problem(
          at("alerts.enabled"),
          "alerts.needs-guardDuty-securityHub",
          "true needs guardDuty.enabled and securityHub.enabled; alerts read GuardDuty findings of every account and Region from Security Hub's cross-Region aggregation in the Security account",
        ),
      );
    }
  }
  if (input.budget.enabled) {
    for (const key of ["monthlyLimitUsd", "emails"]) {
      if (rawSection(own, "budget")[key] === undefined)
        problems.push(problem(at(`budget.${key}`), "required-while-enabled", "is required while budget.enabled is true"));
    }
  }
  return problems;
}
