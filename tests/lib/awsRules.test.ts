import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AWS_RULES, awsRuleError, awsRulesMarkdown, checkAwsRules } from "../../lib/awsRules";
import { registrations, settle } from "../helpers/mocks";

const START = "<!-- aws-rules:start -->";
const END = "<!-- aws-rules:end -->";

const curExport = (table: Record<string, unknown>) => ({
  export: { name: "x", dataQueries: [{ queryStatement: "SELECT a FROM COST_AND_USAGE_REPORT", tableConfigurations: { COST_AND_USAGE_REPORT: table } }] },
});

describe("AWS rules (the fake cloud's checks)", () => {
  it("AWS-BCM-1: rejects a CUR 2.0 export without BILLING_VIEW_ARN, accepts the primary billing view", () => {
    const subject = { type: "aws:bcmdata/export:Export", name: "e", inputs: curExport({ TIME_GRANULARITY: "HOURLY" }) };
    const problems = checkAwsRules(subject);
    expect(problems).to.deep.equal([
      "AWS-BCM-1: export.dataQueries[0].tableConfigurations.COST_AND_USAGE_REPORT.BILLING_VIEW_ARN must be arn:<partition>:billing::<account>:billingview/<view> (got undefined)",
    ]);
    expect(awsRuleError(subject, problems)).to.equal(
      `AWS would reject or keep replacing aws:bcmdata/export:Export "e": ${problems[0]} (docs/aws-rules.md)`,
    );
    const good = curExport({ TIME_GRANULARITY: "HOURLY", BILLING_VIEW_ARN: "arn:aws:billing::111111111111:billingview/primary" });
    expect(checkAwsRules({ type: "aws:bcmdata/export:Export", name: "e", inputs: good })).to.deep.equal([]);
  });

  it("gives every rule a unique id, a resource type token and a source", () => {
    const ids = AWS_RULES.map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const r of AWS_RULES) {
      expect(r.type, r.id).to.match(/^aws:[a-z0-9]+\/[a-zA-Z0-9]+:[A-Za-z0-9]+$/);
      expect(r.source, r.id).to.not.equal("");
    }
  });

  it("every resource the specs registered follows every rule", async () => {
    await settle();
    const broken = registrations.flatMap((r) => checkAwsRules(r).map((p) => `${r.type} ${r.name}: ${p}`));
    expect(broken).to.deep.equal([]);
  });

  it("keeps docs/aws-rules.md's rule table (between the aws-rules markers) equal to the rules (regenerate with UPDATE_PINS=1)", () => {
    const file = path.join(__dirname, "..", "..", "docs", "aws-rules.md");
    let text = fs.readFileSync(file, "utf8");
    expect(text, "docs/aws-rules.md has the aws-rules markers").to.include(START).and.include(END);
    if (process.env.UPDATE_PINS) {
      text = `${text.slice(0, text.indexOf(START) + START.length)}\n${awsRulesMarkdown()}\n${text.slice(text.indexOf(END))}`;
      fs.writeFileSync(file, text);
    }
    expect(text.slice(text.indexOf(START) + START.length, text.indexOf(END)).trim()).to.equal(awsRulesMarkdown());
  });
});
