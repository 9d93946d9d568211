// Adoption: an existing OU or account can only be imported together with the organization it belongs to.
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";

export function checkAdoption({ input, own }: CheckContext): Problem[] {
  if (input.organization.importId) return [];
  const problems: Problem[] = [];
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
  return problems;
}
