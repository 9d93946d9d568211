import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { SecurityPosture } from "../../components/securityPosture";
import { accountProvider } from "../helpers/providers";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

describe("SecurityPosture", () => {
  const organization = new organizations.Organization("unit-sh-org", { featureSet: "ALL" });
  const posture = new SecurityPosture("unit-sh", {
    namePrefix: "orgstrap",
    regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
    partition: "aws",
    securityAccountId: "222222222222",
    securityProvider: accountProvider("unit-sh-security", "222222222222"),
    standards: ["aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/3.0.0"],
    rootId: "r-exm1",
    organization,
  });

  it("designates the Security account from the management account in the home Region only (linked Regions inherit it under central configuration), after trusted access, creating no self-managed hub", async () => {
    await unwrap(posture.configurationPolicyId);
    await settle();
    const admins = findAll("aws:securityhub/organizationAdminAccount:OrganizationAdminAccount", "unit-sh-admin");
    expect(admins.map((a) => [a.name, a.inputs.region, a.inputs.adminAccountId, providerName(a), a.deleteBeforeReplace])).to.deep.equal([
      ["unit-sh-admin", "us-east-1", "222222222222", "", true],
    ]);
    for (const admin of admins) expect(dependsOn(admin, find("aws:organizations/organization:Organization", "unit-sh-org"))).to.equal(true);
    // AWS enables Security Hub in the designated account; central configuration manages it everywhere else.
    expect(findAll("aws:securityhub/account:Account", "unit-sh-")).to.deep.equal([]);
  });

  it("aggregates findings into the home Region and configures the organization centrally from there", async () => {
    await settle();
    const aggregator = find("aws:securityhub/findingAggregator:FindingAggregator", "unit-sh-aggregator");
    expect(aggregator.inputs).to.deep.equal({ region: "us-east-1", linkingMode: "SPECIFIED_REGIONS", specifiedRegions: ["eu-west-1", "ap-southeast-2"] });
    expect(dependsOn(aggregator, find("aws:securityhub/organizationAdminAccount:OrganizationAdminAccount", "unit-sh-admin"))).to.equal(true);
    const orgConfig = find("aws:securityhub/organizationConfiguration:OrganizationConfiguration", "unit-sh-org-config");
    expect(orgConfig.inputs).to.deep.equal({
      region: "us-east-1",
      autoEnable: false,
      autoEnableStandards: "NONE",
      organizationConfiguration: { configurationType: "CENTRAL" },
    });
    expect(dependsOn(orgConfig, aggregator)).to.equal(true);
    for (const r of [aggregator, orgConfig]) expect(providerName(r)).to.equal("unit-sh-security");
  });

  it("enables FSBP and CIS through one configuration policy associated with the root", async () => {
    await settle();
    const policy = find("aws:securityhub/configurationPolicy:ConfigurationPolicy", "unit-sh-policy");
    expect(policy.inputs.configurationPolicy).to.deep.equal({
      serviceEnabled: true,
      enabledStandardArns: [
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      ],
      securityControlsConfiguration: {
        disabledControlIdentifiers: [],
        securityControlCustomParameters: [
          { securityControlId: "Config.1", parameters: [{ name: "includeConfigServiceLinkedRoleCheck", valueType: "CUSTOM", bool: { value: false } }] },
        ],
      },
    });
    expect(dependsOn(policy, find("aws:securityhub/organizationConfiguration:OrganizationConfiguration", "unit-sh-org-config"))).to.equal(true);
    const association = find("aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation", "unit-sh-policy-root");
    expect(association.inputs).to.deep.equal({ region: "us-east-1", policyId: await unwrap(posture.configurationPolicyId), targetId: "r-exm1" });
    expect(providerName(association)).to.equal("unit-sh-security");
  });

  it("links no Regions when only the home Region is governed", async () => {
    new SecurityPosture("unit-sh-one", {
      namePrefix: "orgstrap",
      regions: ["eu-central-1"],
      partition: "aws",
      securityAccountId: "222222222222",
      securityProvider: accountProvider("unit-sh-one-security", "222222222222"),
      standards: ["cis-aws-foundations-benchmark/v/3.0.0"],
      rootId: "r-exm1",
      organization,
    });
    await settle();
    expect(find("aws:securityhub/findingAggregator:FindingAggregator", "unit-sh-one-aggregator").inputs).to.deep.equal({
      region: "eu-central-1",
      linkingMode: "NO_REGIONS",
    });
  });
});
