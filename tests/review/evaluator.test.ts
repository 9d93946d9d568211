// The evaluator's semantics that an independent IAM simulator found wrong, each as docs/review.md states it with its source.
import { expect } from "chai";
import { EXAMPLE_ORG, evaluateOrgPolicies, FULL_AWS_ACCESS, NamedPolicy, Request, requestContext, resourceAccount } from "../../lib/review/evaluator";

const MEMBER = "111122223333";
const OTHER_MEMBER = "444455556666";
const MGMT = EXAMPLE_ORG.managementAccount;
const admin = (account = MEMBER) => ({ kind: "role" as const, account, name: "Admin" });
const policy = (statement: object): NamedPolicy => ({ name: "P", document: { Version: "2012-10-17", Statement: [{ Sid: "S", ...statement }] } });
const scp = (statement: object, req: Request) => evaluateOrgPolicies("scp", [[FULL_AWS_ACCESS, policy(statement)]], req);
const rcp = (statement: object, req: Request) => evaluateOrgPolicies("rcp", [[policy(statement)]], req);

describe("evaluator: IP conditions on IPv4 and IPv6", () => {
  const denyIn = (op: string, cidrs: string[]) => ({ Effect: "Deny", Action: "s3:GetObject", Resource: "*", Condition: { [op]: { "aws:SourceIp": cidrs } } });
  const from = (ip: string): Request => ({ principal: admin(), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:SourceIp": ip } });

  for (const [cidr, ip, inside] of [
    ["2001:db8::/32", "2001:db8:0:1::5", true],
    ["2001:db8::/32", "2001:db9::5", false],
    ["2001:DB8:0:0:0:0:0:0/48", "2001:db8::ffff", true],
    ["2001:db8:abcd:12::/64", "2001:db8:abcd:12:ffff:ffff:ffff:ffff", true],
    ["2001:db8:abcd:12::/64", "2001:db8:abcd:13::", false],
    ["::ffff:192.0.2.0/120", "::ffff:192.0.2.77", true],
    ["2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", true],
    ["::/0", "fe80::1", true],
    ["203.0.113.0/24", "203.0.113.9", true],
    ["203.0.113.0/24", "203.0.114.9", false],
    ["0.0.0.0/0", "2001:db8::1", false],
    ["::/0", "203.0.113.9", false],
  ] as const) {
    it(`IpAddress ${cidr} ${inside ? "contains" : "does not contain"} ${ip}; NotIpAddress is its opposite`, () => {
      expect(scp(denyIn("IpAddress", [cidr]), from(ip)).decision).to.equal(inside ? "denied" : "allowed");
      expect(scp(denyIn("NotIpAddress", [cidr]), from(ip)).decision).to.equal(inside ? "allowed" : "denied");
    });
  }

  it("NotIpAddress over a mixed IPv4/IPv6 list lets a caller from either listed range through and denies the rest", () => {
    const st = denyIn("NotIpAddress", ["203.0.113.0/24", "2001:db8::/32"]);
    expect([from("203.0.113.4"), from("2001:db8::4"), from("198.51.100.1"), from("2002::1")].map((r) => scp(st, r).decision)).to.deep.equal([
      "allowed",
      "allowed",
      "denied",
      "denied",
    ]);
  });
});

describe("evaluator: the resource's account for RCPs", () => {
  const denyOutsideOrg = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: "*",
    Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-other00000" } },
  };
  const getObject = (principal: Request["principal"], context?: Request["context"]): Request => ({
    principal,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::member-bucket/key",
    context,
  });

  it("a management-account caller on a member's bucket (aws:ResourceAccount) is subject to the member's RCPs", () => {
    const d = rcp(denyOutsideOrg, getObject(admin(MGMT), { "aws:ResourceAccount": MEMBER }));
    expect(d).to.deep.equal({ decision: "denied", reason: "explicit deny by P (S)" });
  });

  it("a member's caller on the management account's bucket is not: RCPs do not restrict the management account's resources", () => {
    expect(rcp(denyOutsideOrg, getObject(admin(MEMBER), { "aws:ResourceAccount": MGMT }))).to.deep.equal({
      decision: "allowed",
      reason: "management account: organization policies never apply",
    });
  });

  it("the context key is matched case-insensitively, and an S3 ARN alone does not make the caller's account the owner", () => {
    expect(resourceAccount(getObject(admin(MGMT), { "AWS:RESOURCEACCOUNT": MEMBER }))).to.equal(MEMBER);
    expect(resourceAccount(getObject(admin(MGMT)))).to.equal(undefined);
    expect(requestContext(getObject(admin(MGMT))).has("aws:resourceaccount")).to.equal(false);
    expect(rcp(denyOutsideOrg, getObject(admin(MGMT))).decision).to.equal("denied");
  });

  it("an ARN with an account names the owner; a request naming no resource is on the caller's account", () => {
    expect(resourceAccount({ principal: admin(MGMT), action: "kms:Decrypt", resource: `arn:aws:kms:us-east-1:${OTHER_MEMBER}:key/k` })).to.equal(OTHER_MEMBER);
    expect(resourceAccount({ principal: admin(MGMT), action: "s3:ListAllMyBuckets" })).to.equal(MGMT);
  });

  it("SCPs follow the caller: the management account's principals are never restricted, whoever owns the bucket", () => {
    const d = scp({ Effect: "Deny", Action: "s3:*", Resource: "*" }, getObject(admin(MGMT), { "aws:ResourceAccount": MEMBER }));
    expect(d).to.deep.equal({ decision: "allowed", reason: "management account: organization policies never apply" });
  });
});

describe("evaluator: requests no organization policy can stop, and keys that exist only for some principals", () => {
  const denyAll = { Effect: "Deny", Action: "*", Resource: "*" };

  it("sts:GetCallerIdentity is allowed under an explicit deny of everything, by SCP and by RCP", () => {
    const req: Request = { principal: admin(), action: "sts:GetCallerIdentity" };
    const why = { decision: "allowed", reason: "sts:GetCallerIdentity needs no permission; no policy can deny it" };
    expect(scp(denyAll, req)).to.deep.equal(why);
    expect(rcp({ ...denyAll, Principal: "*" }, req)).to.deep.equal(why);
    expect(scp(denyAll, { ...req, action: "sts:GetSessionToken" }).decision).to.equal("denied");
  });

  it("an RCP applies only to services that support RCPs: ec2 and iam pass, s3, sts and kms are denied", () => {
    const d = (action: string) => rcp({ ...denyAll, Principal: "*" }, { principal: admin(), action, resource: "*" });
    expect(d("ec2:RunInstances")).to.deep.equal({ decision: "allowed", reason: "RCPs do not apply to ec2 (not a service that supports RCPs)" });
    expect(d("iam:CreateUser").decision).to.equal("allowed");
    expect(["s3:GetObject", "sts:AssumeRole", "kms:Decrypt"].map((a) => d(a).decision)).to.deep.equal(["denied", "denied", "denied"]);
  });

  it("service-linked roles are restricted by neither SCPs nor RCPs", () => {
    const slr = { kind: "service-linked-role" as const, account: MEMBER, name: "AWSServiceRoleForConfig" };
    const why = { decision: "allowed", reason: "service-linked role: organization policies never apply" };
    expect(scp(denyAll, { principal: slr, action: "config:PutConfigurationRecorder" })).to.deep.equal(why);
    expect(
      rcp({ ...denyAll, Principal: "*" }, { principal: slr, action: "s3:PutObject", resource: "arn:aws:s3:::b/k", context: { "aws:ResourceAccount": MEMBER } }),
    ).to.deep.equal(why);
  });

  it("actions match case-insensitively with * and ?; an explicit deny wins over FullAWSAccess", () => {
    const st = { Effect: "Deny", Action: ["S3:delete?ucket", "iam:*AccessKey*"], Resource: "*" };
    const d = (action: string) => scp(st, { principal: admin(), action }).decision;
    expect([d("s3:DeleteBucket"), d("iam:CreateAccessKey"), d("s3:DeleteBuckets"), d("iam:CreateUser")]).to.deep.equal([
      "denied",
      "denied",
      "allowed",
      "allowed",
    ]);
  });

  it("SCPs apply to every service (ec2 is denied)", () => {
    expect(scp(denyAll, { principal: admin(), action: "ec2:RunInstances" }).decision).to.equal("denied");
  });

  it("aws:username is present for IAM users only: absent for roles and the root user", () => {
    const st = { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*", Condition: { Null: { "aws:username": "false" } } };
    const req = (principal: Request["principal"]): Request => ({ principal, action: "s3:DeleteBucket" });
    expect(requestContext(req({ kind: "user", account: MEMBER, name: "alice" })).get("aws:username")).to.deep.equal(["alice"]);
    expect(
      [req({ kind: "user", account: MEMBER, name: "alice" }), req(admin()), req({ kind: "root", account: MEMBER })].map((r) => scp(st, r).decision),
    ).to.deep.equal(["denied", "allowed", "allowed"]);
  });
});

describe("evaluator: absent keys and policy variables", () => {
  const on = (cond: object, context: Request["context"] = {}) =>
    scp(
      { Effect: "Deny", Action: "s3:GetObject", Resource: "*", Condition: cond },
      { principal: admin(), action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context },
    ).decision;

  it("a key absent from the request: positive operators do not match, negated ones do, IfExists and ForAllValues match, ForAnyValue does not", () => {
    const key = "aws:SourceVpce";
    expect([
      on({ StringEquals: { [key]: "vpce-1" } }),
      on({ StringNotEquals: { [key]: "vpce-1" } }),
      on({ StringNotEqualsIfExists: { [key]: "vpce-1" } }),
      on({ StringEqualsIfExists: { [key]: "vpce-1" } }),
      on({ "ForAllValues:StringEquals": { [key]: "vpce-1" } }),
      on({ "ForAnyValue:StringEquals": { [key]: "vpce-1" } }),
      on({ Null: { [key]: "true" } }),
      on({ Null: { [key]: "false" } }),
    ]).to.deep.equal(["allowed", "denied", "denied", "denied", "denied", "allowed", "denied", "allowed"]);
  });

  it("policy variables expand from the request (with a default when absent); one without a value or default never matches", () => {
    expect(on({ StringNotEquals: { "aws:PrincipalTag/team": "${aws:PrincipalAccount}" } }, { "aws:PrincipalTag/team": MEMBER })).to.equal("allowed");
    expect(on({ StringEquals: { "aws:PrincipalTag/team": "${aws:PrincipalTag/owner, 'ops'}" } }, { "aws:PrincipalTag/team": "ops" })).to.equal("denied");
    expect(on({ StringEquals: { "aws:PrincipalTag/team": "${aws:PrincipalTag/owner}" } }, { "aws:PrincipalTag/team": "" })).to.equal("allowed");
    // ${*} and ${?} are a literal * and ? (IAM policy variables, special characters), in conditions and in Resource.
    expect(on({ StringLike: { "aws:PrincipalTag/team": "a${*}b" } }, { "aws:PrincipalTag/team": "a*b" })).to.equal("denied");
    expect(on({ StringLike: { "aws:PrincipalTag/team": "a${*}b" } }, { "aws:PrincipalTag/team": "aXb" })).to.equal("allowed");
    expect(on({ StringLike: { "aws:PrincipalTag/team": "a${?}*" } }, { "aws:PrincipalTag/team": "a?xyz" })).to.equal("denied");
    expect(on({ StringLike: { "aws:PrincipalTag/team": "a${?}*" } }, { "aws:PrincipalTag/team": "abxyz" })).to.equal("allowed");
    const inResource = (resource: string) =>
      scp({ Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/a${*}b" }, { principal: admin(), action: "s3:GetObject", resource }).decision;
    expect([inResource("arn:aws:s3:::b/a*b"), inResource("arn:aws:s3:::b/aXb")]).to.deep.equal(["denied", "allowed"]);
  });
});
