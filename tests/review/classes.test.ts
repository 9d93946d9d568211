// Classes of public policies the review once misjudged, each as fixtures of several shapes (tests/fixtures/review/classes):
// templates of several placeholder syntaxes, identity-provider condition keys, files whose every Principal is "*".
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { reviewPaths, ReviewResult, reviewText } from "../../lib/review/review";
import { Finding } from "../../lib/review/rules";
import { placeholdersIn, sampleValue } from "../../lib/review/templates";

const DIR = path.join("tests", "fixtures", "review", "classes");
const rel = (file: string) => path.relative(DIR, file).split(path.sep).join("/");
const fmt = (n: number) => n.toLocaleString("en-US");
const row = (f: Finding) => [rel(f.file), f.ruleId, f.path];

describe("review: classes of input from public policies", function () {
  this.timeout(30_000);
  let result: ReviewResult;
  before(async () => {
    result = await reviewPaths([DIR]);
  });
  const of = (file: string) => result.findings.filter((f) => rel(f.file) === file);

  it("reports exactly the true errors over all the class fixtures", () => {
    expect(result.findings.filter((f) => f.severity !== "info").map(row)).to.deep.equal([
      ["idp/federation-keys-scp.json", "NAME003", "Statement[1].Condition.StringNotEqualsIgnoreCase.aws:PrincipalOrgIdd"],
      ["kinds/every-principal-star.json", "SIZE001", ""],
      ["kinds/every-principal-star.json", "RCP001", "Statement[18].Effect"],
      ["kinds/every-principal-star.json", "GRM006", "Statement[5]"],
      ["kinds/every-principal-star.json", "NAME003", 'Statement[9].Condition.StringNotEqualsIfExists."aws:SourceOrgID "'],
      ["kinds/mostly-principal-star.json", "RCP002", "Statement[1]"],
      ["templates/terraform-jsonencode.json", "NAME001", "Statement[1].Action[0]"],
    ]);
  });

  describe("templates", () => {
    it("recognises ${NAME}, ${AWS::x}, ${ACCEL_LOOKUP::...}, ${data.x}, {{ x }}, <X>, [X] and $X, never IAM's own ${aws:...} variables", () => {
      expect(
        placeholdersIn("arn:${PARTITION}:iam::${AWS::AccountId}:role/${ACCELERATOR_PREFIX}-${aws:username}/${aws:PrincipalTag/t, 'x'}/${*}/${?}/${$}"),
      ).to.deep.equal(["${PARTITION}", "${AWS::AccountId}", "${ACCELERATOR_PREFIX}"]);
      const text =
        "{{ org_id }} {{x}} <ORG_ID> <my org id> [PRIVILEGED_ROLE] $ACCOUNT_ID ${data.aws_partition.current.partition} ${ACCEL_LOOKUP::ACCOUNT_ID:Audit}";
      expect(placeholdersIn(text)).to.deep.equal([
        "{{ org_id }}",
        "{{x}}",
        "<ORG_ID>",
        "<my org id>",
        "[PRIVILEGED_ROLE]",
        "$ACCOUNT_ID",
        "${data.aws_partition.current.partition}",
        "${ACCEL_LOOKUP::ACCOUNT_ID:Audit}",
      ]);
    });

    it("replaces each placeholder by a value of the kind it stands for", () => {
      expect(
        [
          "${PARTITION}",
          "${AWS::Region}",
          "<ORG_ID>",
          "{{org_id}}",
          "${AWS::AccountId}",
          "${ACCEL_LOOKUP::ACCOUNT_ID:Management}",
          "${ACCELERATOR_PREFIX}",
          "<my-vpc>",
          "<my-corporate-cidr>",
          "[PRIVILEGED_ROLE]",
          "<unique-identifier>",
        ].map(sampleValue),
      ).to.deep.equal([
        "aws",
        "us-east-1",
        "o-a1b2c3d4e5",
        "o-a1b2c3d4e5",
        "111122223333",
        "111122223333",
        "AWSAccelerator",
        "vpc-0123456789abcdef0",
        "203.0.113.0/24",
        "ExampleRole",
        "example",
      ]);
    });

    it("sizes a template as rendered: LZA placeholders make 5,393 literal characters, rendered it fits the RCP quota, and the finding says so", () => {
      const text = fs.readFileSync(path.join(DIR, "templates", "lza-rcp.json"), "utf8");
      expect(JSON.stringify(JSON.parse(text)).length).to.equal(5393);
      expect(of("templates/lza-rcp.json").map((f) => [f.ruleId, f.message])).to.deep.equal([
        [
          "POL002",
          'replace ${ACCEL_LOOKUP::ACCOUNT_ID:ORG_SHARED_SERVICES_NETWORK_INSPECTION_ACCOUNT_NAME}, ${ORG_ID} before use; sized with ${ACCEL_LOOKUP::ACCOUNT_ID:ORG_SHARED_SERVICES_NETWORK_INSPECTION_ACCOUNT_NAME} as "111122223333", ${ORG_ID} as "o-a1b2c3d4e5"',
        ],
      ]);
    });

    it("a template over the quota even as rendered is SIZE001, and the finding says it was measured with sample values", async () => {
      const statement = (i: number) => ({
        Sid: `S${i}`,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: `arn:\${PARTITION}:s3:::bucket-${String(i).padStart(4, "0")}-\${ACCOUNT_ID}/*`,
        Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "<ORG_ID>" } },
      });
      const text = JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 40 }, (_, i) => statement(i)) });
      const size = (await reviewText("t.json", text)).filter((f) => f.ruleId.startsWith("SIZE"));
      const rendered = text
        .replace(/\$\{PARTITION\}/g, "aws")
        .replace(/\$\{ACCOUNT_ID\}/g, "111122223333")
        .replace(/<ORG_ID>/g, "o-a1b2c3d4e5");
      expect(size.map((f) => f.message)).to.deep.equal([
        `minified, the RCP is ${fmt(rendered.length)} characters (${fmt(rendered.length)} bytes UTF-8), with each placeholder replaced by a sample value of its kind (POL002), over the 5,120-character limit for RCPs`,
      ]);
    });

    it("a placeholder outside quotes is POL003 (not a JSON error) and the rest of the file is still checked", () => {
      const tf = of("templates/terraform-jsonencode.json");
      expect(tf.map((f) => f.ruleId)).to.deep.equal(["POL002", "POL003", "NAME001"]);
      expect(tf[1]).to.deep.include({
        line: 7,
        column: 20,
        message:
          "a template that is JSON only once rendered: 2 placeholders outside quotes (${jsonencode(var.global_actions)}, ${jsonencode(var.allowed_regions)}, first on line 7); checked with each read as a value",
      });
      expect(tf[2]).to.deep.include({ line: 18, column: 18, message: '"cloudtrail:StopLoging" is not a known action (retired or misspelled)' });
      expect(of("templates/lza-unquoted-lookup.json").map((f) => [f.ruleId, f.line, f.column])).to.deep.equal([
        ["POL002", 1, 1],
        ["POL003", 11, 35],
      ]);
    });

    it("nothing inside a placeholder is checked: a placeholder operator, Resource, account or ARN raises no grammar or name error", () => {
      expect(of("templates/mustache-and-docs.json").map((f) => f.ruleId)).to.deep.equal(["POL002"]);
      expect(of("templates/cfn-sub.json").map((f) => [f.ruleId, f.message])).to.deep.equal([
        [
          "POL002",
          'replace ${AWS::AccountId}, ${AWS::Partition}, ${AWS::Region} before use; sized with ${AWS::AccountId} as "111122223333", ${AWS::Partition} as "aws", ${AWS::Region} as "us-east-1"',
        ],
      ]);
    });
  });

  describe("identity-provider condition keys", () => {
    it("OIDC keys (GitHub, EKS, Google, Cognito, Facebook, Amazon, a custom issuer) and SAML keys are valid; a misspelt global key is not", () => {
      expect(of("idp/federation-keys-scp.json").map((f) => [f.ruleId, f.path])).to.deep.equal([
        ["POL002", ""],
        ["NAME003", "Statement[1].Condition.StringNotEqualsIgnoreCase.aws:PrincipalOrgIdd"],
      ]);
    });
  });

  it("one retired name is one finding per file with the count and places: a prefix, an action", async () => {
    const text = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Deny", Action: ["elastictranscoder:CreateJob", "elastictranscoder:UpdatePipeline", "s3:DeleteBuckett"], Resource: "*" },
        { Effect: "Deny", Action: ["elastictranscoder:DeletePipeline", "S3:DeleteBuckett"], Resource: "*" },
      ],
    }).replace(/elastictranscoder/g, "retiredsvc");
    const found = (await reviewText("x.json", text)).filter((f) => f.ruleId.startsWith("NAME"));
    expect(found.map((f) => [f.ruleId, f.path, f.message])).to.deep.equal([
      [
        "NAME001",
        "Statement[0].Action[2]",
        '"s3:DeleteBuckett" is not a known action (retired or misspelled): 2 entries (Statement[0].Action[2], Statement[1].Action[1])',
      ],
      [
        "NAME002",
        "Statement[0].Action[0]",
        'service prefix "retiredsvc" is not in IAM\'s data (retired or misspelled): 3 entries (Statement[0].Action[0], Statement[0].Action[1], Statement[1].Action[0])',
      ],
    ]);
  });

  it("a service key AWS documents with an example name after the slash (secretsmanager:ResourceTag/tag-key) takes any name there", async () => {
    const text = (key: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: "secretsmanager:DeleteSecret", Resource: "*", Condition: { StringNotEquals: { [key]: "x" } } }],
      });
    const keyErrors = async (key: string) => (await reviewText("x.json", text(key))).filter((f) => f.ruleId === "NAME003").map((f) => f.path);
    expect(await keyErrors("secretsmanager:ResourceTag/owner")).to.deep.equal([]);
    expect(await keyErrors("secretsmanager:ResourceTagg/owner")).to.deep.equal(['Statement[0].Condition.StringNotEquals."secretsmanager:ResourceTagg/owner"']);
  });

  describe("kinds", () => {
    it("prints the kind used for every file and why", () => {
      expect(result.kinds.map((k) => [rel(k.file), k.kind, k.why])).to.deep.equal([
        ["idp/federation-keys-scp.json", "scp", "no statement has a Principal"],
        [
          "kinds/bucket-policy.json",
          "other",
          'Statement[1] has Principal {"Service":"cloudtrail.amazonaws.com"}, which neither an SCP (no Principal) nor an RCP (Principal "*") allows: a resource policy',
        ],
        ["kinds/every-principal-star.json", "rcp", 'every statement has Principal "*"'],
        ["kinds/mostly-principal-star.json", "rcp", '1 of 2 statements have Principal "*" and none names another principal'],
        [
          "kinds/notprincipal.json",
          "other",
          'Statement[0] has NotPrincipal {"AWS":"arn:aws:iam::111122223333:role/Admin"}, which neither an SCP (no Principal) nor an RCP (Principal "*") allows: a resource policy',
        ],
        ["templates/cfn-sub.json", "scp", "no statement has a Principal"],
        ["templates/lza-rcp.json", "rcp", 'every statement has Principal "*"'],
        ["templates/lza-unquoted-lookup.json", "scp", "no statement has a Principal"],
        ["templates/mustache-and-docs.json", "scp", "no statement has a Principal"],
        ["templates/terraform-jsonencode.json", "scp", "no statement has a Principal"],
      ]);
    });

    it('a file whose every Principal is "*" is an RCP even with an Allow, and all four of its defects are found', () => {
      expect(of("kinds/every-principal-star.json").map((f) => f.message)).to.deep.equal([
        "minified, the RCP is 5,545 characters (5,545 bytes UTF-8), over the 5,120-character limit for RCPs",
        "Allow is not supported in customer RCPs (only RCPFullAWSAccess allows)",
        "neither Resource nor NotResource is present",
        'condition key "aws:SourceOrgID " is not a global key, a key of its service, nor an OIDC/SAML federation key',
      ]);
    });

    it("--kind scp reviews the same file as an SCP: Principal is then the error", async () => {
      const asScp = await reviewPaths([path.join(DIR, "kinds", "every-principal-star.json")], { kind: "scp" });
      expect(asScp.kinds.map((k) => [k.kind, k.why])).to.deep.equal([["scp", "--kind"]]);
      expect(asScp.findings.filter((f) => f.ruleId === "GRM007")).to.have.length(19);
      expect(asScp.findings.filter((f) => f.ruleId.startsWith("SIZE"))).to.deep.equal([]);
    });

    it("sizes by kind: an SCP gets 10,240 characters, an RCP 5,120, --max-size one limit for both", async () => {
      const scp = (n: number) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Deny", Action: "s3:DeleteBucket", Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(6, "0")}`) },
          ],
        });
      const size = async (text: string, options = {}) =>
        (await reviewText("x.json", text, options)).filter((f) => f.ruleId.startsWith("SIZE")).map((f) => f.message);
      expect(scp(348).length).to.be.within(10_180, 10_240);
      expect(await size(scp(348))).to.deep.equal([]);
      expect(await size(scp(350))).to.deep.equal([
        `minified, the SCP is ${fmt(scp(350).length)} characters (${fmt(scp(350).length)} bytes UTF-8), over the 10,240-character limit for SCPs`,
      ]);
      expect(await size(scp(348), { maxSize: 5120 })).to.deep.equal([
        `minified, the SCP is ${fmt(scp(348).length)} characters (${fmt(scp(348).length)} bytes UTF-8), over the 5,120 limit (--max-size)`,
      ]);
    });

    it("a resource policy naming principals is POL001 with a message true for a mixed file", () => {
      expect(of("kinds/bucket-policy.json").map((f) => [f.ruleId, f.severity, f.message])).to.deep.equal([
        [
          "POL001",
          "info",
          'not an organization policy (Statement[1] has Principal {"Service":"cloudtrail.amazonaws.com"}, which neither an SCP (no Principal) nor an RCP (Principal "*") allows: a resource policy); not checked as an SCP or RCP',
        ],
      ]);
    });
  });
});
