import { expect } from "chai";
import * as YAML from "yaml";
import * as organizations from "@pulumi/aws/organizations";
import * as s3 from "@pulumi/aws/s3";
import {
  accountSettingsParameters,
  BASELINE_TEMPLATE_FILE,
  DEFAULT_ROLLOUT,
  FutureAccounts,
  instanceTimeoutMinutes,
  readTemplate,
  rolloutMinutes,
  STACK_INSTANCE_MINUTES,
  stackSetReach,
} from "../../components/futureAccounts";
import { ORGANIZATIONS_ACCESS_TYPE } from "../../components/organizationsAccess";
import { awsRuleError, checkAwsRules } from "../../lib/awsRules";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

/** CloudFormation's short-form intrinsics, read as their long form. */
const cfnTags: YAML.Tags = ["Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split", "FindInMap", "ImportValue"].flatMap((fn) => {
  const key = fn === "Ref" ? "Ref" : `Fn::${fn}`;
  return [
    { tag: `!${fn}`, resolve: (value: string) => ({ [key]: fn === "GetAtt" ? value.split(".") : value }) },
    { tag: `!${fn}`, collection: "seq" as const, resolve: (seq: YAML.YAMLSeq) => ({ [key]: seq.toJSON() }) },
  ] as YAML.Tags;
});
const template = YAML.parse(readTemplate(BASELINE_TEMPLATE_FILE), { customTags: cfnTags });

