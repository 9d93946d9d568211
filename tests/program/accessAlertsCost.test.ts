// Admin access, alerts, cost and adoption in the whole program (index.ts) on Pulumi.dev.yaml.
import { expect } from "chai";
import { adoptionPreflight } from "../../lib/adoption";
import { MANAGEMENT_ACCOUNT_ID } from "../../harness/mockCloud";
import { dependsOn, find, findAll, providerName, registrations, settle, unwrap } from "../helpers/mocks";
import { exampleConfig } from "../helpers/stack";

type Program = typeof import("../../index");
/** The Data Exports `export` input as the fake cloud receives it (outputs resolved). */
type ExportInputs = { destinationConfigurations: { s3Destinations: { s3Bucket: string; s3Region: string }[] }[] };

describe("index.ts on Pulumi.dev.yaml: admin access, alerts, cost and adoption", function () {
  let program: Program;
  const cfg = exampleConfig();
  const mine = (type: string, prefix = "") => findAll(type, prefix).filter((r) => !r.name.startsWith("unit-"));
  let ids: Record<string, string>;

  before(async () => {
    // After setup.ts has installed the fake cloud: setMocks must come before the program loads.
    program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await unwrap(program.securityAlertsTopicArn!);
    await unwrap(program.costExportBucketName!);
    await settle();
    ids = {};
    for (const [key, id] of Object.entries(program.accountIds)) ids[key] = await unwrap(id);
  });

  it("creates the three permission sets in the configured Identity Center instance, from the management account", async () => {
    const ic = cfg.adminAccess?.identityCenter!;
    const sets = mine("aws:ssoadmin/permissionSet:PermissionSet", "admin-access-");
    expect(sets.map((s) => [s.inputs.name, s.inputs.instanceArn, s.inputs.sessionDuration, s.inputs.region, providerName(s)])).to.deep.equal([
      ["AdministratorAccess", ic.instanceArn, "PT4H", "us-east-1", ""],
      ["ReadOnly", ic.instanceArn, "PT4H", "us-east-1", ""],
      ["SecurityAudit", ic.instanceArn, "PT4H", "us-east-1", ""],
    ]);
    expect(Object.keys(program.permissionSetArns!)).to.deep.equal(["AdministratorAccess", "ReadOnly", "SecurityAudit"]);
    expect(program.adminGroupArn).to.equal(undefined);
  });

  it("assigns each group its permission set in every account of the config, after trusted access for sso.amazonaws.com", () => {
    const ic = cfg.adminAccess?.identityCenter!;
    const org = find("aws:organizations/organization:Organization", "org-organization");
    expect(org.inputs.awsServiceAccessPrincipals).to.include("sso.amazonaws.com");
    const assignments = mine("aws:ssoadmin/accountAssignment:AccountAssignment", "admin-access-");
    const expected: string[][] = [];
    for (const [set, group] of [
      ["administratoraccess", ic.groups.admins],
      ["readonly", ic.groups.readOnly],
      ["securityaudit", ic.groups.securityAudit],
    ]) {
      for (const a of cfg.accounts) expected.push([`admin-access-${set}-${a.key}`, "GROUP", group, "AWS_ACCOUNT", ids[a.key]]);
    }
    // Registration order follows the account ids' resolution: compare sorted by logical name.
    const byName = (x: unknown[], y: unknown[]) => String(x[0]).localeCompare(String(y[0]));
    expect(assignments.map((a) => [a.name, a.inputs.principalType, a.inputs.principalId, a.inputs.targetType, a.inputs.targetId]).sort(byName)).to.deep.equal(
      expected.sort(byName),
    );
    for (const a of assignments) expect(dependsOn(a, org), a.name).to.equal(true);
  });

  it("creates no IAM user and no access key anywhere", () => {
    const types = registrations.filter((r) => !r.name.startsWith("unit-")).map((r) => r.type);
    expect(types).to.not.include.members(["aws:iam/user:User", "aws:iam/accessKey:AccessKey", "aws:iam/userLoginProfile:UserLoginProfile"]);
  });

  it("sends high-severity GuardDuty findings and root activity to an encrypted topic in the Security account, off the Security Hub chain", async () => {
    const topic = find("aws:sns/topic:Topic", "security-alerts-topic");
    expect(providerName(topic)).to.equal("accounts-security");
    expect(topic.inputs).to.include({ name: "example-security-alerts", region: "us-east-1" });
    expect(await unwrap(program.securityAlertsTopicArn!)).to.equal(`arn:aws:sns:us-east-1:${ids.security}:example-security-alerts`);
    const key = find("aws:kms/key:Key", "security-alerts-key");
    expect(providerName(key)).to.equal("accounts-security");
    expect(topic.inputs.kmsMasterKeyId).to.match(new RegExp(`^arn:aws:kms:us-east-1:${ids.security}:key/`));
    expect(find("aws:sns/topicSubscription:TopicSubscription", "security-alerts-email").inputs).to.include({
      protocol: "email",
      endpoint: "aws-security-alerts@example.com",
    });
    for (const rule of mine("aws:cloudwatch/eventRule:EventRule", "security-alerts-")) {
      expect([providerName(rule), rule.dependencies], rule.name).to.deep.equal(["accounts-security", []]);
    }
  });

  it("budgets the organization's monthly cost in the management account and emails the configured addresses", () => {
    const budget = find("aws:budgets/budget:Budget", "cost-budget");
    expect(providerName(budget)).to.equal("");
    expect(budget.inputs).to.deep.include({ name: "example-monthly", budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "1000.00", limitUnit: "USD" });
    expect(
      (budget.inputs.notifications as { threshold: number; notificationType: string; subscriberEmailAddresses: string[] }[]).map((n) => [
        n.notificationType,
        n.threshold,
        n.subscriberEmailAddresses,
      ]),
    ).to.deep.equal([
      ["ACTUAL", 80, ["aws-billing@example.com"]],
      ["ACTUAL", 100, ["aws-billing@example.com"]],
      ["FORECASTED", 100, ["aws-billing@example.com"]],
    ]);
  });

  it("exports CUR 2.0 from the management account (home Region us-east-1, so no extra provider) to its own bucket", () => {
    const management = MANAGEMENT_ACCOUNT_ID;
    const bucket = find("aws:s3/bucket:Bucket", "cost-export-bucket");
    expect(providerName(bucket)).to.equal("");
    expect(bucket.inputs.bucket).to.equal(`example-cur-${management}`);
    const exp = find("aws:bcmdata/export:Export", "cost-export");
    expect(providerName(exp)).to.equal("");
    expect(dependsOn(exp, find("aws:s3/bucketPolicy:BucketPolicy", "cost-export-bucket-policy"))).to.equal(true);
    expect((exp.inputs.export as ExportInputs).destinationConfigurations[0].s3Destinations[0]).to.include({
      s3Bucket: `example-cur-${management}`,
      s3Region: "us-east-1",
    });
    expect(findAll("pulumi:providers:aws", "cost-")).to.deep.equal([]);
  });

  it("the example adopts nothing, and every resource the preflight would adopt is registered under that name", () => {
    expect(adoptionPreflight(cfg).adopted).to.deep.equal([]);
    for (const c of adoptionPreflight(cfg).created) expect(find(c.type, c.name).importId, c.name).to.equal("");
  });
});
