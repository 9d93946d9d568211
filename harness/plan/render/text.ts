// The plan as terminal text: banner, summary, org chart, effective guardrails, resources by account, adoptions.
import { describeChange } from "../../../lib/adoption";
import { MANAGEMENT_KEY } from "../../../lib/naming";
import { EffectiveKind, OrgNode, Plan, PlanResource } from "../model";

/** The words every format opens with: what this plan is, and what it is not. */
export function bannerLines(plan: Pick<Plan, "stack" | "source">): string[] {
  return [
    `OFFLINE PLAN of stack "${plan.stack}" (${plan.source}): not a provider preview.`,
    "index.ts ran under Pulumi's mock runtime against a fake cloud with made-up ids. No AWS call was made",
    "and nothing was compared with what already exists: run `pulumi preview` with credentials for the real diff.",
  ];
}

/** The plan as plain text. */
export function renderText(plan: Plan): string {
  const out: string[] = [];
  const rule = "=".repeat(100);
  out.push(rule, ...bannerLines(plan).map((l) => ` ${l}`), rule, "");
  out.push(...summaryLines(plan), "");

  out.push(
    `ORGANIZATION (policies attached directly to each target; AWS allows ${plan.limits.policiesPerTarget} of each type per target, FullAWSAccess / RCPFullAWSAccess included)`,
  );
  treeLines(plan.org, "", "", plan.limits.policiesPerTarget, out);
  out.push("", ...exemptionLines(plan), "");

  out.push("EFFECTIVE GUARDRAILS per account (root, then each OU, then the account; counts against the per-target limit)");
  for (const { scp, rcp, ...g } of plan.guardrails) {
    if (g.management || !scp || !rcp) {
      out.push(`${g.name} ${g.id}: not affected by SCPs/RCPs (AWS never applies them to the management account)`);
      continue;
    }
    out.push(`${g.name} (${g.account}) ${g.id}: Root${g.path.map((p) => ` / ${p}`).join("")}`);
    for (const [label, kind] of [
      ["SCPs", scp],
      ["RCPs", rcp],
    ] as const) {
      out.push(`  ${label}  ${levelCounts(kind, plan.limits.policiesPerTarget)}`);
      out.push(`        effective (${kind.effective.length}): ${kind.effective.join(", ")}`);
    }
  }
  out.push("");

  out.push("RESOURCES by account (Region, type, name; grouped under their parent component)");
  for (const group of byAccount(plan)) {
    out.push(`${group.label}: ${group.resources.length} resource${group.resources.length === 1 ? "" : "s"}`);
    const widths = [Math.max(...group.resources.map((r) => r.region.length)), Math.max(...group.resources.map((r) => r.type.length))];
    for (const [parent, rs] of group.byParent) {
      out.push(`  ${parent}`);
      for (const r of rs) out.push(`    ${r.region.padEnd(widths[0])}  ${r.type.padEnd(widths[1])}  ${r.name}${flags(r)}`);
    }
  }
  out.push("");
  out.push(...adoptionLines(plan));
  return out.join("\n") + "\n";
}

/** Totals, Regions and the creation waves. */
export function summaryLines(plan: Plan): string[] {
  const s = plan.summary;
  const w = plan.waves;
  const parallel = w.accountWaves.length === 1 ? `accounts all created in wave ${w.accountWaves[0]}` : `accounts created in waves ${w.accountWaves.join(", ")}`;
  return [
    `${s.resources} AWS resources, ${s.providers} providers, ${s.components} components; ${s.accounts} accounts (management + ${s.accounts - 1}), ${s.organizationalUnits} OUs`,
    `Regions: ${s.regions.join(", ")} (home ${plan.homeRegion}; governed ${plan.governedRegions.join(", ")})`,
    `Creation: ${w.count} dependent waves (${w.sizes.join(" + ")} resources); ${parallel}`,
    `Critical path: ${w.criticalPath.map((p) => p.split(" ")[1]).join(" -> ")}`,
  ];
}

/** Adoption (lib/adoption.ts): what a discovered stack imports in its step 1, and what step 2 then changes on it. */
export function adoptionLines(plan: Plan): string[] {
  const steps = plan.adoptionSteps;
  if (plan.adoptions.length === 0 || !steps) {
    const lines = ["WOULD ADOPT: nothing (a new organization); every resource above is created."];
    for (const u of plan.unexpectedImports) lines.push(`  UNEXPECTED: the program imports ${u.type} ${u.name} <- ${u.id}, which config does not ask for`);
    return lines;
  }
  const created = plan.summary.resources - plan.adoptions.length;
  const lines = [
    `ADOPTION (orgstrap:adoption): the next \`pulumi up\` runs step ${steps.step === "import" ? "1, import" : "2, converge"}.`,
    `Step 1, import: \`pulumi up\` imports ${steps.imports.length} existing resource${steps.imports.length === 1 ? "" : "s"} with their recorded live values and registers nothing else (adopt.ts); the ids are not checked offline:`,
    ...plan.adoptions.map((a) => `  ${a.configPath}: ${a.type} ${a.name} <- ${a.id}${a.registered ? "" : "  (NOT registered with this id by the program)"}`),
    `Step 2, converge (after orgstrap:adoption.step is set to converge): the landing zone above, which creates ${created} resource${created === 1 ? "" : "s"} and changes ${steps.changes.length === 0 ? "nothing on the adopted ones" : "on the adopted ones:"}`,
    ...steps.changes.map((c) => `  ${describeChange(c)}`),
  ];
  for (const u of plan.unexpectedImports) lines.push(`  UNEXPECTED: the program imports ${u.type} ${u.name} <- ${u.id}, which config does not ask for`);
  return lines;
}

