import { expect } from "chai";
import { Accounts, AccountSpec } from "../../components/accounts";
import { find, providerName, settle, unwrap } from "../helpers/mocks";

const base: Omit<AccountSpec, "key" | "name" | "email"> = {
  ou: "security",
  accessRoleName: "OrganizationAccountAccessRole",
  iamUserAccessToBilling: "ALLOW",
  closeOnDeletion: false,
};

describe("Accounts", () => {
  const accounts = new Accounts("unit-accounts", {
    accounts: [
      { ...base, key: "security", name: "Security", email: "sec@example.com" },
      { ...base, key: "scratch", name: "Scratch", email: "scratch@example.com", ou: "sandbox", closeOnDeletion: true, accessRoleName: "AdminAccess" },
      { ...base, key: "legacy", name: "Legacy", email: "legacy@example.com", importId: "123456789012" },
    ],
    ouIds: { security: "ou-exm1-security", sandbox: "ou-exm1-sandbox" },
    homeRegion: "eu-west-1",
    partition: "aws",
  });

  it("creates accounts in their OU that a destroy or a removal never closes: retained, not protected (so the removal succeeds), closeOnDeletion false", async () => {
    await unwrap(accounts.idsByKey.security);
    await settle();
    const security = find("aws:organizations/account:Account", "unit-accounts-security");
    expect(security.inputs).to.deep.include({
      name: "Security",
      email: "sec@example.com",
      parentId: "ou-exm1-security",
      roleName: "OrganizationAccountAccessRole",
      iamUserAccessToBilling: "ALLOW",
      closeOnDeletion: false,
    });
    expect(security.protect).to.equal(undefined);
    expect(security.retainOnDelete).to.equal(true);
    expect(security.deleteBeforeReplace).to.equal(false);
    expect(security.ignoreChanges).to.deep.equal(["email", "name", "roleName", "iamUserAccessToBilling"]);
  });

  it("lets config opt an account in to being closed on deletion", async () => {
    await settle();
    const scratch = find("aws:organizations/account:Account", "unit-accounts-scratch");
    expect(scratch.inputs.closeOnDeletion).to.equal(true);
    expect(scratch.protect).to.equal(undefined);
    expect(scratch.retainOnDelete).to.equal(false);
  });

  it("adopts an existing account by id", async () => {
    await settle();
    expect(find("aws:organizations/account:Account", "unit-accounts-legacy").importId).to.equal("123456789012");
  });

  it("gives each account a provider that assumes its access role and refuses any other account", async () => {
    const id = await unwrap(accounts.idsByKey.scratch);
    await settle();
    const provider = find("pulumi:providers:aws", "unit-accounts-scratch");
    expect(provider.inputs.region).to.equal("eu-west-1");
    expect(JSON.parse(provider.inputs.assumeRoles as string)).to.deep.equal([{ roleArn: `arn:aws:iam::${id}:role/AdminAccess`, sessionName: "orgstrap" }]);
    expect(JSON.parse(provider.inputs.allowedAccountIds as string)).to.deep.equal([id]);
    expect(accounts.providerFor("scratch").urn).to.not.equal(undefined);
    expect(providerName(provider)).to.equal("");
  });

  it("rejects a provider request for an unknown account key", () => {
    expect(() => accounts.providerFor("nope")).to.throw('no account with key "nope"; known: security, scratch, legacy');
  });
});
