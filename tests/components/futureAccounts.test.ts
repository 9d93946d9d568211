import { expect } from "chai";
import * as YAML from "yaml";
import * as organizations from "@pulumi/aws/organizations";
import * as s3 from "@pulumi/aws/s3";
import { accountSettingsParameters, BASELINE_TEMPLATE_FILE, FutureAccounts, readTemplate } from "../../components/futureAccounts";
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
    regions: ["us-east-1", "eu-west-1"],
    organizationalUnitIds: ["ou-exm1-security", "ou-exm1-workloads"],
    configBucketName: "example-config-333333333333",
    recorderName: "orgstrap",
    snapshotDeliveryFrequency: "TwentyFour_Hours",
    waitFor: [organization, bucketPolicy],
  };
  const future = new FutureAccounts("unit-fa", { ...args, excludedAccountIds: [] });
  const excluding = new FutureAccounts("unit-fax", { ...args, excludedAccountIds: ["200000000009"] });

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
      parameters: { ConfigBucketName: "example-config-333333333333", HomeRegion: "us-east-1", SnapshotDeliveryFrequency: "TwentyFour_Hours", RecorderName: "orgstrap", ApplyAccountSettings: "false" },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25, regionConcurrencyType: "PARALLEL" },
      managedExecution: { active: true },
    });
    expect(templateBody).to.equal(readTemplate(BASELINE_TEMPLATE_FILE));
    expect(providerName(stackSet)).to.equal("");
    expect(stackSet.ignoreChanges).to.deep.equal(["administrationRoleArn"]);
    // Trusted access for StackSets first; every delivery channel is checked against the bucket policy.
    expect(dependsOn(stackSet, find("aws:organizations/organization:Organization", "unit-fa-org"))).to.equal(true);
    expect(dependsOn(stackSet, find("aws:s3/bucketPolicy:BucketPolicy", "unit-fa-bucket-policy"))).to.equal(true);
  });

  it("deploys to the target OUs in every governed Region: one instance resource per Region, none per account", async () => {
    await settle();
    const instances = findAll("aws:cloudformation/stackSetInstance:StackSetInstance", "unit-fa-");
    expect(instances.map((i) => i.name)).to.deep.equal(["unit-fa-us-east-1", "unit-fa-eu-west-1"]);
    for (const [i, region] of ["us-east-1", "eu-west-1"].entries()) {
      expect(instances[i].inputs).to.deep.equal({
        region: "us-east-1",
        stackSetName: "orgstrap-account-baseline",
        stackSetInstanceRegion: region,
        callAs: "SELF",
        deploymentTargets: { organizationalUnitIds: ["ou-exm1-security", "ou-exm1-workloads"] },
        retainStack: false,
      });
      expect(providerName(instances[i])).to.equal("");
      expect(dependsOn(instances[i], find("aws:cloudformation/stackSet:StackSet", "unit-fa-stack-set"))).to.equal(true);
    }
  });

  it("leaves out accounts that keep their own recorder (DIFFERENCE filter)", async () => {
    await unwrap(excluding.stackSetName);
    await settle();
    expect(find("aws:cloudformation/stackSetInstance:StackSetInstance", "unit-fax-eu-west-1").inputs.deploymentTargets).to.deep.equal({
      organizationalUnitIds: ["ou-exm1-security", "ou-exm1-workloads"],
      accountFilterType: "DIFFERENCE",
      accounts: ["200000000009"],
    });
  });

  it("carries a template that records every resource type, global ones in the home Region only, and delivers to the Config bucket", () => {
    expect(Object.keys(template.Parameters).slice(0, 4)).to.deep.equal(["ConfigBucketName", "HomeRegion", "SnapshotDeliveryFrequency", "RecorderName"]);
    expect(template.Conditions.IsHomeRegion).to.deep.equal({ "Fn::Equals": [{ Ref: "AWS::Region" }, { Ref: "HomeRegion" }] });
    expect(Object.keys(template.Resources)).to.deep.equal(["ConfigRecorderRole", "ConfigurationRecorder", "DeliveryChannel", "AccountSettingsRole", "AccountSettingsFunction", "AccountSettings"]);
    const { ConfigRecorderRole: role, ConfigurationRecorder: recorder, DeliveryChannel: channel } = template.Resources;
    expect(role.Properties.RoleName).to.deep.equal({ "Fn::Sub": "orgstrap-config-recorder-${AWS::Region}" });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).to.deep.equal([{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }]);
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
    expect(accountSettingsParameters(undefined)).to.deep.equal({ ApplyAccountSettings: "false" });
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
    expect(role.Properties.RoleName).to.deep.equal({ "Fn::Sub": "orgstrap-account-settings-${AWS::Region}" });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).to.deep.equal([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    expect(role.Properties.Policies[0].PolicyDocument.Statement).to.deep.equal([
      { Effect: "Allow", Action: ["ec2:EnableEbsEncryptionByDefault", "iam:UpdateAccountPasswordPolicy", "s3:PutAccountPublicAccessBlock"], Resource: "*" },
      { Effect: "Allow", Action: "account:PutAlternateContact", Resource: { "Fn::Sub": "arn:${AWS::Partition}:account::${AWS::AccountId}:account" } },
    ]);
    expect(fn.Properties).to.include({ Runtime: "python3.12", Handler: "index.handler", Timeout: 60 });
    const code: string = fn.Properties.Code.ZipFile;
    // Always answers CloudFormation; applies on Create/Update only, so deleting a stack never weakens an account.
    expect(code).to.include('if event["RequestType"] in ("Create", "Update"):');
    expect(code).to.include("cfnresponse.send(event, context, cfnresponse.FAILED");
    for (const call of ["enable_ebs_encryption_by_default()", "update_account_password_policy(**policy)", "put_public_access_block(", 'AlternateContactType="SECURITY"']) expect(code).to.include(call);
    expect(settings.Type).to.equal("Custom::OrgstrapAccountSettings");
    expect(settings.Properties).to.deep.include({
      ServiceToken: { "Fn::GetAtt": ["AccountSettingsFunction", "Arn"] },
      AccountWide: { "Fn::If": ["IsHomeRegion", "true", "false"] },
      MinimumPasswordLength: { Ref: "MinimumPasswordLength" },
      SecurityContactEmail: { Ref: "SecurityContactEmail" },
    });
  });
});
