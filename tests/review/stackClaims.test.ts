// Issue 8: claims are written in terms of the parameters and proven with each stack's own rendering and attachments,
// and the exempt roles are protected from being created, re-trusted or re-permissioned by anyone else.
import { expect } from "chai";
import { CatalogPolicy, concreteClaims, loadPolicyCatalog, renderPolicy } from "../../lib/policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, Request } from "../../lib/review/evaluator";
import { proveClaims } from "../../lib/review/review";
import { locations, proveStackClaims } from "../../lib/review/stack";
import { exampleConfig, exampleRaw } from "../helpers/stack";

const catalog = loadPolicyCatalog();
const byName = (name: string): CatalogPolicy => catalog.find((p) => p.name === name)!;
const claimErrors = (findings: { ruleId: string; path: string; message: string }[]) =>
  findings.filter((f) => f.ruleId === "CLAIM001").map((f) => `${f.path}: ${f.message}`);

describe("claims proven with the stack's own parameters (issue 8 item 5)", () => {
  const dev = exampleConfig();

  it("makes every claim concrete for dev's exempt roles, including a name for the stacksets-exec-* pattern", () => {
    const created = concreteClaims(byName("protect-exempt-roles"), dev.guardrails.parameters).denied.filter(
      (c) => c.request.action === "iam:CreateRole" && c.request.principal.kind === "role",
    );
    expect(created.map((c) => c.request.resource)).to.deep.equal([
      "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole",
      "arn:aws:iam::111122223333:role/BreakGlassAdmin",
      "arn:aws:iam::111122223333:role/stacksets-exec-claim",
    ]);
    const lockout = concreteClaims(byName("deny-cloudtrail-tampering"), dev.guardrails.parameters).allowed.filter((c) => c.exemptRole);
    expect(lockout.map((c) => `${c.request.principal.name} ${c.request.action}`)).to.deep.equal([
      "OrganizationAccountAccessRole cloudtrail:UpdateTrail",
      "BreakGlassAdmin cloudtrail:UpdateTrail",
      "stacksets-exec-claim cloudtrail:UpdateTrail",
      "OrganizationAccountAccessRole cloudtrail:StopLogging",
      "BreakGlassAdmin cloudtrail:StopLogging",
      "stacksets-exec-claim cloudtrail:StopLogging",
    ]);
  });

  it("proves every attached policy's claims with dev's parameters, alone and along every path of dev's organization", () => {
    const isolated = catalog.map((p) => proveClaims(p, dev.guardrails.parameters));
    return Promise.all(isolated).then((results) => {
      expect(claimErrors(results.flat())).to.deep.equal([]);
      expect(claimErrors(proveStackClaims(catalog, dev, "Pulumi.dev.yaml"))).to.deep.equal([]);
    });
  });

  it("proves them for another stack's names too: its prefix, Regions and exempt roles", async () => {
    const other = exampleConfig({
      "orgstrap:namePrefix": "acme",
      "orgstrap:governedRegions": ["us-east-1", "ap-southeast-2"],
      "orgstrap:guardrails": { ...(exampleRaw()["orgstrap:guardrails"] as object), exemptRoleNames: ["OrganizationAccountAccessRole", "Responder"] },
    });
    const params = other.guardrails.parameters;
    const results = await Promise.all(catalog.map((p) => proveClaims(p, params)));
    expect(claimErrors(results.flat())).to.deep.equal([]);
    expect(claimErrors(proveStackClaims(catalog, other, "Pulumi.acme.yaml"))).to.deep.equal([]);
    // ap-southeast-2 is allowed here, so "outside the allowed Regions" is another Region, and the bucket is acme's.
    const regions = concreteClaims(byName("restrict-regions"), params).denied.map((c) => c.request.region);
    expect(new Set(regions)).to.deep.equal(new Set(["sa-east-1"]));
    const buckets = concreteClaims(byName("protect-security-services"), params)
      .denied.map((c) => c.request.resource ?? "")
      .filter((r) => r.startsWith("arn:aws:s3"));
    expect(
      buckets.every((b) => b.startsWith("arn:aws:s3:::acme-log-archive-") || b.startsWith("arn:aws:s3:::acme-config-")),
      buckets.join(),
    ).to.equal(true);
  });

  it("catches a document that protects a name the stack does not use, which the example parameters would pass", async () => {
    // The bug class of issue 8 item 5: the bucket hard-coded with the example prefix, the claim in terms of the parameter.
    const policy = byName("protect-security-services");
    const doc = JSON.parse(JSON.stringify(policy.document).replace(/\{\{LogArchiveBucketPrefix\}\}/g, "orgstrap-log-archive-"));
    const hardCoded: CatalogPolicy = { ...policy, document: doc, parameters: policy.parameters.filter((p) => p !== "LogArchiveBucketPrefix") };
    expect(claimErrors(await proveClaims(hardCoded))).to.deep.equal([]);
    expect(claimErrors(await proveClaims(hardCoded, dev.guardrails.parameters))).to.deep.equal([
      'protect-security-services.claims.denied[4]: protect-security-services: "an admin role deleting the log-archive bucket policy" should be denied but is allowed for role/Admin in 111122223333: s3:DeleteBucketPolicy on arn:aws:s3:::example-log-archive-444455556666 (allowed at every level, no explicit deny)',
      'protect-security-services.claims.denied[5]: protect-security-services: "an admin role deleting a log object" should be denied but is allowed for role/Admin in 111122223333: s3:DeleteObject on arn:aws:s3:::example-log-archive-444455556666/AWSLogs/o-exm1/111122223333/CloudTrail/x.json.gz (allowed at every level, no explicit deny)',
    ]);
  });

  it("lists the root, every OU and every account of dev as places a member account can sit", () => {
    expect(locations(dev).map((l) => `${l.label}: ${l.targets.join(">")}`)).to.deep.equal([
      "a new account in Root: root",
      "a new account in Root / Security: root>security-ou",
      "a new account in Root / Workloads: root>workloads",
      "a new account in Root / Workloads / Prod: root>workloads>prod",
      "a new account in Root / Workloads / NonProd: root>workloads>nonprod",
      "a new account in Root / Sandbox: root>sandbox",
      "a new account in Root / Suspended: root>suspended",
      "account security (Root / Security): root>security-ou>security",
      "account log-archive (Root / Security): root>security-ou>log-archive",
      "account prod-app (Root / Workloads / Prod): root>workloads>prod>prod-app",
      "account dev-app (Root / Workloads / NonProd): root>workloads>nonprod>dev-app",
    ]);
  });

  it("finds an exempt role locked out by another guardrail on the path, naming where (the policy alone is fine)", () => {
    // deny-leave-organization, on the root, made to deny what deny-all promises the exempt roles in Suspended.
    const leave = byName("deny-leave-organization");
    const widened: CatalogPolicy = {
      ...leave,
      document: {
        Version: "2012-10-17",
        Statement: [{ Sid: "Leave", Effect: "Deny", Action: ["organizations:LeaveOrganization", "ec2:TerminateInstances"], Resource: "*" }],
      },
    };
    const mutated = catalog.map((p) => (p.name === leave.name ? widened : p));
    const errors = claimErrors(proveStackClaims(mutated, dev, "Pulumi.dev.yaml"));
    expect(errors).to.deep.equal(
      ["OrganizationAccountAccessRole", "BreakGlassAdmin", "stacksets-exec-claim"].map(
        (role) =>
          `deny-all.claims.allowed[0]: deny-all: "every exempt role is never locked out (ec2:TerminateInstances)" should be allowed but is not for role/${role} in 111122223333: ec2:TerminateInstances on * in a new account in Root / Suspended with everything Pulumi.dev.yaml attaches there (explicit deny by DenyLeaveOrganization (Leave))`,
      ),
    );
  });
});

