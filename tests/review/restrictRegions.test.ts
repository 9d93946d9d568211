// restrict-regions exempts the global services AWS's own Region-deny example exempts, action by action, except the
// regional services that example also exempts (issue 8 item 6): KMS, AWS Config, Access Analyzer, Direct Connect and
// regional WAF are denied outside the allowed Regions, ACM and WAFv2 are allowed only there and in us-east-1.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { examplePolicyParameters, loadPolicyCatalog, renderPolicy } from "../../lib/policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, wildcardMatch } from "../../lib/review/evaluator";
import { expandAction } from "../../lib/review/names";

const AWS_EXAMPLE = path.join(
  __dirname,
  "..",
  "fixtures",
  "review",
  "corpus",
  "aws-samples-scp-examples",
  "scp",
  "Region-controls",
  "Deny-access-to-AWS-based-on-the-requested-AWS-region.json",
);
const OURS = path.join(__dirname, "..", "..", "policies", "scp", "restrict-regions.json");
const notActions = (file: string): string[] => JSON.parse(fs.readFileSync(file, "utf8")).Statement.find((s: { NotAction?: string[] }) => s.NotAction).NotAction;

describe("policies/scp/restrict-regions.json against AWS's Region-deny example", () => {
  it("leaves open every action AWS's example leaves open, except the regional services it denies on purpose (Access Analyzer is not in it)", async () => {
    const ours = notActions(OURS);
    const uncovered = new Set<string>();
    for (const entry of notActions(AWS_EXAMPLE)) {
      const { matches } = await expandAction(entry);
      for (const action of matches) if (!ours.some((o) => wildcardMatch(o, action, true))) uncovered.add(action.split(":")[0]);
    }
    expect([...uncovered].sort()).to.deep.equal(["config", "directconnect", "kms", "waf-regional"]);
  });

  it("allows ACM and WAFv2 outside the allowed Regions only in us-east-1, where CloudFront needs them", () => {
    const policy = loadPolicyCatalog().find((p) => p.name === "restrict-regions")!;
    const document = JSON.parse(renderPolicy(policy, { ...examplePolicyParameters(), AllowedRegions: ["eu-west-1"] }));
    const decide = (action: string, region: string) =>
      evaluateOrgPolicies("scp", [[FULL_AWS_ACCESS, { name: policy.title, document }]], {
        principal: { kind: "role", account: "111122223333", name: "Admin" },
        action,
        region,
      }).decision;
    expect([
      decide("acm:RequestCertificate", "us-east-1"),
      decide("wafv2:CreateWebACL", "us-east-1"),
      decide("acm:RequestCertificate", "eu-west-2"),
      decide("kms:CreateKey", "us-east-1"),
      decide("iam:CreateRole", "us-east-1"),
    ]).to.deep.equal(["allowed", "allowed", "denied", "denied", "allowed"]);
  });
});
