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
    const subject = { type: "aws:bcmdata/export:Export", name: "e", inputs: curExport({ TIME_GRANULARITY: "HOURLY" }), deleteBeforeReplace: true };
    const problems = checkAwsRules(subject);
    expect(problems).to.deep.equal([
      "AWS-BCM-1: export.dataQueries[0].tableConfigurations.COST_AND_USAGE_REPORT.BILLING_VIEW_ARN must be arn:<partition>:billing::<account>:billingview/<view> (got undefined)",
    ]);
    expect(awsRuleError(subject, problems)).to.equal(`AWS would reject or keep replacing aws:bcmdata/export:Export "e": ${problems[0]} (docs/aws-rules.md)`);
    const good = curExport({ TIME_GRANULARITY: "HOURLY", BILLING_VIEW_ARN: "arn:aws:billing::111111111111:billingview/primary" });
    expect(checkAwsRules({ type: "aws:bcmdata/export:Export", name: "e", inputs: good, deleteBeforeReplace: true })).to.deep.equal([]);
  });

  it("AWS-ORG-1: no two Organizations policies share a name", () => {
    const policy = (name: string, title: string) => ({
      type: "aws:organizations/policy:Policy",
      name,
      inputs: { name: title, type: "SERVICE_CONTROL_POLICY" },
    });
    const first = policy("guardrails-deny-root-user", "DenyRootUser");
    expect(checkAwsRules(policy("extra-deny-root", "DenyRootUser"), [first])).to.deep.equal([
      'AWS-ORG-1: policy name "DenyRootUser" is already used by guardrails-deny-root-user',
    ]);
    // The registration itself among the others, and another name, are fine.
    expect(checkAwsRules(first, [first, policy("guardrails-deny-all", "DenyAll")])).to.deep.equal([]);
    // Another component's policies stand for another organization (specs build several in one process).
    expect(checkAwsRules({ ...policy("extra-deny-root", "DenyRootUser"), parent: "urn:other" }, [first])).to.deep.equal([]);
  });

  it("AWS-S3-1: an Object Lock bucket's versioning is Enabled and retained on delete", () => {
    const bucket = { type: "aws:s3/bucket:Bucket", name: "b", inputs: { bucket: "logs", objectLockEnabled: true }, retainOnDelete: true };
    const versioning = {
      type: "aws:s3/bucketVersioning:BucketVersioning",
      name: "v",
      inputs: { bucket: "logs", versioningConfiguration: { status: "Enabled" } },
    };
    expect(checkAwsRules(versioning, [bucket])).to.deep.equal([
      "AWS-S3-1: bucket logs has Object Lock: set retainOnDelete, as deleting this resource suspends versioning",
    ]);
    expect(checkAwsRules({ ...versioning, retainOnDelete: true }, [bucket])).to.deep.equal([]);
    expect(
      checkAwsRules({ ...versioning, retainOnDelete: true, inputs: { bucket: "logs", versioningConfiguration: { status: "Suspended" } } }, [bucket]),
    ).to.deep.equal(['AWS-S3-1: bucket logs has Object Lock: versioning must be "Enabled" (got "Suspended")']);
    // Without Object Lock, versioning may be deleted with the stack.
    expect(checkAwsRules(versioning, [{ ...bucket, inputs: { bucket: "logs" } }])).to.deep.equal([]);
  });

  it("AWS-S3-2: a bucket without forceDestroy is retained on delete (S3 deletes only empty buckets)", () => {
    const bucket = { type: "aws:s3/bucket:Bucket", name: "b", inputs: { bucket: "data", forceDestroy: false } };
    expect(checkAwsRules(bucket)).to.deep.equal(['AWS-S3-2: bucket "data" has no forceDestroy: set retainOnDelete']);
    expect(checkAwsRules({ ...bucket, retainOnDelete: true })).to.deep.equal([]);
  });

  it("AWS-S3-3 and AWS-S3-4: expiration after transition, and noncurrent versions expire in a versioned bucket", () => {
    const versioning = {
      type: "aws:s3/bucketVersioning:BucketVersioning",
      name: "v",
      inputs: { bucket: "logs", versioningConfiguration: { status: "Enabled" } },
    };
    const lifecycle = (rule: Record<string, unknown>) => ({
      type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      name: "l",
      inputs: { bucket: "logs", rules: [rule] },
    });
    const transitions = {
      transitions: [{ days: 90, storageClass: "GLACIER_IR" }],
      noncurrentVersionTransitions: [{ noncurrentDays: 90, storageClass: "GLACIER_IR" }],
    };
    expect(
      checkAwsRules(lifecycle({ ...transitions, expiration: { days: 90 }, noncurrentVersionExpiration: { noncurrentDays: 400 } }), [versioning]),
    ).to.deep.equal(["AWS-S3-3: rules[0].expiration.days (90) must be greater than the last transition's days (90)"]);
    expect(
      checkAwsRules(lifecycle({ ...transitions, expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }), [versioning]),
    ).to.deep.equal(["AWS-S3-3: rules[0].noncurrentVersionExpiration.noncurrentDays (30) must be greater than the last noncurrent transition's days (90)"]);
    expect(checkAwsRules(lifecycle({ ...transitions, expiration: { days: 400 } }), [versioning])).to.deep.equal([
      "AWS-S3-4: bucket logs is versioned: rules[0] expires objects, so it must set noncurrentVersionExpiration too",
    ]);
    expect(checkAwsRules(lifecycle({ ...transitions, expiration: { days: 400 } }), [])).to.deep.equal([]);
    expect(
      checkAwsRules(lifecycle({ ...transitions, expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 400 } }), [versioning]),
    ).to.deep.equal([]);
  });

  it("AWS-GD-1: a detector's organization configuration takes only one of EKS_RUNTIME_MONITORING and RUNTIME_MONITORING", () => {
    const feature = (name: string, featureName: string, detectorId = "det") => ({
      type: "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature",
      name,
      inputs: { region: "us-east-1", detectorId, name: featureName, autoEnable: "ALL" },
    });
    const runtime = feature("rt", "RUNTIME_MONITORING");
    expect(checkAwsRules(feature("eks", "EKS_RUNTIME_MONITORING"), [runtime])).to.deep.equal([
      "AWS-GD-1: detector det already has RUNTIME_MONITORING (rt): only one of EKS_RUNTIME_MONITORING and RUNTIME_MONITORING may be set",
    ]);
    expect(checkAwsRules(feature("eks", "EKS_RUNTIME_MONITORING", "other"), [runtime])).to.deep.equal([]);
    expect(checkAwsRules(runtime, [runtime])).to.deep.equal([]);
  });

  it("PULUMI-2: a fixed-name resource with a changeable replace-forcing input deletes before replacing (unused-access analyzer)", () => {
    const analyzer = {
      type: "aws:accessanalyzer/analyzer:Analyzer",
      name: "a",
      inputs: {
        analyzerName: "orgstrap-organization-unused-access",
        type: "ORGANIZATION_UNUSED_ACCESS",
        configuration: { unusedAccess: { unusedAccessAge: 90 } },
      },
      ignoreChanges: [],
    };
    expect(checkAwsRules(analyzer)).to.deep.equal([
      "PULUMI-2: type forces replacement and the new object would collide with the old one (same analyzerName): set deleteBeforeReplace or ignoreChanges; " +
        "configuration forces replacement and the new object would collide with the old one (same analyzerName): set deleteBeforeReplace or ignoreChanges",
    ]);
    expect(checkAwsRules({ ...analyzer, deleteBeforeReplace: true })).to.deep.equal([]);
  });

  it("PULUMI-1: no resource is both protected and retained (the engine refuses the delete before it considers retention)", () => {
    const account = { type: "aws:organizations/account:Account", name: "a", inputs: {}, protect: true, retainOnDelete: true };
    expect(checkAwsRules(account)).to.deep.equal([
      "PULUMI-1: protect and retainOnDelete are both set: retain it (it stays in AWS, out of the stack) or protect it, not both",
    ]);
    expect(checkAwsRules({ ...account, protect: false })).to.deep.equal([]);
  });

  it("gives every rule a unique id, a resource type token and a source", () => {
    const ids = AWS_RULES.map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const r of AWS_RULES) {
      expect(r.type, r.id).to.match(/^(aws:[a-z0-9]+\/[a-zA-Z0-9]+:[A-Za-z0-9]+|\*)$/);
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
