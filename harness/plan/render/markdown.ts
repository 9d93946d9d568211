// The plan as Markdown: the same sections as the text format, with tables, for a pull request or a wiki page.
import { OrgNode, Plan } from "../model";
import { adoptionLines, bannerLines, byAccount, exemptionLines, levelCounts, nodeLabel, summaryLines } from "./text";

/** The plan as Markdown. */
export function renderMarkdown(plan: Plan): string {
  const limit = plan.limits.policiesPerTarget;
  const out: string[] = [`# orgstrap plan: stack \`${plan.stack}\``, "", ...bannerLines(plan).map((l, i) => (i === 0 ? `> **${l}**` : `> ${l}`)), ""];
  out.push(...summaryLines(plan).map((l) => `- ${l}`), "");

  out.push(
    "## Organization",
    "",
    `Policies attached directly to each target (AWS allows ${limit} of each type per target, FullAWSAccess / RCPFullAWSAccess included).`,
    "",
  );
  const walk = (node: OrgNode, depth: number): void => {
    const policies = node.management
      ? "not affected by SCPs/RCPs"
      : `SCPs ${node.policies.scp.length}/${limit}: ${node.policies.scp.map(code).join(", ")}; RCPs ${node.policies.rcp.length}/${limit}: ${node.policies.rcp.map(code).join(", ")}`;
    out.push(`${"  ".repeat(depth)}- **${escape(nodeLabel(node))}**: ${policies}`);
    for (const c of node.children) walk(c, depth + 1);
  };
  walk(plan.org, 0);
  out.push("", ...exemptionLines(plan).map((l) => `> ${escape(l)}`), "");

  out.push(
    "## Effective guardrails per account",
    "",
    "| Account | Path | SCPs per level | Effective SCPs | RCPs per level | Effective RCPs |",
    "|---|---|---|---|---|---|",
  );
  for (const { scp, rcp, ...g } of plan.guardrails) {
    // The management account carries neither: AWS never applies SCPs or RCPs to it.
    if (g.management || !scp || !rcp) out.push(`| ${escape(g.name)} \`${g.id}\` | Root | not affected by SCPs/RCPs | | | |`);
    else {
      out.push(
        `| ${escape(g.name)} (\`${g.account}\`) \`${g.id}\` | ${escape(["Root", ...g.path].join(" / "))} | ${levelCounts(scp, limit)} | ${scp.effective.map(code).join(", ")} | ${levelCounts(rcp, limit)} | ${rcp.effective.map(code).join(", ")} |`,
      );
    }
  }
  out.push("");

  out.push("## Resources by account", "");
  for (const group of byAccount(plan)) {
    out.push(`### ${escape(group.label)} (${group.resources.length})`, "", "| Parent | Region | Type | Name |", "|---|---|---|---|");
    for (const [parent, rs] of group.byParent)
      for (const r of rs) out.push(`| ${escape(parent)} | ${r.region} | \`${r.type}\` | \`${r.name}\`${r.protect ? " (protected)" : ""} |`);
    out.push("");
  }
  out.push("## Adoption", "", ...adoptionLines(plan).map((l) => (l.startsWith("  ") ? `- \`${l.trim()}\`` : l)), "");
  return out.join("\n");
}

function code(s: string): string {
  return `\`${s}\``;
}

function escape(s: string): string {
  return s.replace(/[|*_<>]/g, (c) => `\\${c}`);
}
