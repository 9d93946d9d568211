import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { Guardrails } from "../../components/guardrails";
import { CatalogPolicy } from "../../lib/policies";
import { dependsOn, find, findAll, settle, unwrap } from "../helpers/mocks";

const leave = {
  Version: "2012-10-17",
  Statement: [{ Sid: "DenyLeaveOrganization", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }],
};
const regions = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyOutsideAllowedRegions",
      Effect: "Deny",
      NotAction: ["iam:*", "sts:*"],
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": ["{{AllowedRegions}}"] }, ArnNotLike: { "aws:PrincipalArn": ["{{ExemptPrincipalArns}}"] } },
    },
  ],
};
const tls = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "EnforceTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } },
  ],
};
const catalog = [
  {
    name: "deny-leave-organization",
    kind: "scp",
    title: "DenyLeaveOrganization",
    description: "Denies leaving the organization. Nobody is exempt.",
    parameters: [],
    document: leave,
  },
  {
    name: "restrict-regions",
    kind: "scp",
    title: "RestrictRegions",
    description: "Denies requests outside the allowed Regions.",
    parameters: ["AllowedRegions", "ExemptPrincipalArns"],
    document: regions,
  },
  {
    name: "enforce-secure-transport",
    kind: "rcp",
    title: "EnforceSecureTransport",
    description: "Denies requests without TLS.",
    parameters: [],
    document: tls,
  },
].map((p) => ({ ...p, file: `/policies/${p.kind}/${p.name}.json` })) as unknown as CatalogPolicy[];

describe("Guardrails", () => {
  const organization = new organizations.Organization("unit-gr-org", { featureSet: "ALL" });
  const guardrails = new Guardrails("unit-gr", {
    catalog,
    parameters: { AllowedRegions: ["us-east-1", "eu-west-1"], ExemptPrincipalArns: ["arn:aws:iam::*:role/Deployer"], LogArchiveBucketPrefix: "x-" },
    attachments: [
      { policy: "deny-leave-organization", targets: ["root"] },
      { policy: "restrict-regions", targets: ["workloads", "sandbox-acct"] },
      { policy: "enforce-secure-transport", targets: ["root"] },
    ],
    targetIds: { root: "r-exm1", workloads: "ou-exm1-workload", "sandbox-acct": "210987654321" },
    organization,
  });

  it("uploads each policy minified, with its parameters rendered, as an SCP or RCP", async () => {
    await unwrap(guardrails.policyIds["restrict-regions"]);
    await settle();
    const leavePolicy = find("aws:organizations/policy:Policy", "unit-gr-deny-leave-organization");
    expect(leavePolicy.inputs).to.deep.equal({
      name: "DenyLeaveOrganization",
      description: "Denies leaving the organization.",
      type: "SERVICE_CONTROL_POLICY",
      content:
        '{"Version":"2012-10-17","Statement":[{"Sid":"DenyLeaveOrganization","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}',
    });
    const regionPolicy = find("aws:organizations/policy:Policy", "unit-gr-restrict-regions");
    expect(JSON.parse(regionPolicy.inputs.content as string).Statement[0].Condition).to.deep.equal({
      StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] },
      ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/Deployer"] },
    });
    expect(regionPolicy.inputs.content).to.not.match(/\s/);
    expect(find("aws:organizations/policy:Policy", "unit-gr-enforce-secure-transport").inputs.type).to.equal("RESOURCE_CONTROL_POLICY");
  });

  it("attaches each policy to the root, OUs and accounts named in config", async () => {
    await settle();
    const ids: Record<string, string> = {};
    for (const [name, id] of Object.entries(guardrails.policyIds)) ids[await unwrap(id)] = name;
    const attachments = findAll("aws:organizations/policyAttachment:PolicyAttachment", "unit-gr-").map((a) => [
      a.name,
      ids[a.inputs.policyId as string],
      a.inputs.targetId,
    ]);
    expect(attachments).to.deep.equal([
      ["unit-gr-deny-leave-organization-root", "deny-leave-organization", "r-exm1"],
      ["unit-gr-restrict-regions-workloads", "restrict-regions", "ou-exm1-workload"],
      ["unit-gr-restrict-regions-sandbox-acct", "restrict-regions", "210987654321"],
      ["unit-gr-enforce-secure-transport-root", "enforce-secure-transport", "r-exm1"],
    ]);
  });

  it("creates policies only after the organization has enabled the policy types", async () => {
    await settle();
    for (const policy of findAll("aws:organizations/policy:Policy", "unit-gr-")) {
      expect(dependsOn(policy, find("aws:organizations/organization:Organization", "unit-gr-org")), policy.name).to.equal(true);
    }
  });

  it("rejects an attachment to an unknown target", () => {
    expect(
      () =>
        new Guardrails("unit-gr-bad", {
          catalog,
          parameters: { AllowedRegions: ["us-east-1"], ExemptPrincipalArns: ["arn:aws:iam::*:role/Deployer"], LogArchiveBucketPrefix: "x-" },
          attachments: [{ policy: "deny-leave-organization", targets: ["staging"] }],
          targetIds: { root: "r-exm1" },
          organization,
        }),
    ).to.throw('unknown guardrail target "staging"');
  });
});