describe("FutureAccounts", () => {
  const organization = new organizations.Organization("unit-fa-org", { featureSet: "ALL" });
  const bucketPolicy = new s3.BucketPolicy("unit-fa-bucket-policy", { bucket: "example-config-333333333333", policy: "{}" });
  const args = {
    namePrefix: "orgstrap",
    regions: ["us-east-1", "eu-west-1"],
    targets: [
      { key: "security", id: "ou-exm1-security", knownAccounts: 2 },
      { key: "workloads", id: "ou-exm1-workloads", knownAccounts: 1000 },
    ],
    configBucketName: "example-config-333333333333",
    recorderName: "orgstrap",
    snapshotDeliveryFrequency: "TwentyFour_Hours",
    rollout: DEFAULT_ROLLOUT,
    organization,
    waitFor: [bucketPolicy],
  };
  const future = new FutureAccounts("unit-fa", { ...args, excludedAccountIds: [] });
  const excluding = new FutureAccounts("unit-fax", {
    ...args,
    excludedAccountIds: ["200000000009"],
    rollout: { maxConcurrentPercentage: 50, failureTolerancePercentage: 0, regionConcurrency: "SEQUENTIAL" },
    accountSettings: {
      passwordPolicy: { minimumLength: 16, reusePrevention: 12, maxAgeDays: 0 },
      securityContact: { name: "Sec", title: "SecOps", email: "sec@example.com", phone: "+1 555 0100" },
    },
  });

  it("creates a service-managed StackSet in the management account, auto-deployed to accounts joining the OUs and removed from leavers", async () => {
    await unwrap(future.stackSetName);
    await settle();
    const stackSet = find("aws:cloudformation/stackSet:StackSet", "unit-fa-stack-set");
    const { templateBody, ...inputs } = stackSet.inputs;
    expect(inputs).to.deep.equal({
      region: "us-east-1",
      name: "orgstrap-account-baseline",
      description: "orgstrap: AWS Config recording and the account security settings in every account of the governed OUs",
      permissionModel: "SERVICE_MANAGED",
      callAs: "SELF",
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ["CAPABILITY_NAMED_IAM"],
      parameters: {
        ConfigBucketName: "example-config-333333333333",
        HomeRegion: "us-east-1",
        SnapshotDeliveryFrequency: "TwentyFour_Hours",
        RecorderName: "orgstrap",
        NamePrefix: "orgstrap",
        ApplyAccountSettings: "false",
        MinimumPasswordLength: "14",
        PasswordReusePrevention: "24",
        MaxPasswordAge: "90",
        SecurityContactName: "",
        SecurityContactTitle: "",
        SecurityContactEmail: "",
        SecurityContactPhone: "",
      },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25, regionConcurrencyType: "PARALLEL" },
      managedExecution: { active: true },
    });
    expect(templateBody).to.equal(readTemplate(BASELINE_TEMPLATE_FILE));
    expect(providerName(stackSet)).to.equal("");
    expect(stackSet.ignoreChanges).to.deep.equal(["administrationRoleArn"]);
    // An update reaches every known account: 1,002 at 25 % -> 250 at once, 5 batches of 5 minutes, times 3.
    expect(stackSet.customTimeouts).to.deep.equal({ update: "75m" });
    // StackSets' Organizations access and trusted access first; every delivery channel is checked against the bucket policy.
    expect(dependsOn(stackSet, find(ORGANIZATIONS_ACCESS_TYPE, "unit-fa-organizations-access"))).to.equal(true);
    expect(dependsOn(stackSet, find("aws:organizations/organization:Organization", "unit-fa-org"))).to.equal(true);
    expect(dependsOn(stackSet, find("aws:s3/bucketPolicy:BucketPolicy", "unit-fa-bucket-policy"))).to.equal(true);
  });

  it("activates StackSets' Organizations access in the home Region after the organization, as a child of the component", async () => {
    await settle();
    const access = find(ORGANIZATIONS_ACCESS_TYPE, "unit-fa-organizations-access");
    expect(access.inputs.region).to.equal("us-east-1");
    expect(dependsOn(access, find("aws:organizations/organization:Organization", "unit-fa-org"))).to.equal(true);
    expect(access.parent).to.match(/orgstrap:baseline:FutureAccounts::unit-fa$/);
  });

  it("passes every template parameter, defaults included, with the settings on and off (no diff on a second up)", async () => {
    await unwrap(excluding.stackSetName);
    await settle();
    const keys = Object.keys(template.Parameters).sort();
    for (const name of ["unit-fa-stack-set", "unit-fax-stack-set"]) {
      expect(Object.keys(find("aws:cloudformation/stackSet:StackSet", name).inputs.parameters as object).sort(), name).to.deep.equal(keys);
    }
    // Off, each account setting carries the template's own default.
    for (const [key, value] of Object.entries(accountSettingsParameters(undefined))) {
      if (key !== "ApplyAccountSettings") expect(String(template.Parameters[key].Default), key).to.equal(value);
    }
  });

  it("deploys one instance per target OU and Region, none per account, each with its own rollout preferences and timeouts", async () => {
    await settle();
    const instances = findAll("aws:cloudformation/stackSetInstance:StackSetInstance", "unit-fa-");
    expect(instances.map((i) => i.name)).to.deep.equal([
      "unit-fa-security-us-east-1",
      "unit-fa-security-eu-west-1",
      "unit-fa-workloads-us-east-1",
      "unit-fa-workloads-eu-west-1",
    ]);
    for (const [ou, region, timeout] of [
      ["security", "us-east-1", "30m"],
      ["workloads", "eu-west-1", "60m"],
    ]) {
      const instance = find("aws:cloudformation/stackSetInstance:StackSetInstance", `unit-fa-${ou}-${region}`);
      // stackSetInstanceRegion only: `region` is its deprecated alias on this resource and the provider refuses both.
      expect(instance.inputs).to.deep.equal({
        stackSetName: "orgstrap-account-baseline",
        stackSetInstanceRegion: region,
        callAs: "SELF",
        deploymentTargets: { organizationalUnitIds: [`ou-exm1-${ou}`] },
        operationPreferences: { maxConcurrentPercentage: 25, failureTolerancePercentage: 10, concurrencyMode: "SOFT_FAILURE_TOLERANCE" },
        retainStack: false,
      });
      expect(instance.customTimeouts).to.deep.equal({ create: timeout, update: timeout, delete: timeout });
      expect(providerName(instance)).to.equal("");
      expect(dependsOn(instance, find("aws:cloudformation/stackSet:StackSet", "unit-fa-stack-set"))).to.equal(true);
      // The provider's id: stack set, OU, Region; one OU per instance, so removing an OU deletes only its accounts' stacks.
      expect(instance.id).to.equal(`orgstrap-account-baseline,ou-exm1-${ou},${region}`);
    }
  });

  it("leaves out accounts that keep their own recorder (DIFFERENCE filter) and takes the rollout from its settings", async () => {
    await settle();
    const instance = find("aws:cloudformation/stackSetInstance:StackSetInstance", "unit-fax-workloads-eu-west-1");
    expect(instance.inputs.deploymentTargets).to.deep.equal({
      organizationalUnitIds: ["ou-exm1-workloads"],
      accountFilterType: "DIFFERENCE",
      accounts: ["200000000009"],
    });
    expect(instance.inputs.operationPreferences).to.deep.equal({
      maxConcurrentPercentage: 50,
      failureTolerancePercentage: 0,
      concurrencyMode: "SOFT_FAILURE_TOLERANCE",
    });
    expect(find("aws:cloudformation/stackSet:StackSet", "unit-fax-stack-set").inputs.operationPreferences).to.deep.equal({
      failureTolerancePercentage: 0,
      maxConcurrentPercentage: 50,
      regionConcurrencyType: "SEQUENTIAL",
    });
    // 1,000 accounts at 50 %: 2 batches of 5 minutes, times 3 is under the provider's 30-minute default, which stays.
    expect(instance.customTimeouts).to.deep.equal({ create: "30m", update: "30m", delete: "30m" });
  });

  it("estimates the rollout per Region: floor(accounts x percentage) at once, at least 1, five minutes a batch", () => {
    expect(rolloutMinutes(10, DEFAULT_ROLLOUT)).to.equal(25); // 2 at a time: 5 batches
    expect(rolloutMinutes(100, DEFAULT_ROLLOUT)).to.equal(20); // 25 at a time: 4 batches
    expect(rolloutMinutes(1000, DEFAULT_ROLLOUT)).to.equal(20); // 250 at a time: 4 batches
    expect(rolloutMinutes(3, DEFAULT_ROLLOUT)).to.equal(15); // 0.75 rounds down to 0, so 1 at a time
    expect(rolloutMinutes(0, DEFAULT_ROLLOUT)).to.equal(STACK_INSTANCE_MINUTES);
    expect(instanceTimeoutMinutes(10, DEFAULT_ROLLOUT)).to.equal(75);
    expect(instanceTimeoutMinutes(1, { ...DEFAULT_ROLLOUT, maxConcurrentPercentage: 100 })).to.equal(30);
  });

  it("knows which accounts in config the StackSet reaches: in or below a target OU, not excluded", () => {
    const ous = [{ key: "security" }, { key: "workloads" }, { key: "prod", parent: "workloads" }, { key: "sandbox", parent: "root" }];
    const accounts = [
      { key: "audit", ou: "security" },
      { key: "app1", ou: "prod" },
      { key: "app2", ou: "prod" },
      { key: "legacy", ou: "prod" },
      { key: "play", ou: "sandbox" },
    ];
    const reach = stackSetReach(ous, accounts, ["security", "workloads"], ["legacy"]);
    expect([...reach.reached].sort()).to.deep.equal(["app1", "app2", "audit"]);
    expect(reach.knownAccounts).to.deep.equal({ security: 1, workloads: 2 });
  });

  it("carries a template that records every resource type, global ones in the home Region only, and delivers to the Config bucket", () => {
    expect(Object.keys(template.Parameters).slice(0, 4)).to.deep.equal(["ConfigBucketName", "HomeRegion", "SnapshotDeliveryFrequency", "RecorderName"]);
    expect(template.Conditions.IsHomeRegion).to.deep.equal({ "Fn::Equals": [{ Ref: "AWS::Region" }, { Ref: "HomeRegion" }] });
    expect(Object.keys(template.Resources)).to.deep.equal([
      "ConfigRecorderRole",
      "ConfigurationRecorder",
      "DeliveryChannel",
      "AccountSettingsRole",
      "AccountSettingsFunction",
      "AccountSettings",
    ]);
    const { ConfigRecorderRole: role, ConfigurationRecorder: recorder, DeliveryChannel: channel } = template.Resources;
    expect(role.Properties.RoleName).to.deep.equal({ "Fn::Sub": "${NamePrefix}-config-recorder-${AWS::Region}" });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).to.deep.equal([
      { Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(role.Properties.ManagedPolicyArns).to.deep.equal([{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole" }]);
    // Delivery with the role happens only to a bucket in the same account (the Log-Archive account's recorders).
    expect(role.Properties.Policies).to.deep.equal([
      {
        PolicyName: "deliver-to-config-bucket",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "s3:PutObject",
              Resource: { "Fn::Sub": "arn:${AWS::Partition}:s3:::${ConfigBucketName}/AWSLogs/${AWS::AccountId}/Config/*" },
              Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
            { Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: { "Fn::Sub": "arn:${AWS::Partition}:s3:::${ConfigBucketName}" } },
          ],
        },
      },
    ]);
    expect(recorder).to.deep.equal({
      Type: "AWS::Config::ConfigurationRecorder",
      Properties: {
        Name: { Ref: "RecorderName" },
        RoleARN: { "Fn::GetAtt": ["ConfigRecorderRole", "Arn"] },
        RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: { "Fn::If": ["IsHomeRegion", true, false] } },
      },
    });
    expect(channel).to.deep.equal({
      Type: "AWS::Config::DeliveryChannel",
      DependsOn: "ConfigurationRecorder",
      Properties: {
        Name: { Ref: "RecorderName" },
        S3BucketName: { Ref: "ConfigBucketName" },
        ConfigSnapshotDeliveryProperties: { DeliveryFrequency: { Ref: "SnapshotDeliveryFrequency" } },
      },
    });
  });

  it("passes the account settings to the template as strings, or turns them off", () => {
    expect(accountSettingsParameters(undefined)).to.deep.equal({
      ApplyAccountSettings: "false",
      MinimumPasswordLength: "14",
      PasswordReusePrevention: "24",
      MaxPasswordAge: "90",
      SecurityContactName: "",
      SecurityContactTitle: "",
      SecurityContactEmail: "",
      SecurityContactPhone: "",
    });
    expect(
      accountSettingsParameters({
        passwordPolicy: { minimumLength: 16, reusePrevention: 12, maxAgeDays: 0 },
        securityContact: { name: "Sec", title: "SecOps", email: "sec@example.com", phone: "+1 555 0100" },
      }),
    ).to.deep.equal({
      ApplyAccountSettings: "true",
      MinimumPasswordLength: "16",
      PasswordReusePrevention: "12",
      MaxPasswordAge: "0",
      SecurityContactName: "Sec",
      SecurityContactTitle: "SecOps",
      SecurityContactEmail: "sec@example.com",
      SecurityContactPhone: "+1 555 0100",
    });
  });

  it("carries the account settings CloudFormation has no resource for through a custom resource: EBS per Region, account-wide ones from the home Region", () => {
    expect(template.Conditions.AppliesAccountSettings).to.deep.equal({ "Fn::Equals": [{ Ref: "ApplyAccountSettings" }, "true"] });
    const { AccountSettingsRole: role, AccountSettingsFunction: fn, AccountSettings: settings } = template.Resources;
    for (const r of [role, fn, settings]) expect(r.Condition).to.equal("AppliesAccountSettings");
    // Global IAM names: one role per Region, as for the recorder.
    expect(role.Properties.RoleName).to.deep.equal({ "Fn::Sub": "${NamePrefix}-account-settings-${AWS::Region}" });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).to.deep.equal([
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(role.Properties.Policies[0].PolicyDocument.Statement).to.deep.equal([
      { Effect: "Allow", Action: ["ec2:EnableEbsEncryptionByDefault", "iam:UpdateAccountPasswordPolicy", "s3:PutAccountPublicAccessBlock"], Resource: "*" },
      { Effect: "Allow", Action: "account:PutAlternateContact", Resource: { "Fn::Sub": "arn:${AWS::Partition}:account::${AWS::AccountId}:account" } },
    ]);
    expect(fn.Properties).to.include({ Runtime: "python3.12", Handler: "index.handler", Timeout: 60 });
    const code: string = fn.Properties.Code.ZipFile;
    // Its behaviour (Create, Update, Delete, every failure answered) is tested in tests/templates/accountSettingsHandler.test.ts.
    expect(code).to.include("def handler(event, context):");
    // The guard against Lambda's timeout fires before it: the function's timeout leaves it room.
    expect(code).to.include("context.get_remaining_time_in_millis() / 1000.0 - 5");
    expect(settings.Type).to.equal("Custom::OrgstrapAccountSettings");
    expect(settings.Properties).to.deep.include({
      ServiceToken: { "Fn::GetAtt": ["AccountSettingsFunction", "Arn"] },
      AccountWide: { "Fn::If": ["IsHomeRegion", "true", "false"] },
      MinimumPasswordLength: { Ref: "MinimumPasswordLength" },
      SecurityContactEmail: { Ref: "SecurityContactEmail" },
    });
  });
});

describe("the fake cloud's StackSet rules (lib/awsRules.ts)", () => {
  const access = "urn:pulumi:dev::orgstrap::orgstrap:baseline:FutureAccounts$pulumi-nodejs:dynamic/cloudformation:OrganizationsAccess::x-organizations-access";
  const org = "urn:pulumi:dev::orgstrap::aws:organizations/organization:Organization::org";
  const stackSet = (inputs: Record<string, unknown>, dependencies: string[]) => ({
    type: "aws:cloudformation/stackSet:StackSet",
    name: "ss",
    inputs,
    dependencies,
  });
  const instance = (inputs: Record<string, unknown>) => ({ type: "aws:cloudformation/stackSetInstance:StackSetInstance", name: "i", inputs });

  it("refuses a service-managed StackSet that does not wait for StackSets' Organizations access, as AWS does", () => {
    const refused = stackSet({ permissionModel: "SERVICE_MANAGED" }, [org]);
    expect(checkAwsRules(refused)).to.deep.equal([
      "AWS-CFN-1: a service-managed StackSet must depend on pulumi-nodejs:dynamic/cloudformation:OrganizationsAccess (StackSets' Organizations access)",
    ]);
    expect(awsRuleError(refused, checkAwsRules(refused))).to.equal(
      'AWS would reject or keep replacing aws:cloudformation/stackSet:StackSet "ss": AWS-CFN-1: a service-managed StackSet must depend on ' +
        "pulumi-nodejs:dynamic/cloudformation:OrganizationsAccess (StackSets' Organizations access) (docs/aws-rules.md)",
    );
    expect(checkAwsRules(stackSet({ permissionModel: "SERVICE_MANAGED" }, [org, access]))).to.deep.equal([]);
    // Self-managed StackSets use their own roles: no Organizations access needed.
    expect(checkAwsRules(stackSet({ permissionModel: "SELF_MANAGED" }, []))).to.deep.equal([]);
  });

  it("refuses a stack instance that sets both region and stackSetInstanceRegion, as the provider does", () => {
    expect(checkAwsRules(instance({ region: "us-east-1", stackSetInstanceRegion: "eu-west-1" }))).to.deep.equal([
      "AWS-CFN-2: region and stackSetInstanceRegion are both set: set stackSetInstanceRegion only (region is its deprecated alias)",
    ]);
    expect(checkAwsRules(instance({ stackSetInstanceRegion: "eu-west-1" }))).to.deep.equal([]);
  });
});
