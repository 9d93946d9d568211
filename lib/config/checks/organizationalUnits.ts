// OUs: unique keys and names under one parent, parents exist, no cycles, depth <= 5 (the Organizations limit).
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";
import { ROOT_KEY } from "../schema";

export function checkOrganizationalUnits({ input, ouByKey, ouKeys, ouDepths, unreadable }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const ous = input.organizationalUnits;
  const seenKeys = new Set<string>();
  ous.forEach((ou, i) => {
    if (!ou.key) return;
    if (seenKeys.has(ou.key))
      problems.push(
        problem(at(`organizationalUnits[${i}].key`), "ous.duplicate-key", `${JSON.stringify(ou.key)} is used by another OU; OU keys must be unique`),
      );
    seenKeys.add(ou.key);
  });
  ous.forEach((ou, i) => {
    if (ou.parent && ou.parent !== ROOT_KEY && !ouByKey.has(ou.parent) && !unreadable("organizationalUnits.key")) {
      problems.push(
        problem(at(`organizationalUnits[${i}].parent`), "ous.unknown-parent", `unknown OU key ${JSON.stringify(ou.parent)}; known keys: ${ouKeys.join(", ")}`),
      );
    }
  });
  const siblings = new Set<string>();
  ous.forEach((ou, i) => {
    const id = `${ou.parent ?? ROOT_KEY}/${ou.name.toLowerCase()}`;
    if (ou.name && siblings.has(id))
      problems.push(
        problem(at(`organizationalUnits[${i}].name`), "ous.duplicate-name", `${JSON.stringify(ou.name)} is used by another OU under the same parent`),
      );
    siblings.add(id);
  });
  let cycleReported = false;
  ous.forEach((ou, i) => {
    const depth = ouDepths[i];
    if (depth === undefined) return;
    if (depth < 0 && !cycleReported) {
      // One cycle is reported once, not once per member.
      cycleReported = true;
      problems.push(problem(at(`organizationalUnits[${i}].parent`), "ous.cycle", `OU ${JSON.stringify(ou.key)} forms a cycle of parents`));
    } else if (depth > 5) {
      problems.push(
        problem(
          at(`organizationalUnits[${i}]`),
          "ous.too-deep",
          `OU ${JSON.stringify(ou.key)} is nested ${depth} levels deep; AWS allows at most 5 under the root`,
        ),
      );
    }
  });
  return problems;
}