describe("protect-exempt-roles as Pulumi.dev.yaml renders it (issue 8 item 1)", () => {
  const dev = exampleConfig();
  const policy = byName("protect-exempt-roles");
  const document = JSON.parse(renderPolicy(policy, dev.guardrails.parameters));
  const decide = (principal: Request["principal"], action: string, role: string) =>
    evaluateOrgPolicies("scp", [[FULL_AWS_ACCESS, { name: policy.title, document }]], { principal, action, resource: `arn:aws:iam::222233334444:role/${role}` })
      .decision;
  const admin = { kind: "role" as const, account: "222233334444", name: "Admin" };

  it("protects exactly the roles the other guardrails exempt, by the same ARN patterns", () => {
    expect(document.Statement[0].Resource).to.deep.equal(dev.guardrails.exemptPrincipalArns);
    expect(document.Statement[0].Condition).to.deep.equal({ ArnNotLike: { "aws:PrincipalArn": dev.guardrails.exemptPrincipalArns } });
  });

  for (const action of [
    "iam:CreateRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:AttachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePermissionsBoundary",
    "iam:TagRole",
    "iam:PassRole",
  ]) {
    it(`denies a member admin ${action} on BreakGlassAdmin and stacksets-exec-anything, allows it on app roles and to the exempt roles`, () => {
      expect([
        decide(admin, action, "BreakGlassAdmin"),
        decide(admin, action, "stacksets-exec-anything"),
        decide(admin, action, "app-role"),
        decide({ ...admin, name: "OrganizationAccountAccessRole" }, action, "BreakGlassAdmin"),
        decide(
          { kind: "service-linked-role", account: "222233334444", name: "AWSServiceRoleForCloudFormationStackSetsOrgMember" },
          action,
          "stacksets-exec-anything",
        ),
      ]).to.deep.equal(["denied", "denied", "allowed", "allowed", "allowed"]);
    });
  }
});
