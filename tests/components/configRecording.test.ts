import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import * as s3 from "@pulumi/aws/s3";
import { ConfigRecording } from "../../components/configRecording";
import { accountProvider } from "../helpers/providers";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

describe("ConfigRecording", () => {
  const organization = new organizations.Organization("unit-cr-org", { featureSet: "ALL" });
  const bucketPolicy = new s3.BucketPolicy("unit-cr-bucket-policy", { bucket: "example-config-333333333333", policy: "{}" });
  const args = {
    namePrefix: "orgstrap",
    regions: ["us-east-1", "eu-west-1"],
    partition: "aws",
    securityAccountId: "222222222222",
    securityProvider: accountProvider("unit-cr-security", "222222222222"),
    bucketName: "example-config-333333333333",
    bucketPolicy,
    snapshotDeliveryFrequency: "TwentyFour_Hours",
    organization,
  };
  const recording = new ConfigRecording("unit-cr", { ...args, recordManagementAccount: true });
  const adopted = new ConfigRecording("unit-crx", { ...args, recordManagementAccount: false });

  it("delegates config and config-multiaccountsetup to the Security account from the management account, after trusted access", async () => {
    await unwrap(recording.aggregatorArn);
    await settle();
    const admins = findAll("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "unit-cr-admin-");
    expect(admins.map((a) => [a.inputs.servicePrincipal, a.inputs.accountId, providerName(a)])).to.deep.equal([
      ["config.amazonaws.com", "222222222222", ""],
      ["config-multiaccountsetup.amazonaws.com", "222222222222", ""],
    ]);
    for (const a of admins) expect(dependsOn(a, find("aws:organizations/organization:Organization", "unit-cr-org")), a.name).to.equal(true);
  });

  it("aggregates the organization over every governed Region in the Security account, as delegated admin, through its own role", async () => {
    await settle();
    const aggregator = find("aws:cfg/configurationAggregator:ConfigurationAggregator", "unit-cr-aggregator");
    const role = find("aws:iam/role:Role", "unit-cr-aggregator-role");
    const attachment = find("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "unit-cr-aggregator-role-policy");
    expect(aggregator.inputs).to.deep.equal({
      region: "us-east-1",
      name: "orgstrap-organization",
      organizationAggregationSource: { roleArn: "arn:aws:iam::222222222222:role/orgstrap-config-aggregator", regions: ["us-east-1", "eu-west-1"] },
    });
    expect([providerName(aggregator), providerName(role), providerName(attachment)]).to.deep.equal([
      "unit-cr-security",
      "unit-cr-security",
      "unit-cr-security",
    ]);
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement).to.deep.equal([
      { Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(attachment.inputs).to.deep.equal({
      role: "orgstrap-config-aggregator",
      policyArn: "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations",
    });
    for (const admin of findAll("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "unit-cr-admin-"))
      expect(dependsOn(aggregator, admin)).to.equal(true);
    expect(dependsOn(aggregator, attachment)).to.equal(true);
  });

  it("records in the management account in every Region, global resource types in the home Region only, delivering to the Config bucket", async () => {
    await settle();
    const attachment = find("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "unit-cr-recorder-role-policy");
    expect(attachment.inputs).to.deep.equal({ role: "orgstrap-config-recorder", policyArn: "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole" });
    expect(providerName(find("aws:iam/role:Role", "unit-cr-recorder-role"))).to.equal("");
    for (const region of ["us-east-1", "eu-west-1"]) {
      const recorder = find("aws:cfg/recorder:Recorder", `unit-cr-recorder-${region}`);
      const channel = find("aws:cfg/deliveryChannel:DeliveryChannel", `unit-cr-channel-${region}`);
      const status = find("aws:cfg/recorderStatus:RecorderStatus", `unit-cr-recorder-status-${region}`);
      expect(recorder.inputs).to.deep.equal({
        region,
        name: "orgstrap",
        roleArn: "arn:aws:iam::111111111111:role/orgstrap-config-recorder",
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === "us-east-1" },
      });
      expect(channel.inputs).to.deep.equal({
        region,
        name: "orgstrap",
        s3BucketName: "example-config-333333333333",
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      });
      expect(status.inputs).to.deep.equal({ region, name: "orgstrap", isEnabled: true });
      expect([providerName(recorder), providerName(channel), providerName(status)]).to.deep.equal(["", "", ""]);
      // Order: role policy -> recorder -> channel (after the bucket policy) -> status.
      expect(dependsOn(recorder, attachment)).to.equal(true);
      expect(dependsOn(channel, recorder)).to.equal(true);
      expect(dependsOn(channel, find("aws:s3/bucketPolicy:BucketPolicy", "unit-cr-bucket-policy"))).to.equal(true);
      expect(dependsOn(status, channel)).to.equal(true);
    }
  });

  it("creates no recorder in a management account that keeps its own, but still delegates and aggregates", async () => {
    await unwrap(adopted.aggregatorArn);
    await settle();
    expect(findAll("aws:cfg/recorder:Recorder", "unit-crx-")).to.have.length(0);
    expect(findAll("aws:cfg/deliveryChannel:DeliveryChannel", "unit-crx-")).to.have.length(0);
    expect(findAll("aws:iam/role:Role", "unit-crx-").map((r) => r.name)).to.deep.equal(["unit-crx-aggregator-role"]);
    expect(findAll("aws:cfg/configurationAggregator:ConfigurationAggregator", "unit-crx-")).to.have.length(1);
  });
});
