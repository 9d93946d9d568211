// Typed, validated stack config: the single source of truth for the program, `orgstrap plan` and `orgstrap review --stack`.
// decode (raw Pulumi config -> object) -> schema (shapes, AWS value rules, defaults) -> checks per concern -> resolve.
import { CatalogPolicy } from "../policies";
import { checkAccessAlertsCost } from "./checks/accessAlertsCost";
import { checkAccounts } from "./checks/accounts";
import { checkAdoption } from "./checks/adoption";
import { checkBaseline } from "./checks/baseline";
import { checkGuardrails } from "./checks/guardrails";
import { checkLifecycle } from "./checks/lifecycle";
import { checkOrganizationalUnits } from "./checks/organizationalUnits";
import { checkRegions } from "./checks/regions";
import { checkContext, CheckContext } from "./context";
import { decodeRawConfig, RawConfig } from "./decode";
import { ConfigError, fromZodIssue, issuePath, Problem } from "./problems";
import { OrgConfig, resolveConfig } from "./resolve";
import { readWhatParses, stackSchema } from "./schema";

export { ConfigError, formatProblem, problem, type Problem } from "./problems";
export type { RawConfig } from "./decode";
export type { AttachmentConfig, OrgConfig } from "./resolve";
export { POLICIES_PER_TARGET } from "./checks/guardrails";
export {
  DEFAULT_GUARDDUTY_FEATURES,
  DEFAULT_SECURITY_HUB_STANDARDS,
  DEFAULT_TRUSTED_SERVICES,
  MANAGEMENT_KEY,
  PROJECT,
  ROOT_KEY,
  STACKSET_EXECUTION_ROLE,
  type AccountConfig,
  type OrganizationalUnitConfig,
} from "./schema";

/** The checks of each concern, in the order their problems are listed. */
const CHECKS: readonly ((ctx: CheckContext) => Problem[])[] = [
  checkRegions,
  checkOrganizationalUnits,
  checkAccounts,
  checkGuardrails,
  checkBaseline,
  checkAccessAlertsCost,
  checkAdoption,
  checkLifecycle,
];

/**
 * Validates a stack's raw config against the schema, the cross-references between OUs, accounts and
 * guardrails, and AWS's limits. Throws one {@link ConfigError} listing every problem.
 */
export function parseOrgConfig(raw: RawConfig, catalog: readonly CatalogPolicy[], source = "stack config"): OrgConfig {
  const { own, region, problems: decodeProblems } = decodeRawConfig(raw);
  const problems: Problem[] = [...decodeProblems];
  const parsed = stackSchema.safeParse(own);
  const unreadable = new Set<string>();
  const issues = parsed.error?.issues ?? [];
  // zod runs a list's length checks even on a value that is not a list: a value of the wrong type is one problem.
  const wrongType = new Set(issues.filter((i) => i.code === "invalid_type").map((i) => issuePath(i.path)));
  for (const issue of issues) {
    if (issue.code !== "invalid_type" && wrongType.has(issuePath(issue.path))) continue;
    problems.push(fromZodIssue(issue, own));
    if (issue.code === "invalid_type" || issue.code === "too_small" || issue.code === "too_big") unreadable.add(issuePath(issue.path));
    // An OU or account without a key (or that is no object at all) could be what any unknown reference names, and an
    // account whose role did not read could be the security or log-archive one: those checks stay silent.
    const [list, , field] = issue.path;
    if (list === "organizationalUnits" || list === "accounts") {
      const whole = issue.path.length === 2 && issue.code === "invalid_type";
      if (whole || (field === "key" && issue.code === "invalid_type")) unreadable.add(`${list}.key`);
      if (whole || field === "role") unreadable.add(`${list}.role`);
    }
  }
  // Cross-references are still checked on what did parse, so one run reports every problem.
  const ctx = checkContext(parsed.success ? parsed.data : readWhatParses(own), own, region, catalog, unreadable);
  for (const check of CHECKS) problems.push(...check(ctx));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return resolveConfig(ctx);
}
