// Accounts: unique keys, names and emails; a known OU; exactly one security and one log-archive account.
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";
import { AccountConfig, MANAGEMENT_KEY, PROJECT, ROOT_KEY } from "../schema";

export function checkAccounts({ input, ouByKey, ouKeys, unreadable }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const keys = new Set<string>();
  const names = new Map<string, number>();
  const emails = new Map<string, number>();
  input.accounts.forEach((a, i) => {
    const path = `accounts[${i}]`;
    if (a.key && (keys.has(a.key) || ouByKey.has(a.key) || a.key === ROOT_KEY)) {
      problems.push(
        problem(
          at(`${path}.key`),
          "accounts.duplicate-key",
          `${JSON.stringify(a.key)} is already used by another account, an OU or "root"; keys must be unique`,
        ),
      );
    }
    keys.add(a.key);
    // Empty name or email: reported by the schema.
    const name = a.name.toLowerCase();
    if (name && names.has(name))
      problems.push(problem(at(`${path}.name`), "accounts.duplicate-name", `${JSON.stringify(a.name)} duplicates accounts[${names.get(name)}].name`));
    else if (name) names.set(name, i);
    const email = a.email.toLowerCase();
    if (email && emails.has(email)) {
      problems.push(
        problem(
          at(`${path}.email`),
          "accounts.duplicate-email",
          `${JSON.stringify(a.email)} duplicates accounts[${emails.get(email)}].email; every AWS account needs its own email`,
        ),
      );
    } else if (email) emails.set(email, i);
    if (a.ou && !ouByKey.has(a.ou) && !unreadable("organizationalUnits") && !unreadable("organizationalUnits.key"))
      problems.push(problem(at(`${path}.ou`), "accounts.unknown-ou", `unknown OU key ${JSON.stringify(a.ou)}; known keys: ${ouKeys.join(", ")}`));
  });
  const withRole = (role: AccountConfig["role"]) => input.accounts.filter((a) => a.role === role);
  // A list that did not read is reported by the schema, not as accounts without roles.
  for (const role of unreadable("accounts") || unreadable("accounts.role") ? [] : (["security", "log-archive"] as const)) {
    const found = withRole(role);
    if (found.length === 0) problems.push(problem(`${PROJECT}:accounts`, "accounts.role-missing", `no account has role: ${role}; exactly one is required`));
    if (found.length > 1)
      problems.push(
        problem(
          `${PROJECT}:accounts`,
          "accounts.role-repeated",
          `${found.length} accounts have role: ${role} (${found.map((a) => a.key).join(", ")}); exactly one is allowed`,
        ),
      );
  }
  input.accounts.forEach((a, i) => {
    if (a.key === MANAGEMENT_KEY) {
      problems.push(
        problem(
          at(`accounts[${i}].key`),
          "accounts.reserved-key",
          `${JSON.stringify(a.key)} is reserved for the management account (the one running pulumi up); choose another key`,
        ),
      );
    }
  });
  return problems;
}
