// Every review rule with a case that fires it and a case that does not (cdk-nag style), on inline policy texts.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { loadPolicyCatalog } from "../../lib/policies";
import { proveClaims, reviewText } from "../../lib/review/review";
import { Finding, RULES } from "../../lib/review/rules";

type Kind = "scp" | "rcp";
interface Case {
  rule: string;
  /** A document that must fire the rule at `path`, with a message matching `message`. */
  fail: { text: string; kind?: Kind; maxSize?: number; path: string; message: RegExp };
  /** A document that must not fire it. */
  pass: { text: string; kind?: Kind; maxSize?: number };
}

const doc = (statement: object, top: object = {}) => JSON.stringify({ Version: "2012-10-17", ...top, Statement: [statement] }, null, 2);
const deny = (extra: object = {}) => doc({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*", ...extra });
const rcp = (extra: object = {}) =>
  doc({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } }, ...extra });

const CASES: Case[] = [
  {
    rule: "JSON001",
    fail: { text: '{"Version": "2012-10-17", "Statement": [', path: "Statement[0]", message: /line 1, column \d+: / },
    pass: { text: deny() },
  },
  {
    rule: "JSON002",
    fail: {
      text: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"s3:DeleteBucket","Resource":"*"}]}',
      path: "Statement[0].Effect",
      message: /duplicate key "Effect"/,
    },
    pass: { text: deny() },
  },
  {
    rule: "JSON003",
    fail: {
      text: '{"Version":"2012-10-17", // why\n"Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}',
      path: "",
      message: /comments are not allowed/,
    },
    pass: { text: deny() },
  },
  {
    rule: "JSON004",
    fail: {
      text: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*",}]}',
      path: "Statement[0]",
      message: /trailing comma before \}/,
    },
    pass: { text: deny() },
  },
  { rule: "POL001", fail: { text: '{"name": "not a policy"}', path: "", message: /^not an organization policy \(no Statement/ }, pass: { text: deny() } },
  {
    rule: "POL002",
    fail: {
      text: deny({ Resource: "arn:aws:s3:::<my-bucket>" }),
      path: "",
      message: /^replace <my-bucket> before use; sized with <my-bucket> as "example-bucket"$/,
    },
    pass: { text: deny({ Resource: "arn:aws:s3:::my-bucket" }) },
  },
  {
    rule: "POL003",
    fail: {
      text: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":${jsonencode(var.actions)},"Resource":"*"}]}',
      path: "",
      message:
        /^a template that is JSON only once rendered: placeholder outside quotes \(\$\{jsonencode\(var\.actions\)\}, first on line 1\); checked with each read as a value$/,
    },
    pass: { text: deny({ Resource: "arn:${PARTITION}:s3:::logs" }) },
  },
  {
    rule: "JSON005",
    fail: {
      text: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":${"[".repeat(40)}${"]".repeat(40)}}}}]}`,
      path: `Statement[0].Condition.Bool.aws:SecureTransport${"[0]".repeat(27)}`,
      message: /nesting deeper than 32 levels/,
    },
    pass: { text: deny() },
  },
  {
    rule: "GRM001",
    fail: {
      text: JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] }),
      path: "Version",
      message: /must be "2012-10-17"/,
    },
    pass: { text: deny() },
  },
  {
    rule: "GRM002",
    fail: {
      text: doc({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }, { Comment: "x" }),
      path: "Comment",
      message: /unknown top-level element "Comment"/,
    },
    pass: { text: doc({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }, { Id: "x" }) },
  },
  {
    rule: "GRM003",
    fail: { text: deny({ Description: "x" }), path: "Statement[0].Description", message: /unknown element "Description" in an SCP statement/ },
    pass: { text: deny({ Sid: "Ok" }) },
  },
  {
    rule: "GRM004",
    fail: { text: deny({ Effect: "deny" }), path: "Statement[0].Effect", message: /must be "Allow" or "Deny"/ },
    pass: { text: deny({ Effect: "Allow" }) },
  },
  {
    rule: "GRM005",
    fail: { text: deny({ NotAction: "s3:GetObject" }), path: "Statement[0]", message: /both Action and NotAction/ },
    pass: { text: deny({ Action: "s3:Delete*" }) },
  },
  {
    rule: "GRM006",
    fail: { text: doc({ Effect: "Deny", Action: "s3:DeleteBucket" }), path: "Statement[0]", message: /neither Resource nor NotResource/ },
    pass: { text: deny({ Resource: "arn:aws:s3:::logs" }) },
  },
  {
    rule: "GRM007",
    fail: { text: deny({ Principal: "*" }), kind: "scp", path: "Statement[0].Principal", message: /Principal is not supported in SCPs/ },
    pass: { text: deny() },
  },
  {
    rule: "GRM008",
    fail: {
      text: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "A", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
          { Sid: "A", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
        ],
      }),
      path: "Statement[1].Sid",
      message: /Sid "A" is already used by Statement\[0\]/,
    },
    pass: {
      text: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "A", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
          { Sid: "B", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
        ],
      }),
    },
  },
  {
    rule: "GRM009",
    fail: {
      text: deny({ Condition: { StringEqualz: { "aws:PrincipalAccount": "111122223333" } } }),
      path: "Statement[0].Condition.StringEqualz",
      message: /unknown condition operator "StringEqualz"/,
    },
    pass: { text: deny({ Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333" } } }) },
  },
  {
    rule: "GRM010",
    fail: {
      text: deny({ Condition: { Bool: { "aws:SecureTransport": "no" } } }),
      path: "Statement[0].Condition.Bool.aws:SecureTransport",
      message: /"no" is not true or false/,
    },
    pass: { text: deny({ Condition: { Bool: { "aws:SecureTransport": "false" } } }) },
  },
  {
    rule: "RCP001",
    fail: { text: rcp({ Effect: "Allow" }), kind: "rcp", path: "Statement[0].Effect", message: /Allow is not supported in customer RCPs/ },
    pass: { text: rcp(), kind: "rcp" },
  },
  {
    rule: "RCP002",
    fail: { text: rcp({ Principal: { AWS: "*" } }), kind: "rcp", path: "Statement[0].Principal", message: /RCPs require "\*"/ },
    pass: { text: rcp(), kind: "rcp" },
  },
  {
    rule: "RCP003",
    fail: {
      text: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "*" }] }),
      kind: "rcp",
      path: "Statement[0].NotAction",
      message: /NotAction is not supported in RCPs/,
    },
    pass: { text: rcp(), kind: "rcp" },
  },
  {
    rule: "RCP004",
    fail: {
      text: rcp({ Action: "ec2:RunInstances" }),
      kind: "rcp",
      path: "Statement[0].Action",
      message: /^"ec2" does not support RCPs, so these entries have no effect: 1 entry \(Statement\[0\]\.Action\)$/,
    },
    pass: { text: rcp({ Action: "kms:Decrypt" }), kind: "rcp" },
  },
  {
    rule: "SIZE001",
    fail: { text: deny(), maxSize: 60, path: "", message: /^minified, the SCP is \d+ characters \(\d+ bytes UTF-8\), over the 60 limit \(--max-size\)$/ },
    pass: { text: deny(), maxSize: 5120 },
  },
  {
    rule: "SIZE002",
    fail: {
      text: deny(),
      maxSize: 100,
      path: "",
      message: /^the file is \d+ characters as written, over the 100 limit \(--max-size\); minified it is \d+ and fits$/,
    },
    pass: { text: JSON.stringify(JSON.parse(deny())), maxSize: 100 },
  },
  {
    rule: "NAME001",
    fail: {
      text: deny({ Action: "s3:DeleteBuckett" }),
      path: "Statement[0].Action",
      message: /"s3:DeleteBuckett" is not a known action \(retired or misspelled\)/,
    },
    pass: { text: deny({ Action: "s3:DeleteBucket*" }) },
  },
  {
    rule: "NAME002",
    fail: {
      text: deny({ Action: "s4:DeleteBucket" }),
      path: "Statement[0].Action",
      message: /^service prefix "s4" is not in IAM's data \(retired or misspelled\): 1 entry \(Statement\[0\]\.Action\)$/,
    },
    pass: { text: deny() },
  },
  {
    rule: "NAME003",
    fail: {
      text: deny({ Condition: { StringNotEquals: { "aws:PrincipalOrgIdd": "o-abc" } } }),
      path: "Statement[0].Condition.StringNotEquals.aws:PrincipalOrgIdd",
      message: /condition key "aws:PrincipalOrgIdd" is not a global key, a key of its service, nor an OIDC\/SAML federation key/,
    },
    pass: { text: deny({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } } }) },
  },
];

