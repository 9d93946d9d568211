import { expect } from "chai";
import { Accounts, AccountSpec } from "../../components/accounts";
import { REPLACE_RULES } from "../../lib/replaceRules";
import { find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

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

  it("gives an account it is asked for a provider that assumes its access role, behind a readiness step, and refuses any other account", async () => {
    const id = await unwrap(accounts.idsByKey.scratch);
    const provider = accounts.providerFor("scratch");
    expect(accounts.providerFor("scratch")).to.equal(provider);
    await settle();
    const account = find("aws:organizations/account:Account", "unit-accounts-scratch");
    const ready = find("pulumi-nodejs:dynamic/orgstrap:AccountReadiness", "unit-accounts-scratch-ready");
    expect(ready.inputs).to.deep.include({ accountId: id, roleArn: `arn:aws:iam::${id}:role/AdminAccess`, region: "eu-west-1" });
    expect(typeof ready.inputs.__provider).to.equal("string");
    expect(providerName(ready)).to.equal("");
    const reg = find("pulumi:providers:aws", "unit-accounts-scratch");
    expect(reg.inputs.region).to.equal("eu-west-1");
    expect(JSON.parse(reg.inputs.assumeRoles as string)).to.deep.equal([{ roleArn: `arn:aws:iam::${id}:role/AdminAccess`, sessionName: "orgstrap" }]);
    expect(JSON.parse(reg.inputs.allowedAccountIds as string)).to.deep.equal([id]);
    // account -> readiness -> provider: nothing in the account is created before its role can be assumed.
    expect(ready.dependencies).to.include(account.urn);
    expect(reg.dependencies).to.include(ready.urn);
    expect(reg.dependencies).to.not.include(account.urn);
  });

  it("creates no provider and no readiness step for an account nothing is deployed into", async () => {
    await settle();
    expect(findAll("pulumi:providers:aws", "unit-accounts-security").concat(findAll("pulumi:providers:aws", "unit-accounts-legacy"))).to.deep.equal([]);
    expect(findAll("pulumi-nodejs:dynamic/orgstrap:AccountReadiness", "unit-accounts-security")).to.deep.equal([]);
  });

  it("rejects a provider request for an unknown account key", () => {
    expect(() => accounts.providerFor("nope")).to.throw('no account with key "nope"; known: security, scratch, legacy');
  });

  it("no edit of any account config field (but the key) forces a replacement: every changed replace-forcing input is ignored", async () => {
    const before: AccountSpec = {
      key: "edit",
      name: "Before",
      email: "before@example.com",
      ou: "a",
      accessRoleName: "RoleA",
      iamUserAccessToBilling: "ALLOW",
      closeOnDeletion: false,
    };
    const after: AccountSpec = {
      key: "edit",
      name: "After",
      email: "after@example.com",
      ou: "b",
      accessRoleName: "RoleB",
      iamUserAccessToBilling: "DENY",
      closeOnDeletion: true,
      importId: "123456789012",
    };
    // Every field of AccountSpec differs between the two (the key names the resource, so it stays).
    expect(
      Object.keys(after).filter((k) => k !== "key" && JSON.stringify(after[k as keyof AccountSpec]) === JSON.stringify(before[k as keyof AccountSpec])),
    ).to.deep.equal([]);
    const ouIds = { a: "ou-exm1-aaaaaaaa", b: "ou-exm1-bbbbbbbb" };
    new Accounts("unit-edit-before", { accounts: [before], ouIds, homeRegion: "eu-west-1", partition: "aws" });
    new Accounts("unit-edit-after", { accounts: [after], ouIds, homeRegion: "eu-west-1", partition: "aws" });
    await settle();
    const a = find("aws:organizations/account:Account", "unit-edit-before-edit");
    const b = find("aws:organizations/account:Account", "unit-edit-after-edit");
    const changed = Object.keys({ ...a.inputs, ...b.inputs }).filter((k) => JSON.stringify(a.inputs[k]) !== JSON.stringify(b.inputs[k]));
    expect(changed.sort()).to.deep.equal(["closeOnDeletion", "email", "iamUserAccessToBilling", "name", "parentId", "roleName"]);
    const forceNew = REPLACE_RULES["aws:organizations/account:Account"].forceNew;
    const replacing = changed.filter((k) => forceNew.includes(k) && !b.ignoreChanges.includes(k));
    expect(replacing).to.deep.equal([]);
    // What does change in place: the OU (MoveAccount) and what a later deletion does.
    expect(changed.filter((k) => !forceNew.includes(k)).sort()).to.deep.equal(["closeOnDeletion", "parentId"]);
  });
});
