import { expect } from "chai";
import { requireTlsOnly, tlsOnlyStatement } from "../../components/secureBucket";

const ARN = "arn:aws:s3:::example-bucket";

describe("secureBucket's TLS-only policy", () => {
  it("denies every request without TLS, on the bucket and its objects", () => {
    expect(tlsOnlyStatement(ARN)).to.deep.equal({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [ARN, `${ARN}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("passes a policy that opens with it unchanged", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [tlsOnlyStatement(ARN), { Sid: "Other", Effect: "Allow" }] });
    expect(requireTlsOnly(policy, ARN)).to.equal(policy);
  });

  for (const [why, statements] of [
    ["no statement", []],
    ["the TLS statement second", [{ Sid: "Other" }, tlsOnlyStatement(ARN)]],
    ["the TLS statement of another bucket", [tlsOnlyStatement("arn:aws:s3:::other")]],
    ["objects left out", [{ ...tlsOnlyStatement(ARN), Resource: [ARN] }]],
  ] as const) {
    it(`refuses a policy with ${why}, naming the bucket`, () => {
      const policy = JSON.stringify({ Version: "2012-10-17", Statement: statements });
      expect(() => requireTlsOnly(policy, ARN)).to.throw(
        "the policy of arn:aws:s3:::example-bucket must open with the TLS-only statement (DenyInsecureTransport on the bucket and its objects)",
      );
    });
  }
});
