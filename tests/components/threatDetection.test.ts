import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { MANAGED_FEATURES, ThreatDetection } from "../../components/threatDetection";
import { DEFAULT_GUARDDUTY_FEATURES } from "../../lib/config";
import { accountProvider } from "../helpers/providers";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

describe("ThreatDetection", () => {
  const organization = new organizations.Organization("unit-gd-org", { featureSet: "ALL" });
  const td = new ThreatDetection("unit-gd", {
    regions: ["us-east-1", "eu-west-1"],
    securityAccountId: "222222222222",
    securityProvider: accountProvider("unit-gd-security", "222222222222"),
    features: ["S3_DATA_EVENTS", "RUNTIME_MONITORING"],
    securityRoleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
    findingPublishingFrequency: "FIFTEEN_MINUTES",
    organization,
  });

  it("delegates GuardDuty administration to the Security account in every Region, from the management account", async () => {
    await unwrap(td.detectorIds["eu-west-1"]);
    await settle();
    const admins = findAll("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", "unit-gd-admin-");
    expect(admins.map((a) => [a.inputs.region, a.inputs.adminAccountId, providerName(a)])).to.deep.equal([
      ["us-east-1", "222222222222", ""],
      ["eu-west-1", "222222222222", ""],
    ]);
  });

  it("creates the Security account's detector before delegation, then auto-enables every member", async () => {
    await settle();
    for (const region of ["us-east-1", "eu-west-1"]) {
      const detector = find("aws:guardduty/detector:Detector", `unit-gd-detector-${region}`);
      const admin = find("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", `unit-gd-admin-${region}`);
      const config = find("aws:guardduty/organizationConfiguration:OrganizationConfiguration", `unit-gd-org-config-${region}`);
      expect(detector.inputs).to.include({ region, enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" });
      expect(providerName(detector)).to.equal("unit-gd-security");
      expect(dependsOn(admin, detector)).to.equal(true);
      // Delegation needs the organization's trusted access for GuardDuty.
      expect(dependsOn(admin, find("aws:organizations/organization:Organization", "unit-gd-org"))).to.equal(true);
      expect(config.inputs).to.include({ region, autoEnableOrganizationMembers: "ALL", detectorId: await unwrap(td.detectorIds[region]) });
      expect(providerName(config)).to.equal("unit-gd-security");
      expect(dependsOn(config, admin)).to.equal(true);
    }
  });

  it("enables each protection plan for all members, with runtime agents managed", async () => {
    await settle();
    const runtime = find("aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature", "unit-gd-runtime-monitoring-eu-west-1");
    expect(runtime.inputs).to.deep.include({
      name: "RUNTIME_MONITORING",
      autoEnable: "ALL",
      additionalConfigurations: [
        { name: "EKS_ADDON_MANAGEMENT", autoEnable: "ALL" },
        { name: "ECS_FARGATE_AGENT_MANAGEMENT", autoEnable: "ALL" },
        { name: "EC2_AGENT_MANAGEMENT", autoEnable: "ALL" },
      ],
    });
    const s3 = find("aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature", "unit-gd-s3-data-events-us-east-1");
    expect(s3.inputs).to.include({ name: "S3_DATA_EVENTS", autoEnable: "ALL", region: "us-east-1" });
    expect(dependsOn(s3, find("aws:guardduty/organizationConfiguration:OrganizationConfiguration", "unit-gd-org-config-us-east-1"))).to.equal(true);
  });

  it("sets every managed plan explicitly: ALL for the configured ones, NONE for the rest (deleting a feature resource disables nothing)", async () => {
    await settle();
    const features = findAll("aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature", "unit-gd-").filter(
      (r) => r.inputs.region === "us-east-1",
    );
    expect(features.map((f) => [f.inputs.name, f.inputs.autoEnable])).to.deep.equal([
      ["S3_DATA_EVENTS", "ALL"],
      ["EKS_AUDIT_LOGS", "NONE"],
      ["EBS_MALWARE_PROTECTION", "NONE"],
      ["RDS_LOGIN_EVENTS", "NONE"],
      ["LAMBDA_NETWORK_LOGS", "NONE"],
      ["RUNTIME_MONITORING", "ALL"],
    ]);
    expect(MANAGED_FEATURES.map((f) => f.name)).to.deep.equal([...DEFAULT_GUARDDUTY_FEATURES]);
  });

  it("gives the Security account's own detector the same plans (it is no member of the organization)", async () => {
    await settle();
    for (const region of ["us-east-1", "eu-west-1"]) {
      const detectorId = await unwrap(td.detectorIds[region]);
      const own = findAll("aws:guardduty/detectorFeature:DetectorFeature", `unit-gd-detector-`).filter((r) => r.inputs.region === region);
      expect(own.map((f) => [f.inputs.name, f.inputs.status, f.inputs.detectorId, providerName(f)])).to.deep.equal([
        ["S3_DATA_EVENTS", "ENABLED", detectorId, "unit-gd-security"],
        ["EKS_AUDIT_LOGS", "DISABLED", detectorId, "unit-gd-security"],
        ["EBS_MALWARE_PROTECTION", "DISABLED", detectorId, "unit-gd-security"],
        ["RDS_LOGIN_EVENTS", "DISABLED", detectorId, "unit-gd-security"],
        ["LAMBDA_NETWORK_LOGS", "DISABLED", detectorId, "unit-gd-security"],
        ["RUNTIME_MONITORING", "ENABLED", detectorId, "unit-gd-security"],
      ]);
      expect(own[5].inputs.additionalConfigurations).to.deep.equal([
        { name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" },
        { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
        { name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" },
      ]);
    }
  });

  it("releases each Region's organization (auto-enable NONE, members removed) before the administrator is removed", async () => {
    await settle();
    for (const region of ["us-east-1", "eu-west-1"]) {
      const handover = find("pulumi-nodejs:dynamic/orgstrap:GuardDutyHandover", `unit-gd-handover-${region}`);
      expect(handover.inputs).to.deep.include({
        region,
        detectorId: await unwrap(td.detectorIds[region]),
        securityRoleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
        features: MANAGED_FEATURES,
      });
      // Pulumi deletes dependents first: the handover's delete runs before the delegation's and the configuration's.
      expect(dependsOn(handover, find("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", `unit-gd-admin-${region}`))).to.equal(true);
      expect(dependsOn(handover, find("aws:guardduty/organizationConfiguration:OrganizationConfiguration", `unit-gd-org-config-${region}`))).to.equal(true);
    }
  });
});