const fired = (findings: Finding[], rule: string) => findings.filter((f) => f.ruleId === rule);

describe("review rules: each fires on a bad case and stays quiet on a good one", () => {
  it("covers every rule of the catalogue (ORG001 in cli.test.ts, file-level rules in files.test.ts, CLAIM001/002 below)", () => {
    expect(RULES.map((r) => r.id).filter((id) => !CASES.some((c) => c.rule === id))).to.deep.equal([
      "ENC001",
      "ENC002",
      "IO001",
      "SIZE003",
      "REV001",
      "CLAIM001",
      "CLAIM002",
      "ORG001",
    ]);
  });

  for (const c of CASES) {
    const rule = RULES.find((r) => r.id === c.rule)!;
    it(`${c.rule} ${rule.slug}: fires with severity ${rule.severity} at the JSON path`, async () => {
      const findings = await reviewText("case.json", c.fail.text, { maxSize: c.fail.maxSize, kind: c.fail.kind });
      const hits = fired(findings, c.rule);
      expect(hits, JSON.stringify(findings, null, 1)).to.have.length.greaterThan(0);
      expect([hits[0].path, hits[0].severity]).to.deep.equal([c.fail.path, rule.severity]);
      expect(hits[0].message).to.match(c.fail.message);
    });
    it(`${c.rule} ${rule.slug}: stays quiet on the good case`, async () => {
      const findings = await reviewText("case.json", c.pass.text, { maxSize: c.pass.maxSize, kind: c.pass.kind });
      expect(fired(findings, c.rule)).to.deep.equal([]);
    });
  }

  it("docs/review.md's rules table is the catalogue, row for row", () => {
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "review.md"), "utf8");
    const rows = doc.split("\n").filter((l) => /^\| [A-Z]+\d{3} \| /.test(l));
    const esc = (t: string) => t.replace(/\|/g, "\\|");
    expect(rows).to.deep.equal(RULES.map((r) => `| ${r.id} | \`${r.slug}\` | ${r.severity} | ${esc(r.title)} | ${esc(r.rationale)} |`));
  });

  it("reports line and column of the finding in the file as written", async () => {
    const [hit] = fired(await reviewText("case.json", deny({ Action: "s3:DeleteBuckett" })), "NAME001");
    expect([hit.line, hit.column]).to.deep.equal([6, 17]);
  });
});

