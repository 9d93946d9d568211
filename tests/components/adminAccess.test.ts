import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { AdminAccess } from "../../components/adminAccess";
import { dependsOn, find, findAll, providerName, registrations, settle, unwrap } from "../helpers/mocks";

const INSTANCE = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
const GROUPS = {
  admins: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b1d",
  readOnly: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b2e",
  securityAudit: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b3f",
};

describe("AdminAccess", () => {
  const organization = new organizations.Organization("unit-adm-org", { featureSet: "ALL" });
  const sso = new AdminAccess("unit-adm-sso", {
    partition: "aws",
    identityCenter: { instanceArn: INSTANCE, region: "eu-west-1", groups: GROUPS },
    sessionDuration: "PT4H",
    accountIds: { security: "222222222222", workload: "333333333333" },
    groupName: "unit-admins",
    organization,
  });
  const iamOnly = new AdminAccess("unit-adm-iam", {
    partition: "aws",
    sessionDuration: "PT4H",
    accountIds: { security: "222222222222" },
    groupName: "unit-admins",
    organization,
  });

  it("creates the three permission sets in the Identity Center Region, each with its AWS managed policy", async () => {
    await unwrap(sso.permissionSetArns.SecurityAudit);
    await settle();
    const sets = findAll("aws:ssoadmin/permissionSet:PermissionSet", "unit-adm-sso-");
    expect(sets.map((s) => [s.name, s.inputs.name, s.inputs.sessionDuration, s.inputs.region, s.inputs.instanceArn, providerName(s)])).to.deep.equal([
      ["unit-adm-sso-administratoraccess", "AdministratorAccess", "PT4H", "eu-west-1", INSTANCE, ""],
      ["unit-adm-sso-readonly", "ReadOnly", "PT4H", "eu-west-1", INSTANCE, ""],
      ["unit-adm-sso-securityaudit", "SecurityAudit", "PT4H", "eu-west-1", INSTANCE, ""],
    ]);
    const policies = findAll("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "unit-adm-sso-");
    expect(policies.map((p) => p.inputs.managedPolicyArn)).to.deep.equal([
      "arn:aws:iam::aws:policy/AdministratorAccess",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::aws:policy/SecurityAudit",
    ]);
    expect(policies[0].inputs.permissionSetArn).to.equal(await unwrap(sso.permissionSetArns.AdministratorAccess));
  });

  it("assigns each group its permission set in every account, after the policy is attached and trusted access is on", async () => {
    await settle();
    const assignments = findAll("aws:ssoadmin/accountAssignment:AccountAssignment", "unit-adm-sso-");
    expect(assignments.map((a) => [a.name, a.inputs.principalType, a.inputs.principalId, a.inputs.targetType, a.inputs.targetId])).to.deep.equal([
      ["unit-adm-sso-administratoraccess-security", "GROUP", GROUPS.admins, "AWS_ACCOUNT", "222222222222"],
      ["unit-adm-sso-administratoraccess-workload", "GROUP", GROUPS.admins, "AWS_ACCOUNT", "333333333333"],
      ["unit-adm-sso-readonly-security", "GROUP", GROUPS.readOnly, "AWS_ACCOUNT", "222222222222"],
      ["unit-adm-sso-readonly-workload", "GROUP", GROUPS.readOnly, "AWS_ACCOUNT", "333333333333"],
      ["unit-adm-sso-securityaudit-security", "GROUP", GROUPS.securityAudit, "AWS_ACCOUNT", "222222222222"],
      ["unit-adm-sso-securityaudit-workload", "GROUP", GROUPS.securityAudit, "AWS_ACCOUNT", "333333333333"],
    ]);
    const ro = find("aws:ssoadmin/accountAssignment:AccountAssignment", "unit-adm-sso-readonly-workload");
    expect(dependsOn(ro, find("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "unit-adm-sso-readonly-policy"))).to.equal(true);
    expect(dependsOn(ro, find("aws:organizations/organization:Organization", "unit-adm-org"))).to.equal(true);
    expect(ro.inputs.region).to.equal("eu-west-1");
    // Identity Center path: no IAM group, no users, no access keys.
    expect(registrations.filter((r) => r.name.startsWith("unit-adm-sso") && r.type.startsWith("aws:iam/"))).to.deep.equal([]);
  });

  it("without Identity Center, creates an admin group whose inline policy denies all but MFA self-management without MFA", async () => {
    await unwrap(iamOnly.adminGroupArn!);
    await settle();
    const group = find("aws:iam/group:Group", "unit-adm-iam-group");
    expect(group.inputs).to.include({ name: "unit-admins", path: "/orgstrap/" });
    expect(providerName(group)).to.equal("");
    expect(find("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "unit-adm-iam-group-admin").inputs).to.deep.include({
      group: "unit-admins",
      policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    const inline = find("aws:iam/groupPolicy:GroupPolicy", "unit-adm-iam-group-require-mfa");
    expect(inline.inputs.name).to.equal("RequireMfa");
    expect(JSON.parse(inline.inputs.policy as string)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyAllExceptListedIfNoMFA",
          Effect: "Deny",
          NotAction: [
            "iam:CreateVirtualMFADevice",
            "iam:EnableMFADevice",
            "iam:GetUser",
            "iam:GetMFADevice",
            "iam:ListMFADevices",
            "iam:ListVirtualMFADevices",
            "iam:ResyncMFADevice",
            "sts:GetSessionToken",
            // The first-sign-in password change must work before the user has MFA (AWS's caveat on its example).
            "iam:ChangePassword",
            "iam:GetAccountPasswordPolicy",
          ],
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ],
    });
    const created = registrations.filter((r) => r.name.startsWith("unit-adm-iam-")).map((r) => r.type);
    expect(created).to.not.include.members(["aws:iam/user:User", "aws:iam/accessKey:AccessKey"]);
    expect(registrations.filter((r) => r.name.startsWith("unit-adm-iam-") && r.type.startsWith("aws:ssoadmin/"))).to.deep.equal([]);
  });
});
