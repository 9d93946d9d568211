// The layers hold: lib/ (pure core: config, policies, naming, review) never reaches up into components/, cli/,
// harness/ or index.ts, by import or by require, and registers no Pulumi resources.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|js)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, import() and require(). */
function specifiersOf(source: string): { literal: string[]; computed: string[] } {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const literal: string[] = [];
  const computed: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g)) literal.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*["']([^"']+)["']/g)) literal.push(m[1]);
  for (const m of code.matchAll(/\b(?:require|import)\s*\(/g)) {
    const arg = balancedArgument(code, (m.index ?? 0) + m[0].length);
    const lit = /^["']([^"']+)["']$/.exec(arg);
    if (lit) literal.push(lit[1]);
    else computed.push(arg);
  }
  return { literal, computed };
}

// The text up to the parenthesis that closes the one just before `start`.
function balancedArgument(code: string, start: number): string {
  let depth = 1;
  let i = start;
  for (; i < code.length && depth > 0; i++) depth += code[i] === "(" ? 1 : code[i] === ")" ? -1 : 0;
  return code.slice(start, i - 1).trim();
}

// What lib/ may not reach: the program, its components, the CLI and the harness above them.
const UPWARD = [path.join(ROOT, "components"), path.join(ROOT, "cli"), path.join(ROOT, "harness")];
// The program: index.ts, and the entry point and import step of an adoption (program.ts, adopt.ts).
const PROGRAMS = ["index", "program", "adopt"].map((f) => path.join(ROOT, f));

function upwardEdge(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = path.resolve(path.dirname(file), specifier).replace(/\.(ts|js)$/, "");
  if (PROGRAMS.includes(target) || target === ROOT) return `${path.relative(ROOT, target) || "index"}.ts`;
  const layer = UPWARD.find((dir) => target === dir || target.startsWith(dir + path.sep));
  return layer ? `${path.relative(ROOT, layer)}/` : undefined;
}

describe("layering", () => {
  const libFiles = sourceFiles(path.join(ROOT, "lib"));

  it("finds the lib/ sources it checks", () => {
    expect(libFiles.map((f) => path.relative(ROOT, f))).to.include.members([
      "lib/config/schema.ts",
      "lib/naming.ts",
      "lib/adoption.ts",
      "lib/review/evaluator.ts",
    ]);
  });

  it("has no edge from lib/ to components/, cli/, harness/ or index.ts, require() and import() included", () => {
    const edges: string[] = [];
    for (const file of libFiles) {
      const { literal, computed } = specifiersOf(fs.readFileSync(file, "utf8"));
      for (const s of literal) {
        const layer = upwardEdge(file, s);
        if (layer) edges.push(`${path.relative(ROOT, file)} -> ${s} (${layer})`);
      }
      // A computed path cannot be checked, so lib/ may not have one.
      for (const c of computed) edges.push(`${path.relative(ROOT, file)} -> require/import(${c}) (computed)`);
    }
    expect(edges).to.deep.equal([]);
  });

  it("registers no Pulumi resources in lib/: no @pulumi/aws, no resource classes, no dynamic providers", () => {
    const found: string[] = [];
    for (const file of libFiles) {
      const source = fs.readFileSync(file, "utf8");
      const { literal } = specifiersOf(source);
      for (const s of literal)
        if (s === "@pulumi/aws" || s.startsWith("@pulumi/aws/") || s === "@pulumi/pulumi/dynamic") found.push(`${path.relative(ROOT, file)} imports ${s}`);
      for (const m of source.matchAll(/\b(ComponentResource|CustomResource|ProviderResource|dynamic\.Resource|registerResource)\b/g))
        found.push(`${path.relative(ROOT, file)} uses ${m[1]}`);
    }
    expect(found).to.deep.equal([]);
  });

  describe("the checker itself", () => {
    const lib = path.join(ROOT, "lib", "x.ts");
    it("sees imports, type imports, re-exports, side-effect imports, import() and require()", () => {
      const src = [
        'import { a } from "../components/accounts";',
        'import type { B } from "../harness/plan/model";',
        'export { c } from "../cli/main";',
        'import "../index";',
        'const d = require("../harness/mockCloud");',
        'const e = await import("../components/organization");',
        '// import { f } from "../components/guardrails"; (a comment)',
        'const g = require(path.join(__dirname, "..", "index.ts"));',
      ].join("\n");
      const { literal, computed } = specifiersOf(src);
      expect(literal.map((s) => upwardEdge(lib, s))).to.deep.equal(["components/", "harness/", "cli/", "index.ts", "harness/", "components/"]);
      expect(computed).to.deep.equal(['path.join(__dirname, "..", "index.ts")']);
    });

    it("lets lib/ import lib/ and packages", () => {
      expect(upwardEdge(lib, "./naming")).to.equal(undefined);
      expect(upwardEdge(path.join(ROOT, "lib", "review", "x.ts"), "../naming")).to.equal(undefined);
      expect(upwardEdge(lib, "@pulumi/pulumi")).to.equal(undefined);
      expect(upwardEdge(path.join(ROOT, "lib", "review", "x.ts"), "../../index")).to.equal("index.ts");
    });
  });
});
