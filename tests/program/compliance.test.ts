// The CIS coverage map checked against the whole program (index.ts) on Pulumi.dev.yaml: evidence that disappears fails.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CisEvidence, coverageCounts, coverageMarkdown, loadCisMap } from "../../lib/cisCoverage";
import { registrations, settle, unwrap } from "../helpers/mocks";

const START = "<!-- cis-coverage:start -->";
const END = "<!-- cis-coverage:end -->";

describe("CIS AWS Foundations Benchmark v3.0.0 coverage map", function () {
  const map = loadCisMap();
  const mine = () => registrations.filter((r) => !r.name.startsWith("unit-"));

  before(async () => {
    // After setup.ts has installed the fake cloud: setMocks must come before the program loads.
    const program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await settle();
  });

  const missing = (e: CisEvidence): string | undefined => {
    if ("policy" in e) {
      const hit = mine().find((r) => r.type === "aws:organizations/policy:Policy" && r.name === `guardrails-${e.policy}`);
      const attached = mine().some((r) => r.type === "aws:organizations/policyAttachment:PolicyAttachment" && r.name.startsWith(`guardrails-${e.policy}-`));
      return hit && attached ? undefined : `guardrail ${e.policy} is not created and attached`;
    }
    const hit = mine().find((r) => r.type === e.type && r.name === e.name);
    if (!hit) return `${e.type} ${e.name} is not registered`;
    if (e.includes && !JSON.stringify(hit.inputs).includes(e.includes)) return `${e.type} ${e.name} no longer includes ${JSON.stringify(e.includes)}`;
    return undefined;
  };

  it("lists every recommendation of the benchmark's five sections once, with a known status", () => {
    expect(map.controls.length).to.equal(62);
    expect(map.controls.filter((c) => c.id.startsWith("4.")).map((c) => c.id)).to.have.length(16);
    expect(coverageCounts(map)).to.deep.equal({ enforced: 6, configured: 27, detected: 21, "not-covered": 8 });
  });

  for (const control of map.controls.filter((c) => c.status !== "not-covered")) {
    it(`${control.id} (${control.status}): its evidence exists in the graph`, () => {
      const problems = (control.evidence ?? []).map(missing).filter((p): p is string => p !== undefined);
      expect(problems, `${control.id} ${control.title}`).to.deep.equal([]);
    });
  }

  it("keeps README's coverage section (between the cis-coverage markers) equal to the generated table (regenerate with UPDATE_PINS=1)", () => {
    const readme = path.join(__dirname, "..", "..", "README.md");
    let text = fs.readFileSync(readme, "utf8");
    expect(text, "README.md has the cis-coverage markers").to.include(START).and.include(END);
    const generated = coverageMarkdown(map);
    if (process.env.UPDATE_PINS) {
      text = `${text.slice(0, text.indexOf(START) + START.length)}\n${generated}\n${text.slice(text.indexOf(END))}`;
      fs.writeFileSync(readme, text);
    }
    expect(text.slice(text.indexOf(START) + START.length, text.indexOf(END)).trim()).to.equal(generated);
  });

  it("keeps docs/cis-coverage.md equal to the generated table (regenerate with UPDATE_PINS=1)", () => {
    const file = path.join(__dirname, "..", "..", "docs", "cis-coverage.md");
    const body = `# CIS AWS Foundations Benchmark v3.0.0 coverage\n\nGenerated from compliance/cis-aws-foundations-v3.json by lib/cisCoverage.ts; tests/program/compliance.test.ts checks every evidence entry against the whole-program graph.\n\n${START}\n${coverageMarkdown(map)}\n${END}\n`;
    if (process.env.UPDATE_PINS) fs.writeFileSync(file, body);
    expect(fs.readFileSync(file, "utf8")).to.equal(body);
  });
});
