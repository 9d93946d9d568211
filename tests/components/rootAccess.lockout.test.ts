// Central root access (components/rootAccess.ts) and the deny-root-user SCP (policies/scp/deny-root-user.json) do not
// lock each other out: proved with the project's IAM evaluator on the SCPs the example stack attaches.
import { expect } from "chai";
import { loadPolicyCatalog, renderPolicy } from "../../lib/policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, NamedPolicy, Request } from "../../lib/review/evaluator";
import { ROOT_ACCESS_FEATURES } from "../../components/rootAccess";
import { exampleConfig } from "../helpers/stack";

const ORG = { orgId: "o-exampleorg1", managementAccount: "111111111111" };
const MEMBER = "200000000004";

describe("central root access and the deny-root-user SCP", () => {
  const cfg = exampleConfig();
  const policy = loadPolicyCatalog().find((p) => p.name === "deny-root-user")!;
  const denyRoot: NamedPolicy = { name: "deny-root-user", document: JSON.parse(renderPolicy(policy, cfg.guardrails.parameters)) };
  // The example stack attaches deny-root-user to the root; every level also holds FullAWSAccess.
  const levels: NamedPolicy[][] = [[FULL_AWS_ACCESS, denyRoot], [FULL_AWS_ACCESS], [FULL_AWS_ACCESS]];
  const decide = (req: Request) => evaluateOrgPolicies("scp", levels, req, ORG);

  it("is attached to the root in the example stack, and orgstrap enables both root-access features", () => {
    expect(cfg.guardrails.attachments.find((a) => a.policy === "deny-root-user")?.targets).to.deep.equal(["root"]);
    expect([...ROOT_ACCESS_FEATURES]).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
  });

  it("exempts exactly the sessions that carry aws:AssumedRoot (opened with sts:AssumeRoot)", () => {
    expect((denyRoot.document as { Statement: { Condition: unknown }[] }).Statement.map((s) => s.Condition)).to.deep.equal([
      { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] }, Null: { "aws:AssumedRoot": "true" } },
    ]);
  });

  it("lets the management account open root sessions (SCPs never apply to it)", () => {
    expect(decide({ principal: { kind: "role", account: ORG.managementAccount, name: "OrganizationAdmin" }, action: "sts:AssumeRoot" })).to.deep.equal({
      decision: "allowed",
      reason: "management account: organization policies never apply",
    });
  });

  it("lets a root session in a member do the privileged tasks of central root access", () => {
    // The task policies of AssumeRoot: delete root credentials, unlock a bucket or queue policy.
    for (const action of ["iam:DeleteLoginProfile", "iam:DeleteAccessKey", "iam:DeactivateMFADevice", "s3:DeleteBucketPolicy", "sqs:SetQueueAttributes"]) {
      expect(decide({ principal: { kind: "assumed-root", account: MEMBER }, action }).decision, action).to.equal("allowed");
    }
  });

  it("still denies a member's root user signing in with standing root credentials", () => {
    expect(decide({ principal: { kind: "root", account: MEMBER }, action: "iam:CreateAccessKey" })).to.deep.equal({
      decision: "denied",
      reason: "explicit deny by deny-root-user (DenyRootUser)",
    });
  });
});
