// Account baseline: the StackSet's OUs, accounts with their own Config recorder, AWS Config coverage of every account,
// and the security contact the baseline needs.
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";
import { MANAGEMENT_KEY, ROOT_KEY } from "../schema";

export function checkBaseline({ input, own, ouByKey, ouKeys, accountKeys, futureOus, unreadable }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const seenFutureOus = new Set<string>();
  (input.futureAccounts.organizationalUnits ?? []).forEach((k, i) => {
    const path = at(`futureAccounts.organizationalUnits[${i}]`);
    if (!ouByKey.has(k)) {
      if (!unreadable("organizationalUnits") && !unreadable("organizationalUnits.key"))
        problems.push(problem(path, "futureAccounts.unknown-ou", `unknown OU key ${JSON.stringify(k)}; known keys: ${ouKeys.join(", ")}`));
    } else if (seenFutureOus.has(k)) problems.push(problem(path, "futureAccounts.duplicate", `${JSON.stringify(k)} is listed twice`));
    seenFutureOus.add(k);
  });
  // One stack instance resource per target OU and Region: an OU below another target would be deployed by two, and
  // removing either would delete the stacks of accounts the other still targets (StackSets includes child OUs).
  // A cycle of parents is the OU check's problem alone: the walk stops where it comes back round.
  (input.futureAccounts.organizationalUnits ?? []).forEach((k, i) => {
    const walked = new Set([k]);
    for (let p = ouByKey.get(k)?.parent; p && p !== ROOT_KEY && !walked.has(p); p = ouByKey.get(p)?.parent) {
      walked.add(p);
      if (!seenFutureOus.has(p)) continue;
      problems.push(
        problem(
          at(`futureAccounts.organizationalUnits[${i}]`),
          "futureAccounts.nested-ou",
          `${JSON.stringify(k)} sits below ${JSON.stringify(p)}, which is also listed; StackSets already deploys to child OUs, so list only ${JSON.stringify(p)}`,
        ),
      );
      break;
    }
  });
  const existingRecorders = new Set<string>();
  input.awsConfig.existingRecorderAccounts.forEach((k, i) => {
    const path = at(`awsConfig.existingRecorderAccounts[${i}]`);
    if (k !== MANAGEMENT_KEY && !accountKeys.has(k)) {
      if (!unreadable("accounts") && !unreadable("accounts.key"))
        problems.push(
          problem(
            path,
            "awsConfig.unknown-account",
            `unknown account ${JSON.stringify(k)}; use "${MANAGEMENT_KEY}" or an account key (${[...accountKeys].join(", ")})`,
          ),
        );
    } else if (existingRecorders.has(k)) problems.push(problem(path, "awsConfig.duplicate", `${JSON.stringify(k)} is listed twice`));
    existingRecorders.add(k);
  });
  if (input.awsConfig.enabled) {
    if (!input.futureAccounts.enabled) {
      problems.push(
        problem(
          at("futureAccounts.enabled"),
          "awsConfig.needs-futureAccounts",
          "false while awsConfig.enabled is true; member accounts get their AWS Config recorder only from the futureAccounts StackSet, so enable it or disable awsConfig",
        ),
      );
    } else if (!unreadable("futureAccounts.organizationalUnits")) {
      // Accounts outside the StackSet's OUs would hold no recorder: AWS Config would not record them.
      // Undefined when the chain of parents is broken (an unknown parent or a cycle, reported by the OU check).
      const covered = (ouKey: string): boolean | undefined => {
        let k: string | undefined = ouKey;
        for (let hops = 0; k && k !== ROOT_KEY; k = ouByKey.get(k)?.parent, hops++) {
          if (futureOus.includes(k)) return true;
          if (!ouByKey.has(k) || hops > ouByKey.size) return undefined;
        }
        return false;
      };
      input.accounts.forEach((a, i) => {
        if (!a.key || !a.ou || !ouByKey.has(a.ou) || existingRecorders.has(a.key) || covered(a.ou) !== false) return;
        problems.push(
          problem(
            at(`accounts[${i}].ou`),
            "awsConfig.account-not-recorded",
            `account ${JSON.stringify(a.key)} sits in OU ${JSON.stringify(a.ou)}, outside futureAccounts.organizationalUnits (${futureOus.join(", ")}); ` +
              "AWS Config would not record it: add its OU (or an ancestor) there, or list the account in awsConfig.existingRecorderAccounts",
          ),
        );
      });
    }
  }
  // Read from the raw value: a contact that fails its own schema is reported there, not as missing.
  if (input.baseline.enabled && rawSection(own, "baseline").securityContact === undefined) {
    problems.push(
      problem(
        at("baseline.securityContact"),
        "required-while-enabled",
        "is required while baseline.enabled is true (CIS 1.2: every account names a security contact); set name, title, email and phone",
      ),
    );
  }
  return problems;
}

/** A section of the raw config as an object ({} when absent or not an object). */
export function rawSection(own: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const v = own[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
