// The review over real public examples (a vendored copy of ../shared/corpus): no crash, no false error, the true problems found.
import { expect } from "chai";
import * as path from "path";
import { reviewPaths } from "../../lib/review/review";
import { Finding } from "../../lib/review/rules";

const CORPUS = path.join(__dirname, "..", "fixtures", "review", "corpus");
const rel = (f: Finding) => path.relative(CORPUS, f.file).split(path.sep).join("/");

describe("orgstrap review on the public SCP/RCP corpus", function () {
  this.timeout(60_000);
  let findings: Finding[];
  before(async () => {
    findings = (await reviewPaths([CORPUS])).findings;
  });

  it("flags exactly the true problems: a comment (invalid JSON) and two retired Marketplace actions", () => {
    expect(findings.filter((f) => f.severity === "error").map((f) => [rel(f), f.ruleId, f.path])).to.deep.equal([
      [
        "aws-samples-scp-examples/scp/Protect-cloud-platform-resource/Deny-unwanted-cancellation-or-changes-to-AWS-Marketplace-product-subscription.json",
        "NAME001",
        "Statement[0].Action[2]",
      ],
      [
        "aws-samples-scp-examples/scp/Protect-cloud-platform-resource/Deny-unwanted-cancellation-or-changes-to-AWS-Marketplace-product-subscription.json",
        "NAME001",
        "Statement[0].Action[6]",
      ],
      [
        "aws-samples-scp-examples/scp/Service-specific-controls/AWS-IAM/deny-service-specific-credential-by-type.json",
        "JSON003",
        "Statement[0].Condition.StringEqualsIfExists.iam:ServiceSpecificCredentialServiceName",
      ],
    ]);
    expect(findings.find((f) => f.ruleId === "NAME001")!.message).to.equal(
      '"aws-marketplace:CreatePrivateMarketplace" is not a known action (retired or misspelled)',
    );
  });

  it("no size warning: the largest SCP as written (5,381 characters) is within the SCP quota of 10,240", () => {
    expect(findings.filter((f) => f.severity === "warning")).to.deep.equal([]);
  });

  it("reports templates with placeholders as templates (info), never as grammar or name errors", () => {
    const templates = findings.filter((f) => f.ruleId === "POL002");
    expect(templates).to.have.length(41);
    const placeholderErrors = findings.filter((f) => f.ruleId.startsWith("GRM") || f.ruleId === "NAME003");
    expect(placeholderErrors).to.deep.equal([]);
    const perimeter = templates.find((f) => rel(f) === "aws-samples-data-perimeter/rcp/identity_perimeter_rcp.json")!;
    expect(perimeter.message).to.match(
      /^replace <OIDC_provider_name_1>, .*<my-org-id>, .* before use; sized with <OIDC_provider_name_1> as "example", .*<my-org-id> as "o-a1b2c3d4e5"/,
    );
  });

  it("takes the kind MANIFEST.json declares: the two resource policies are not reviewed as RCPs", () => {
    expect(findings.filter((f) => f.ruleId === "POL001").map((f) => [rel(f), f.message])).to.deep.equal([
      [
        "aws-samples-data-perimeter/resource-policy-not-rcp/api_gateway_policy.json",
        'not an organization policy (MANIFEST.json says "resource-policy"); not checked as an SCP or RCP',
      ],
      [
        "aws-samples-data-perimeter/resource-policy-not-rcp/sns_topic_policy.json",
        'not an organization policy (MANIFEST.json says "resource-policy"); not checked as an SCP or RCP',
      ],
    ]);
    expect(findings.filter((f) => f.ruleId.startsWith("RCP"))).to.deep.equal([]);
  });

  it("counts: 3 errors, 0 warnings, 43 info over the 76 policies; MANIFEST.json is not counted as a reviewed file", async () => {
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const f of findings) bySeverity[f.severity]++;
    expect(bySeverity).to.deep.equal({ error: 3, warning: 0, info: 43 });
    const result = await reviewPaths([CORPUS]);
    expect([result.files, result.kinds.length]).to.deep.equal([76, 76]);
    expect(result.kinds.filter((k) => k.kind === "rcp").map((k) => k.why)).to.deep.equal(Array(4).fill('MANIFEST.json says "rcp"'));
  });
});