describe("review claims: CLAIM001 and CLAIM002 on the shipped policies", () => {
  const catalog = loadPolicyCatalog();
  const byName = (name: string) => catalog.find((p) => p.name === name)!;

  it("CLAIM001 stays quiet: every claim of every shipped policy holds", async () => {
    for (const policy of catalog) expect(fired(await proveClaims(policy), "CLAIM001"), policy.name).to.deep.equal([]);
  });

  it("CLAIM001 fires, naming the claim, when deny-cloudtrail-tampering no longer denies cloudtrail:StopLogging", async () => {
    const policy = byName("deny-cloudtrail-tampering");
    const document = JSON.parse(JSON.stringify(policy.document));
    for (const st of document.Statement) if (Array.isArray(st.Action)) st.Action = st.Action.filter((a: string) => a !== "cloudtrail:StopLogging");
    const hits = fired(await proveClaims({ ...policy, document }), "CLAIM001");
    expect(hits.map((h) => [h.path, h.severity])).to.deep.include(["deny-cloudtrail-tampering.claims.denied[0]", "error"]);
    expect(hits[0].message).to.match(/^deny-cloudtrail-tampering: "an admin role calling cloudtrail:StopLogging" should be denied but is allowed/);
  });

  it("CLAIM002 lists the write actions a claimed family leaves open (info), and none for a policy that denies the whole service", async () => {
    const open = fired(await proveClaims(byName("deny-cloudtrail-tampering")), "CLAIM002");
    expect(open.map((h) => [h.path, h.severity])).to.deep.equal([["deny-cloudtrail-tampering.claims.families[0]", "info"]]);
    expect(open[0].message).to.match(/family "CloudTrail tampering" leaves \d+ Write action\(s\) of cloudtrail open: .*CreateTrail/);
    expect(open[0].message).not.to.match(/\bStopLogging\b|\bDeleteTrail\b|\bPutEventSelectors\b/);
    const policy = byName("deny-cloudtrail-tampering");
    const all = { ...policy, document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "cloudtrail:*", Resource: "*" }] } };
    expect(fired(await proveClaims(all), "CLAIM002")).to.deep.equal([]);
  });
});
