// Regions: every governed Region is a known one, listed once, and the home Region is among them.
import { KNOWN_REGIONS } from "../../regions";
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";

export function checkRegions({ input, region, governedRegions }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  governedRegions.forEach((r, i) => {
    if (!KNOWN_REGIONS.includes(r)) problems.push(problem(at(`governedRegions[${i}]`), "regions.unknown", `${JSON.stringify(r)} is not a known AWS Region`));
    else if (seen.has(r)) problems.push(problem(at(`governedRegions[${i}]`), "regions.duplicate", `${JSON.stringify(r)} is listed twice`));
    seen.add(r);
  });
  if (region && !KNOWN_REGIONS.includes(region)) problems.push(problem("aws:region", "regions.unknown", `${JSON.stringify(region)} is not a known AWS Region`));
  else if (region && input.governedRegions && !governedRegions.includes(region)) {
    problems.push(
      problem(
        at("governedRegions"),
        "regions.home-missing",
        `must include the home Region aws:region (${JSON.stringify(region)}), where the trail and the management-account resources live`,
      ),
    );
  }
  return problems;
}
