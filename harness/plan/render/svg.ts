// The org chart as an SVG picture: root -> OUs -> accounts with the policies attached at each node, laid out by
// Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz) in this process: no system binary needed.
import { OrgNode, Plan } from "../model";

const COLORS = { root: "#fde8c8", ou: "#dbe8f7", account: "#e4f3e0", management: "#eeeeee" };

/** The org chart as a Graphviz DOT graph. */
export function orgChartDot(plan: Plan): string {
  const limit = plan.limits.policiesPerTarget;
  const nodes: string[] = [];
  const edges: string[] = [];
  let count = 0;
  const ids = new Map<OrgNode, string>();
  const walk = (node: OrgNode, parent?: OrgNode): void => {
    const id = `n${count++}`;
    ids.set(node, id);
    const rows = [`<TR><TD><B>${html(node.kind === "root" ? "Root" : node.name)}</B></TD></TR>`];
    const kind =
      node.kind === "root"
        ? "organization root"
        : node.kind === "ou"
          ? `OU ${node.key}`
          : node.management
            ? "management account"
            : `account ${node.key} · ${node.role}`;
    rows.push(`<TR><TD><FONT POINT-SIZE="9">${html(`${kind} · ${node.id}${node.adopted ? " · adopted" : ""}`)}</FONT></TD></TR>`);
    if (node.management) rows.push(`<TR><TD><FONT POINT-SIZE="9" COLOR="#555555">not affected by SCPs/RCPs</FONT></TD></TR>`);
    else {
      for (const [label, list, color] of [
        ["SCP", node.policies.scp, "#9a2a00"],
        ["RCP", node.policies.rcp, "#1f4e8c"],
      ] as const) {
        const over = list.length > limit ? " OVER LIMIT" : "";
        rows.push(`<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="${color}">${label}s ${list.length}/${limit}${over}</FONT></TD></TR>`);
        for (const p of list) rows.push(`<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="${color}">  ${html(p)}</FONT></TD></TR>`);
      }
    }
    const fill = node.management ? COLORS.management : COLORS[node.kind];
    const style = node.kind === "account" ? `"rounded,filled${node.management ? ",dashed" : ""}"` : `"filled"`;
    nodes.push(`  ${id} [shape=box, style=${style}, fillcolor="${fill}", label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1">${rows.join("")}</TABLE>>];`);
    if (parent) edges.push(`  ${ids.get(parent)} -> ${id};`);
    for (const c of node.children) walk(c, node);
  };
  walk(plan.org);
  const rankdir = count > 40 ? "LR" : "TB";
  return [
    "digraph org {",
    `  graph [rankdir=${rankdir}, fontname="Helvetica", label=${JSON.stringify(`orgstrap plan: stack ${plan.stack} (offline plan, fake ids)`)}, labelloc=t, nodesep=0.25, ranksep=0.5];`,
    `  node [fontname="Helvetica", fontsize=11, color="#555555"];`,
    `  edge [color="#777777", arrowsize=0.6];`,
    ...nodes,
    ...edges,
    "}",
    "",
  ].join("\n");
}

/** The org chart rendered to SVG in-process. */
export async function renderOrgChartSvg(plan: Plan): Promise<string> {
  const { Graphviz } = (await importEsm("@hpcc-js/wasm-graphviz")) as typeof import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  return graphviz.dot(orgChartDot(plan), "svg");
}

// @hpcc-js/wasm-graphviz is an ES module: a real dynamic import (CommonJS output would turn `import()` into `require`).
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

function html(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
