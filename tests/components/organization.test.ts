import { expect } from "chai";
import { Organization } from "../../components/organization";
import { DEFAULT_TRUSTED_SERVICES } from "../../lib/config";
import { find, settle, unwrap } from "../helpers/mocks";

describe("Organization", () => {
  it("creates an organization with feature set ALL, trusted access and both policy types, protected", async () => {
    const org = new Organization("unit-org", { trustedServices: DEFAULT_TRUSTED_SERVICES });
    expect(await unwrap(org.rootId)).to.equal("r-exm1");
    expect(await unwrap(org.organizationId)).to.equal("o-exampleorg1");
    expect(await unwrap(org.managementAccountId)).to.equal("111111111111");
    await settle();
    const reg = find("aws:organizations/organization:Organization", "unit-org-organization");
    expect(reg.inputs.featureSet).to.equal("ALL");
    expect(reg.inputs.enabledPolicyTypes).to.deep.equal(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]);
    expect(reg.inputs.awsServiceAccessPrincipals).to.include.members([
      "cloudtrail.amazonaws.com",
      "guardduty.amazonaws.com",
      "securityhub.amazonaws.com",
      "config.amazonaws.com",
      "access-analyzer.amazonaws.com",
      "iam.amazonaws.com",
      "sso.amazonaws.com",
      "account.amazonaws.com",
    ]);
    expect(reg.inputs.awsServiceAccessPrincipals).to.deep.equal([...DEFAULT_TRUSTED_SERVICES].sort());
    expect([reg.protect, reg.retainOnDelete]).to.deep.equal([true, false]);
    expect(reg.parent).to.match(/orgstrap:org:Organization::unit-org$/);
  });

  it("can be left unprotected, and is then retained on delete (a destroy leaves it), and adopts an existing organization by id", async () => {
    new Organization("unit-org-adopt", { trustedServices: ["cloudtrail.amazonaws.com"], protect: false, importId: "o-abcdefghij" });
    await settle();
    const reg = find("aws:organizations/organization:Organization", "unit-org-adopt-organization");
    expect([reg.protect, reg.retainOnDelete]).to.deep.equal([false, true]);
    expect(reg.importId).to.equal("o-abcdefghij");
  });
});
