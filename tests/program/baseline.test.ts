// The account security baseline in the whole program (index.ts) on Pulumi.dev.yaml.
import { expect } from "chai";
import { dependsOn, find, findAll, providerName, registrations, settle, unwrap } from "../helpers/mocks";
import { exampleConfig } from "../helpers/stack";

type Program = typeof import("../../index");

describe("index.ts on Pulumi.dev.yaml: the account security baseline", function () {
  let program: Program;
  const cfg = exampleConfig();
  const mine = (type: string, prefix = "") => findAll(type, prefix).filter((r) => !r.name.startsWith("unit-"));
  const org = () => find("aws:organizations/organization:Organization", "org-organization");
  let ids: Record<string, string>;
  let securityId: string;

  before(async () => {
    // After setup.ts has installed the fake cloud: setMocks must come before the program loads.
    program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await unwrap(program.baselineStackSetName!);
    await settle();
    ids = {};
    for (const [key, id] of Object.entries(program.accountIds)) ids[key] = await unwrap(id);
    securityId = ids[cfg.securityAccountKey];
  });

  it("gives the organization trusted access for every service the baseline delegates or uses", () => {
    expect(org().inputs.awsServiceAccessPrincipals).to.include.members([
      "config.amazonaws.com",
      "config-multiaccountsetup.amazonaws.com",
      "access-analyzer.amazonaws.com",
      "cloudtrail.amazonaws.com",
      "iam.amazonaws.com",
      "account.amazonaws.com",
      "member.org.stacksets.cloudformation.amazonaws.com",
    ]);
  });

  it("delegates AWS Config to Security, aggregates the organization there over every governed Region", async () => {
    const admins = mine("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "config-admin-");
    expect(admins.map((a) => [a.inputs.servicePrincipal, a.inputs.accountId, providerName(a), dependsOn(a, org())])).to.deep.equal([
      ["config.amazonaws.com", securityId, "", true],
      ["config-multiaccountsetup.amazonaws.com", securityId, "", true],
    ]);
    const aggregator = find("aws:cfg/configurationAggregator:ConfigurationAggregator", "config-aggregator");
    expect(providerName(aggregator)).to.equal("accounts-security");
    expect(aggregator.inputs.organizationAggregationSource).to.deep.equal({
      roleArn: `arn:aws:iam::${securityId}:role/example-config-aggregator`,
      regions: ["us-east-1", "eu-west-1"],
    });
    expect(await unwrap(program.configAggregatorArn!)).to.match(new RegExp(`^arn:aws:config:us-east-1:${securityId}:config-aggregator/`));
  });

  it("records in every account and governed Region, delivering to the Config bucket in Log Archive, with one recorder per account and Region", async () => {
    const bucket = find("aws:s3/bucket:Bucket", "config-archive-bucket");
    expect(providerName(bucket)).to.equal("accounts-log-archive");
    expect(bucket.inputs.bucket).to.equal(`example-config-${ids["log-archive"]}`);
    expect(await unwrap(program.configBucketName!)).to.equal(bucket.inputs.bucket);
    // Only the Log-Archive account's own recorder roles may write besides AWS services (AWS Config's same-account path).
    const deny = JSON.parse(find("aws:s3/bucketPolicy:BucketPolicy", "config-archive-bucket-policy").inputs.policy as string).Statement.find(
      (st: { Sid: string }) => st.Sid === "DenyWritesByNonServicePrincipals",
    );
    expect(deny.Condition.ArnNotLike).to.deep.equal({ "aws:PrincipalArn": `arn:aws:iam::${ids["log-archive"]}:role/example-config-recorder-*` });
    // The management account: direct resources (StackSets never deploy there).
    const recorders = mine("aws:cfg/recorder:Recorder");
    expect(
      recorders.map((r) => [r.inputs.region, providerName(r), (r.inputs.recordingGroup as { includeGlobalResourceTypes: boolean }).includeGlobalResourceTypes]),
    ).to.deep.equal([
      ["us-east-1", "", true],
      ["eu-west-1", "", false],
    ]);
    for (const channel of mine("aws:cfg/deliveryChannel:DeliveryChannel")) {
      expect(channel.inputs.s3BucketName).to.equal(bucket.inputs.bucket);
      expect(dependsOn(channel, find("aws:s3/bucketPolicy:BucketPolicy", "config-archive-bucket-policy"))).to.equal(true);
    }
    // Every member account: the StackSet, in every governed Region, to OUs that hold every account in config.
    const stackSet = find("aws:cloudformation/stackSet:StackSet", "future-accounts-stack-set");
    expect(stackSet.inputs.parameters).to.deep.include({ ConfigBucketName: bucket.inputs.bucket, HomeRegion: "us-east-1", RecorderName: "orgstrap" });
    const ouIds = await Promise.all(["security-ou", "workloads", "sandbox"].map((k) => unwrap(program.organizationalUnitIds[k])));
    const instances = mine("aws:cloudformation/stackSetInstance:StackSetInstance", "future-accounts-");
    // One instance per target OU and Region, so adding or removing an OU touches only that OU's accounts.
    expect(instances.map((i) => [i.name, i.inputs.stackSetInstanceRegion, i.inputs.deploymentTargets])).to.deep.equal(
      ["security-ou", "workloads", "sandbox"].flatMap((k, n) =>
        cfg.governedRegions.map((region) => [`future-accounts-${k}-${region}`, region, { organizationalUnitIds: [ouIds[n]] }]),
      ),
    );
    // No recorder is created in a member account directly: the StackSet is their single mechanism.
    expect(registrations.filter((r) => r.type === "aws:cfg/recorder:Recorder" && !r.name.startsWith("unit-") && providerName(r) !== "")).to.deep.equal([]);
  });

  it("delegates IAM Access Analyzer to Security: external access in every governed Region, unused access once", () => {
    const admin = find("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "access-analyzer-admin");
    expect([admin.inputs.servicePrincipal, admin.inputs.accountId, providerName(admin), dependsOn(admin, org())]).to.deep.equal([
      "access-analyzer.amazonaws.com",
      securityId,
      "",
      true,
    ]);
    const analyzers = mine("aws:accessanalyzer/analyzer:Analyzer", "access-analyzer-");
    expect(analyzers.map((a) => [a.inputs.type, a.inputs.region, providerName(a), dependsOn(a, admin)])).to.deep.equal([
      ["ORGANIZATION", "us-east-1", "accounts-security", true],
      ["ORGANIZATION", "eu-west-1", "accounts-security", true],
      ["ORGANIZATION_UNUSED_ACCESS", "us-east-1", "accounts-security", true],
    ]);
    expect(analyzers[2].inputs.configuration).to.deep.equal({ unusedAccess: { unusedAccessAge: 90 } });
  });

  it("baselines the management account from Pulumi and every member account from the StackSet only (one owner per setting)", () => {
    for (const key of ["management"]) {
      const policy = find("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", `baseline-${key}-password-policy`);
      expect(policy.inputs, key).to.deep.equal({
        minimumPasswordLength: 14,
        requireLowercaseCharacters: true,
        requireUppercaseCharacters: true,
        requireNumbers: true,
        requireSymbols: true,
        allowUsersToChangePassword: true,
        passwordReusePrevention: 24,
        maxPasswordAge: 90,
        hardExpiry: false,
      });
      expect(providerName(policy), key).to.equal("");
      expect(providerName(find("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", `baseline-${key}-s3-public-access-block`)), key).to.equal("");
      for (const region of cfg.governedRegions) {
        const ebs = find("aws:ebs/encryptionByDefault:EncryptionByDefault", `baseline-${key}-ebs-encryption-${region}`);
        expect([ebs.inputs, providerName(ebs)], key).to.deep.equal([{ region, enabled: true }, ""]);
      }
      const contact = find("aws:account/alternativeContact:AlternativeContact", `baseline-${key}-security-contact`);
      expect(contact.inputs, key).to.deep.equal({
        alternateContactType: "SECURITY",
        name: "Security Team",
        title: "Security Operations",
        emailAddress: "aws-security-contact@example.com",
        phoneNumber: "+1 555 0100",
      });
      expect(providerName(contact), key).to.equal("");
    }
    // The management account only: every account in config sits in a target OU, so the StackSet's custom resource owns
    // its password policy, public access block, EBS encryption and security contact (the StackSet spec below checks the parameters).
    const baseline = registrations.filter((r) => r.custom && r.name.startsWith("baseline-"));
    expect(baseline.map((r) => r.name).filter((n) => !n.startsWith("baseline-management-"))).to.deep.equal([]);
    expect(baseline).to.have.length(3 + cfg.governedRegions.length);
  });

  it("enables central root access management (credentials and sessions) from the management account, after trusted access", async () => {
    const features = find("aws:iam/organizationsFeatures:OrganizationsFeatures", "root-access-features");
    expect([features.inputs, providerName(features), dependsOn(features, org())]).to.deep.equal([
      { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] },
      "",
      true,
    ]);
    expect(await unwrap(program.rootAccessFeatures!)).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
  });

  it("registers the Security account as CloudTrail delegated administrator, after trusted access", () => {
    const admin = find("aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount", "cloudtrail-delegation-admin");
    expect([admin.inputs, providerName(admin), dependsOn(admin, org())]).to.deep.equal([{ accountId: securityId }, "", true]);
  });

  it("reaches later accounts through a service-managed, auto-deploying StackSet whose resources grow with OUs and Regions, not accounts", async () => {
    const stackSet = find("aws:cloudformation/stackSet:StackSet", "future-accounts-stack-set");
    expect(stackSet.inputs).to.include({ permissionModel: "SERVICE_MANAGED", callAs: "SELF", name: "example-account-baseline" });
    expect(stackSet.inputs.autoDeployment).to.deep.equal({ enabled: true, retainStacksOnAccountRemoval: false });
    expect(providerName(stackSet)).to.equal("");
    expect(dependsOn(stackSet, org())).to.equal(true);
    expect(mine("aws:cloudformation/stackSetInstance:StackSetInstance")).to.have.length(
      (cfg.futureAccounts?.organizationalUnits.length ?? 0) * cfg.governedRegions.length,
    );
    expect(await unwrap(program.baselineStackSetName!)).to.equal("example-account-baseline");
    // Later accounts get the whole baseline, not only AWS Config: the example's password policy and security contact.
    expect(stackSet.inputs.parameters).to.deep.include({
      ApplyAccountSettings: "true",
      MinimumPasswordLength: "14",
      PasswordReusePrevention: "24",
      MaxPasswordAge: "90",
      SecurityContactName: "Security Team",
      SecurityContactTitle: "Security Operations",
      SecurityContactEmail: "aws-security-contact@example.com",
      SecurityContactPhone: "+1 555 0100",
    });
  });
});
