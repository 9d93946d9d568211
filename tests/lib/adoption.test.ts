import { expect } from "chai";
import { adoptionPreflight, importCommands } from "../../lib/adoption";
import { ConfigError } from "../../lib/config";
import { exampleConfig, exampleRaw } from "../helpers/stack";

const raw = exampleRaw();
const ous = raw["orgstrap:organizationalUnits"] as Record<string, unknown>[];
const accounts = raw["orgstrap:accounts"] as Record<string, unknown>[];
const adopting = {
  "orgstrap:organization": { importId: "o-abcdef1234" },
  "orgstrap:organizationalUnits": ous.map((o) => (o.key === "workloads" ? { ...o, importId: "ou-ab12-11111111" } : o)),
  "orgstrap:accounts": accounts.map((a) => (a.key === "prod-app" ? { ...a, importId: "123456789012" } : a)),
};

describe("adoptionPreflight", () => {
  it("adopts nothing for a new organization, and lists everything it creates", () => {
    const p = adoptionPreflight(exampleConfig());
    expect(p.adopted).to.deep.equal([]);
    expect(p.created.map((c) => c.name)).to.deep.equal([
      "ous-security-ou", "ous-workloads", "ous-prod", "ous-nonprod", "ous-sandbox", "ous-suspended",
      "accounts-security", "accounts-log-archive", "accounts-prod-app", "accounts-dev-app",
    ]);
  });

  it("lists the organization, OUs and accounts adopted by id, with the logical names the program registers", () => {
    const p = adoptionPreflight(exampleConfig(adopting));
    expect(p.adopted).to.deep.equal([
      { type: "aws:organizations/organization:Organization", name: "org-organization", id: "o-abcdef1234", configPath: "organization" },
      { type: "aws:organizations/organizationalUnit:OrganizationalUnit", name: "ous-workloads", id: "ou-ab12-11111111", configPath: "organizationalUnits[key=workloads]" },
      { type: "aws:organizations/account:Account", name: "accounts-prod-app", id: "123456789012", configPath: "accounts[key=prod-app]" },
    ]);
    expect(p.created.map((c) => c.name)).to.not.include.members(["ous-workloads", "accounts-prod-app"]);
  });

  it("writes the pulumi import command for each, under its component", () => {
    expect(importCommands(adoptionPreflight(exampleConfig(adopting)), "prod")).to.deep.equal([
      "pulumi import aws:organizations/organization:Organization org-organization o-abcdef1234 --parent org=urn:pulumi:prod::orgstrap::orgstrap:org:Organization::org",
      "pulumi import aws:organizations/organizationalUnit:OrganizationalUnit ous-workloads ou-ab12-11111111 --parent ous=urn:pulumi:prod::orgstrap::orgstrap:org:OrganizationalUnits::ous",
      "pulumi import aws:organizations/account:Account accounts-prod-app 123456789012 --parent accounts=urn:pulumi:prod::orgstrap::orgstrap:org:Accounts::accounts",
    ]);
  });

  it("refuses OUs and accounts adopted without the organization they belong to", () => {
    const { ["orgstrap:organization"]: _, ...withoutOrg } = adopting;
    expect(() => exampleConfig(withoutOrg)).to.throw(ConfigError);
    try {
      exampleConfig(withoutOrg);
    } catch (err) {
      expect((err as ConfigError).problems).to.deep.equal([
        "orgstrap:organizationalUnits[1].importId: adopting an existing OU needs organization.importId, the organization it belongs to; set it (see docs/adopting.md) or remove importId",
        "orgstrap:accounts[2].importId: adopting an existing account needs organization.importId, the organization it belongs to; set it (see docs/adopting.md) or remove importId",
      ]);
    }
  });
});
