// Issue 8: the stack `orgstrap discover` writes attaches the exempt-role protection with the policies that exempt roles,
// within AWS's per-type quotas, so the config it writes passes the exemption checks.
import { expect } from "chai";
import { parseOrgConfig } from "../../lib/config";
import { readOrganization } from "../../lib/discover/read";
import { discoverStack, ROOT_GUARDRAILS } from "../../lib/discover/stack";
import { loadPolicyCatalog } from "../../lib/policies";
import { CLEAN, mockOrganization } from "./fixtures";

describe("orgstrap discover: the guardrails it attaches (issue 8)", () => {
  it("puts protect-exempt-roles on the root before the policies that exempt roles, and the stack it writes is valid", async () => {
    expect(ROOT_GUARDRAILS.indexOf("protect-exempt-roles")).to.be.below(ROOT_GUARDRAILS.indexOf("deny-cloudtrail-tampering"));
    const mocks = mockOrganization(CLEAN);
    try {
      const snap = await readOrganization({ region: "us-east-1", credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }) });
      const catalog = loadPolicyCatalog();
      const result = discoverStack(snap, catalog, { stack: "adopted", discoveredAt: "2026-12-01T00:00:00Z" });
      expect(result.problems).to.deep.equal([]);
      const attachments = (result.config["orgstrap:guardrails"] as { attachments: { policy: string; targets: string[] }[] }).attachments;
      expect(attachments.map((a) => `${a.policy}@${a.targets.join(",")}`)).to.include.members(["protect-exempt-roles@root", "deny-cloudtrail-tampering@root", "protect-security-services@root"]);
      expect(() => parseOrgConfig(result.config, catalog, "Pulumi.adopted.yaml")).to.not.throw();
    } finally {
      mocks.restore();
    }
  });
});
