// The CIS AWS Foundations Benchmark coverage map (compliance/cis-aws-foundations-v3.json): types, loading and the README table.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "./projectDir";

export const CIS_STATUSES = ["enforced", "configured", "detected", "not-covered"] as const;
export type CisStatus = (typeof CIS_STATUSES)[number];

/** A registered resource (Pulumi type and logical name, optionally with text its inputs must contain) or an attached guardrail. */
export type CisEvidence = { readonly type: string; readonly name: string; readonly includes?: string } | { readonly policy: string };

export interface CisControl {
  readonly id: string;
  readonly title: string;
  readonly status: CisStatus;
  readonly evidence?: readonly CisEvidence[];
  readonly why?: string;
}

export interface CisMap {
  readonly benchmark: string;
  readonly version: string;
  readonly controls: readonly CisControl[];
}

export const CIS_MAP_FILE = path.join(PROJECT_DIR, "compliance", "cis-aws-foundations-v3.json");

/** Reads the map and checks its shape: every problem at once, each naming the control. */
export function loadCisMap(file = CIS_MAP_FILE): CisMap {
  const map = JSON.parse(fs.readFileSync(file, "utf8")) as CisMap;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of map.controls) {
    if (seen.has(c.id)) problems.push(`${c.id}: listed twice`);
    seen.add(c.id);
    if (!CIS_STATUSES.includes(c.status)) problems.push(`${c.id}: unknown status ${JSON.stringify(c.status)}`);
    if (c.status === "not-covered" && (!c.why || c.evidence?.length)) problems.push(`${c.id}: not-covered needs a why and no evidence`);
    if (c.status !== "not-covered" && !c.evidence?.length) problems.push(`${c.id}: ${c.status} needs evidence`);
  }
  if (problems.length) throw new Error(`${file}: ${problems.join("; ")}`);
  return map;
}

/** How many controls each status has. */
export function coverageCounts(map: CisMap): Record<CisStatus, number> {
  const counts = { enforced: 0, configured: 0, detected: 0, "not-covered": 0 };
  for (const c of map.controls) counts[c.status]++;
  return counts;
}

function describe(e: CisEvidence): string {
  return "policy" in e ? `guardrail \`${e.policy}\`` : `\`${e.name}\``;
}

/** The README section: a summary line and one table row per control (generated; the spec keeps README in step). */
export function coverageMarkdown(map: CisMap): string {
  const n = coverageCounts(map);
  const covered = n.enforced + n.configured + n.detected;
  const lines = [
    `${covered} of ${map.controls.length} ${map.benchmark} v${map.version} recommendations are covered: ` +
      `${n.enforced} enforced, ${n.configured} configured, ${n.detected} detected; ${n["not-covered"]} are not covered (why below).`,
    "",
    "| CIS | recommendation | status | evidence in the graph / why not |",
    "| --- | --- | --- | --- |",
    ...map.controls.map(
      (c) =>
        `| ${c.id} | ${c.title.replace(/\|/g, "\\|")} | ${c.status} | ${[...(c.evidence ?? []).map(describe), ...(c.why ? [c.why] : [])].join("; ").replace(/\|/g, "\\|")} |`,
    ),
  ];
  return lines.join("\n");
}
