import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { AccountBaseline } from "../../components/accountBaseline";
import { accountProvider } from "../helpers/providers";
import { dependsOn, find, findAll, providerName, registrations, settle } from "../helpers/mocks";

const CONTACT = { name: "Security Team", title: "Security Operations", email: "aws-security-contact@example.com", phone: "+1 555 0100" };

describe("AccountBaseline", () => {
  const organization = new organizations.Organization("unit-ab-org", { featureSet: "ALL" });
  new AccountBaseline("unit-ab", {
    accounts: [{ key: "management" }, { key: "prod-app", accountId: "200000000004", provider: accountProvider("unit-ab-prod-app", "200000000004") }],
    regions: ["us-east-1", "eu-west-1"],
    passwordPolicy: { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 },
    securityContact: CONTACT,
    organization,
  });
  new AccountBaseline("unit-abn", {
    accounts: [{ key: "management" }],
    regions: ["us-east-1"],
    passwordPolicy: { minimumLength: 16, reusePrevention: 5, maxAgeDays: 0 },
    securityContact: CONTACT,
    organization,
  });

  it("creates a handful of resources per account plus one per Region: linear in accounts", async () => {
    await settle();
    const children = registrations.filter(
      (r) => r.custom && r.name.startsWith("unit-ab-") && r.type !== "pulumi:providers:aws" && r.type !== "aws:organizations/organization:Organization",
    );
    const perAccount = (key: string) =>
      children
        .filter((r) => r.name.startsWith(`unit-ab-${key}-`))
        .map((r) => r.name)
        .sort();
    expect(perAccount("prod-app")).to.deep.equal([
      "unit-ab-prod-app-ebs-encryption-eu-west-1",
      "unit-ab-prod-app-ebs-encryption-us-east-1",
      "unit-ab-prod-app-password-policy",
      "unit-ab-prod-app-s3-public-access-block",
      "unit-ab-prod-app-security-contact",
    ]);
    expect(perAccount("management")).to.have.length(5);
    expect(children).to.have.length(10);
  });

  it("retains every setting on delete, so leaving orgstrap never weakens an account", async () => {
    await settle();
    const settings = /^aws:(iam\/accountPasswordPolicy|s3\/accountPublicAccessBlock|ebs\/encryptionByDefault|account\/alternativeContact):/;
    const mine = registrations.filter((r) => settings.test(r.type) && r.name.startsWith("unit-ab-"));
    expect(mine).to.have.length(2 * (3 + 2));
    expect(mine.filter((r) => r.retainOnDelete !== true).map((r) => r.name)).to.deep.equal([]);
  });

  it("sets a CIS-strength password policy inside each account (length >= 14, every character class, reuse prevention, expiry)", async () => {
    await settle();
    for (const [key, provider] of [
      ["prod-app", "unit-ab-prod-app"],
      ["management", ""],
    ]) {
      const policy = find("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", `unit-ab-${key}-password-policy`);
      expect(policy.inputs).to.deep.equal({
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
      expect(providerName(policy), key).to.equal(provider);
    }
  });

  it("omits the expiry when passwords never expire (maxAgeDays 0)", async () => {
    await settle();
    const policy = find("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "unit-abn-management-password-policy");
    expect(policy.inputs).to.include({ minimumPasswordLength: 16, passwordReusePrevention: 5 });
    expect(policy.inputs).to.not.have.property("maxPasswordAge");
  });

  it("blocks S3 public access account-wide and turns on EBS encryption by default in every governed Region, inside the account", async () => {
    await settle();
    const block = find("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "unit-ab-prod-app-s3-public-access-block");
    expect(block.inputs).to.deep.equal({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(providerName(block)).to.equal("unit-ab-prod-app");
    const ebs = findAll("aws:ebs/encryptionByDefault:EncryptionByDefault", "unit-ab-prod-app-");
    expect(ebs.map((r) => [r.inputs, providerName(r)])).to.deep.equal([
      [{ region: "us-east-1", enabled: true }, "unit-ab-prod-app"],
      [{ region: "eu-west-1", enabled: true }, "unit-ab-prod-app"],
    ]);
  });

  it("sets the SECURITY alternate contact from the management account: members by id after trusted access, the management account without one", async () => {
    await settle();
    const member = find("aws:account/alternativeContact:AlternativeContact", "unit-ab-prod-app-security-contact");
    expect(member.inputs).to.deep.equal({
      accountId: "200000000004",
      alternateContactType: "SECURITY",
      name: "Security Team",
      title: "Security Operations",
      emailAddress: "aws-security-contact@example.com",
      phoneNumber: "+1 555 0100",
    });
    expect(providerName(member)).to.equal("");
    expect(dependsOn(member, find("aws:organizations/organization:Organization", "unit-ab-org"))).to.equal(true);
    const own = find("aws:account/alternativeContact:AlternativeContact", "unit-ab-management-security-contact");
    expect(own.inputs).to.not.have.property("accountId");
    expect(own.inputs).to.include({ alternateContactType: "SECURITY", emailAddress: "aws-security-contact@example.com" });
    expect(providerName(own)).to.equal("");
  });
});
