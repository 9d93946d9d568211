// Issue 8: the stack `orgstrap discover` writes attaches the exempt-role protection with the policies that exempt roles,
// within AWS's per-type quotas, so the config it writes passes the exemption checks.
import { expect } from "chai";
import { parseOrgConfig } from "../../lib/config";
import { readOrganization } from "../../lib/discover/read";
import { discoverStack, ROOT_GUARDRAILS } from "../../lib/discover/stack";
import { loadPolicyCatalog } from "../../lib/policies";
import { CLEAN, MESSY, mockOrganization } from "./fixtures";

describe("orgstrap discover: the guardrails it attaches (issue 8)", () => {
  it("puts protect-exempt-roles on the root before the policies that exempt roles, and the stack it writes is valid", async () => {
    expect(ROOT_GUARDRAILS.indexOf("protect-exempt-roles")).to.be.below(ROOT_GUARDRAILS.indexOf("deny-cloudtrail-tampering"));
    {
      const snap = await readOrganization({ region: "us-east-1", clients: mockOrganization(CLEAN).clients });
      const catalog = loadPolicyCatalog();
      const result = discoverStack(snap, catalog, { discoveredAt: "2026-12-01T00:00:00Z" });
      expect(result.problems).to.deep.equal([]);
      const attachments = (result.config["orgstrap:guardrails"] as { attachments: { policy: string; targets: string[] }[] }).attachments;
      expect(attachments.map((a) => `${a.policy}@${a.targets.join(",")}`)).to.include.members([
        "protect-exempt-roles@root",
        "deny-cloudtrail-tampering@root",
        "protect-security-services@root",
      ]);
      expect(() => parseOrgConfig(result.config, catalog, "Pulumi.adopted.yaml")).to.not.throw();
    }
  });

  it("with one SCP slot left on the root, attaches protect-exempt-roles and leaves out the policies that exempt roles, saying why", async () => {
    // The messy organization with five more SCPs on its root: 9 of AWS's 10 used.
    const crowded = {
      ...MESSY,
      policies: [
        ...MESSY.policies,
        ...[1, 2, 3, 4, 5].map((n) => ({ id: `p-mx99extra${n}`, name: `Extra${n}`, type: "SERVICE_CONTROL_POLICY", awsManaged: false, targets: ["r-mx99"] })),
      ],
    };
    {
      const snap = await readOrganization({ region: "us-east-1", clients: mockOrganization(crowded).clients });
      const catalog = loadPolicyCatalog();
      const result = discoverStack(snap, catalog, { discoveredAt: "2026-12-01T00:00:00Z" });
      const attachments = (result.config["orgstrap:guardrails"] as { attachments: { policy: string; targets: string[] }[] }).attachments;
      expect(attachments.map((a) => a.policy)).to.deep.equal(["protect-exempt-roles", "enforce-secure-transport"]);
      expect(result.findings.find((f) => f.code === "POLICY_SLOTS_FULL")?.message).to.equal(
        "the root has no free policy slot for deny-cloudtrail-tampering, protect-security-services, deny-root-user (AWS allows 10 SCPs and 5 RCPs per target, FullAWSAccess included, " +
          "and a policy that exempts roles needs protect-exempt-roles beside it; attached now: FullAWSAccess, DenyLeaveOrganization, RegionLock, NoIAMUsers, Extra1, Extra2, Extra3, Extra4, Extra5 / none). " +
          "Detach or merge policies, then add them to guardrails.attachments",
      );
      expect(() => parseOrgConfig(result.config, catalog, "Pulumi.crowded.yaml")).to.not.throw();
    }
  });
});
