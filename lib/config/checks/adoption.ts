// Adoption: an existing OU or account can only be imported together with the organization it belongs to, and every
// import needs the live values it must match (Pulumi's import option fails on any difference: lib/adoption.ts).
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";

export function checkAdoption({ input, own }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  // EnablePolicyType: INSPECTOR_POLICY needs Inspector's trusted access (@pulumi/aws 7.48 Organization.enabledPolicyTypes).
  if (input.organization.extraPolicyTypes.includes("INSPECTOR_POLICY") && !input.organization.extraTrustedServices.includes("inspector2.amazonaws.com")) {
    problems.push(
      problem(
        at("organization.extraPolicyTypes"),
        "adoption.policy-type-needs-service",
        "INSPECTOR_POLICY needs inspector2.amazonaws.com in organization.extraTrustedServices",
      ),
    );
  }
  // Read from the raw value: an organization entry that fails its own schema is reported there, not as missing.
  const organizationImported = (own.organization as { importId?: unknown } | undefined)?.importId !== undefined;
  if (!organizationImported) {
    for (const k of ["organizationalUnits", "accounts"] as const) {
      const list: unknown[] = Array.isArray(own[k]) ? own[k] : [];
      list.forEach((item, i) => {
        if (item && typeof item === "object" && (item as { importId?: unknown }).importId !== undefined) {
          problems.push(
            problem(
              at(`${k}[${i}].importId`),
              "adoption.needs-organization",
              `adopting an existing ${k === "accounts" ? "account" : "OU"} needs organization.importId, the organization it belongs to; set it (see docs/adopting.md) or remove importId`,
            ),
          );
        }
      });
    }
  }

  const adoption = input.adoption;
  // Set but invalid: its own problems are reported by the schema.
  if (!adoption && own.adoption !== undefined) return problems;
  if (!adoption) {
    const imported = [
      ...(input.organization.importId ? ["organization.importId"] : []),
      ...input.organizationalUnits.flatMap((o, i) => (o.importId ? [`organizationalUnits[${i}].importId`] : [])),
      ...input.accounts.flatMap((a, i) => (a.importId ? [`accounts[${i}].importId`] : [])),
    ];
    // Without organization.importId, an OU's or account's importId is refused above.
    for (const path of organizationImported ? imported : []) {
      problems.push(
        problem(
          at(path),
          "adoption.needs-live-values",
          `importing needs the live values in ${at("adoption")} (written by \`orgstrap discover\`): Pulumi's import fails unless the program's inputs equal the live resource's; run orgstrap discover (docs/adopting.md)`,
        ),
      );
    }
    return problems;
  }
  if (!input.organization.importId && !organizationImported) {
    problems.push(
      problem(
        at("adoption"),
        "adoption.needs-organization",
        "is set, but organization.importId is not; adoption records the live values of an existing organization",
      ),
    );
  }
  const check = (kind: "organizationalUnits" | "accounts", list: readonly { key: string; importId?: string }[], live: Record<string, unknown>) => {
    const noun = kind === "accounts" ? "account" : "OU";
    list.forEach((item, i) => {
      if (item.importId && !(item.key in live)) {
        problems.push(
          problem(
            at(`${kind}[${i}].importId`),
            "adoption.missing-live-values",
            `${noun} ${JSON.stringify(item.key)} is imported but ${at("adoption")}.${kind} has no live values for it; run orgstrap discover again`,
          ),
        );
      }
    });
    for (const key of Object.keys(live)) {
      if (!list.find((x) => x.key === key)?.importId) {
        problems.push(
          problem(
            at(`adoption.${kind}.${key}`),
            "adoption.orphan-live-values",
            `no ${noun} with this key has an importId; remove the record or add the importId`,
          ),
        );
      }
    }
  };
  check("organizationalUnits", input.organizationalUnits, adoption.organizationalUnits);
  check("accounts", input.accounts, adoption.accounts);
  return problems;
}