/** `Root 5/5 · Workloads 2/5 · … · account 1/5`, flagging levels over the limit. */
export function levelCounts(kind: EffectiveKind, limit: number): string {
  const last = kind.levels.length - 1;
  return kind.levels.map((l, i) => `${i === last ? "account" : l.name} ${l.count}/${limit}${l.count > limit ? " OVER LIMIT" : ""}`).join(" · ");
}

function treeLines(node: OrgNode, prefix: string, childPrefix: string, limit: number, out: string[]): void {
  out.push(`${prefix}${nodeLabel(node)}`);
  const detail = childPrefix + (node.children.length > 0 ? "│   " : "    ");
  if (node.management) out.push(`${detail}not affected by SCPs/RCPs`);
  else {
    out.push(`${detail}SCPs ${node.policies.scp.length}/${limit}: ${node.policies.scp.join(", ")}${node.policies.scp.length > limit ? " (OVER LIMIT)" : ""}`);
    out.push(`${detail}RCPs ${node.policies.rcp.length}/${limit}: ${node.policies.rcp.join(", ")}${node.policies.rcp.length > limit ? " (OVER LIMIT)" : ""}`);
  }
  node.children.forEach((c, i) => {
    const last = i === node.children.length - 1;
    treeLines(c, childPrefix + (last ? "└── " : "├── "), childPrefix + (last ? "    " : "│   "), limit, out);
  });
}

/** `OU Workloads (workloads) ou-…`, `account Prod App (prod-app) 2…, workload`. */
export function nodeLabel(node: OrgNode): string {
  if (node.kind === "root") return `Root ${node.id}`;
  if (node.management) return `management account ${node.id}`;
  const adopted = node.adopted ? ", adopted" : "";
  if (node.kind === "ou") return `OU ${node.name} (${node.key}) ${node.id}${adopted}`;
  return `account ${node.name} (${node.key}) ${node.id}, ${node.role}${adopted}`;
}

/** Non-component resources grouped by account (management first, then config order) and parent component. */
export function byAccount(plan: Plan): { label: string; account: string; resources: PlanResource[]; byParent: Map<string, PlanResource[]> }[] {
  const order = [MANAGEMENT_KEY, ...plan.guardrails.filter((g) => !g.management).map((g) => g.account)];
  const names = new Map(plan.guardrails.map((g) => [g.account, g]));
  const components = new Map(plan.resources.filter((r) => r.kind === "component").map((r) => [r.name, r.type]));
  const groups = new Map<string, PlanResource[]>();
  for (const r of plan.resources) {
    if (r.kind === "component") continue;
    const list = groups.get(r.account);
    if (list) list.push(r);
    else groups.set(r.account, [r]);
  }
  const keys = [...order.filter((k) => groups.has(k)), ...[...groups.keys()].filter((k) => !order.includes(k))];
  return keys.map((account) => {
    const resources = groups.get(account) ?? [];
    const g = names.get(account);
    const label = account === MANAGEMENT_KEY ? `management account ${g?.id ?? ""}` : g ? `${g.name} (${account}) ${g.id}` : account;
    const byParent = new Map<string, PlanResource[]>();
    for (const r of resources) {
      const parent = r.parent ? `${r.parent} (${components.get(r.parent) ?? "?"})` : "(top level)";
      const list = byParent.get(parent);
      if (list) list.push(r);
      else byParent.set(parent, [r]);
    }
    return { label, account, resources, byParent };
  });
}

function flags(r: PlanResource): string {
  const f = [r.kind === "provider" ? "provider" : "", r.protect ? "protected" : "", r.importId ? `adopts ${r.importId}` : ""].filter(Boolean);
  return f.length ? `  [${f.join(", ")}]` : "";
}

/** Who the attached guardrails exempt (guardrails.exemptRoleNames): stated, never silent. */
export function exemptionLines(plan: Plan): string[] {
  const { principals, policies } = plan.exemptions;
  if (policies.length === 0) return ["EXEMPT: no attached policy exempts anyone"];
  return [`EXEMPT from ${policies.join(", ")} (guardrails.exemptRoleNames): ${principals.join(", ")}`];
}
