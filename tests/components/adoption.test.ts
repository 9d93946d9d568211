// Adopted organization, OUs and accounts: imported by id, protected, and never deleted or closed with the stack.
import { expect } from "chai";
import { Organization } from "../../components/organization";
import { OrganizationalUnits } from "../../components/organizationalUnits";
import { Accounts } from "../../components/accounts";
import { find, settle, unwrap } from "../helpers/mocks";

describe("adoption of an existing organization", () => {
  const org = new Organization("unit-adopt-org", { trustedServices: ["sso.amazonaws.com"], importId: "o-abcdef1234" });
  const ous = new OrganizationalUnits("unit-adopt-ous", {
    rootId: org.rootId,
    units: [
      { key: "workloads", name: "Workloads", importId: "ou-ab12-11111111" },
      { key: "sandbox", name: "Sandbox" },
    ],
  });
  const accounts = new Accounts("unit-adopt-accounts", {
    accounts: [
      {
        key: "legacy",
        name: "Legacy",
        email: "legacy@example.com",
        ou: "workloads",
        accessRoleName: "OrganizationAccountAccessRole",
        iamUserAccessToBilling: "ALLOW",
        closeOnDeletion: false,
        importId: "123456789012",
      },
    ],
    ouIds: ous.idsByKey,
    homeRegion: "us-east-1",
    partition: "aws",
  });

  it("imports the organization by id, protected (so a destroy stops in its preview), not also retained (the engine checks protect first)", async () => {
    expect(await unwrap(org.organizationId)).to.equal("o-abcdef1234");
    await settle();
    const reg = find("aws:organizations/organization:Organization", "unit-adopt-org-organization");
    expect([reg.importId, reg.protect, reg.retainOnDelete]).to.deep.equal(["o-abcdef1234", true, false]);
  });

  it("imports an existing OU and creates a new one, both retained on delete and unprotected", async () => {
    await unwrap(ous.idsByKey.sandbox);
    await settle();
    const adopted = find("aws:organizations/organizationalUnit:OrganizationalUnit", "unit-adopt-ous-workloads");
    const created = find("aws:organizations/organizationalUnit:OrganizationalUnit", "unit-adopt-ous-sandbox");
    expect([adopted.importId, adopted.protect, adopted.retainOnDelete]).to.deep.equal(["ou-ab12-11111111", undefined, true]);
    expect([created.importId, created.protect, created.retainOnDelete]).to.deep.equal(["", undefined, true]);
  });

  it("imports an existing account without closing it or replacing it over inputs AWS cannot read back", async () => {
    await unwrap(accounts.idsByKey.legacy);
    await settle();
    const reg = find("aws:organizations/account:Account", "unit-adopt-accounts-legacy");
    expect([reg.importId, reg.protect, reg.retainOnDelete, reg.inputs.closeOnDeletion]).to.deep.equal(["123456789012", undefined, true, false]);
    expect(reg.ignoreChanges).to.deep.equal(["email", "name", "roleName", "iamUserAccessToBilling"]);
    expect(reg.inputs.parentId).to.equal("ou-ab12-11111111");
  });
});
