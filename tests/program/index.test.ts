// The whole program (index.ts) on the committed example stack, Pulumi.dev.yaml.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { byUrn, find, findAll, providerName, registrations, settle, unwrap } from "../helpers/mocks";
import { exampleConfig } from "../helpers/stack";
import { COMPONENT_TYPE, INSTANCE } from "../../lib/naming";

const PINS = path.join(__dirname, "..", "fixtures", "dev-stack-resources.txt");
type Program = typeof import("../../index");

describe("index.ts on Pulumi.dev.yaml", function () {
  let program: Program;
  const cfg = exampleConfig();
  const mine = () => registrations.filter((r) => !r.name.startsWith("unit-"));

  before(async () => {
    // After setup.ts has installed the fake cloud: setMocks must come before the program loads.
    program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await settle();
  });

  it("registers exactly the pinned resources (sorted type and name)", () => {
    const actual = mine()
      .map((r) => `${r.type} ${r.name}`)
      .sort();
    if (process.env.UPDATE_PINS) fs.writeFileSync(PINS, actual.join("\n") + "\n");
    const pinned = fs.readFileSync(PINS, "utf8").trim().split("\n");
    expect(actual).to.deep.equal(pinned);
  });

  it("parents every resource under a component of its concern", () => {
    for (const reg of mine()) {
      if (reg.type.startsWith("orgstrap:")) {
        expect(reg.parent, reg.name).to.equal("");
        continue;
      }
      const parent = byUrn(reg.parent);
      expect(parent?.type, `${reg.type} ${reg.name}`).to.match(/^orgstrap:/);
      expect(reg.name.startsWith(`${parent!.name}-`), reg.name).to.equal(true);
    }
  });

  it("names each component by lib/naming: instance name and type token from one entry, every entry registered", () => {
    const components = mine().filter((r) => !r.custom && r.parent === "");
    const byName = Object.fromEntries(components.map((r) => [r.name, r.type]));
    const expected = Object.fromEntries(Object.entries(INSTANCE).map(([k, name]) => [name, COMPONENT_TYPE[k as keyof typeof INSTANCE]]));
    expect(byName).to.deep.equal(expected);
  });

  it("creates the organization, protected, with SCPs and RCPs enabled", () => {
    const org = find("aws:organizations/organization:Organization", "org-organization");
    expect(org.protect).to.equal(true);
    expect(org.inputs.featureSet).to.equal("ALL");
    expect(org.inputs.enabledPolicyTypes).to.deep.equal(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]);
  });

  it("creates every OU of the config under its parent", async () => {
    const ids = program.organizationalUnitIds;
    const rootId = await unwrap(program.rootId);
    for (const ou of cfg.organizationalUnits) {
      const reg = find("aws:organizations/organizationalUnit:OrganizationalUnit", `ous-${ou.key}`);
      expect(reg.inputs.parentId, ou.key).to.equal(ou.parent ? await unwrap(ids[ou.parent]) : rootId);
      expect(reg.inputs.name).to.equal(ou.name);
    }
  });

  it("creates the security, log-archive and workload accounts: retained, unprotected (removal succeeds), never closed", async () => {
    const accounts = findAll("aws:organizations/account:Account", "accounts-");
    expect(accounts.map((a) => a.name)).to.deep.equal(["accounts-security", "accounts-log-archive", "accounts-prod-app", "accounts-dev-app"]);
    for (const a of accounts) {
      expect([a.protect, a.retainOnDelete, a.inputs.closeOnDeletion], a.name).to.deep.equal([undefined, true, false]);
    }
  });

  it("attaches the SCPs and RCPs per config", async () => {
    const targetId = async (t: string) => (t === "root" ? unwrap(program.rootId) : await unwrap((program.organizationalUnitIds[t] ?? program.accountIds[t])!));
    const expected: string[] = [];
    for (const a of cfg.guardrails.attachments) {
      for (const t of a.targets) expected.push(`${a.policy} -> ${await targetId(t)}`);
    }
    const policyNameById = new Map<string, string>();
    for (const [name, id] of Object.entries(program.policyIds)) policyNameById.set(await unwrap(id), name);
    const actual = findAll("aws:organizations/policyAttachment:PolicyAttachment", "guardrails-").map(
      (att) => `${policyNameById.get(att.inputs.policyId as string)} -> ${att.inputs.targetId}`,
    );
    expect(actual.sort()).to.deep.equal(expected.sort());
  });

  it("writes the organization trail to the Log-Archive bucket, which is created through the Log-Archive provider", async () => {
    const trail = find("aws:cloudtrail/trail:Trail", "audit-trail");
    const bucket = find("aws:s3/bucket:Bucket", "log-archive-bucket");
    const logArchiveId = await unwrap(program.accountIds["log-archive"]);
    expect(bucket.inputs.bucket).to.equal(`example-log-archive-${logArchiveId}`);
    expect(providerName(bucket)).to.equal("accounts-log-archive");
    expect(trail.inputs).to.include({ s3BucketName: bucket.inputs.bucket, isOrganizationTrail: true, isMultiRegionTrail: true, enableLogFileValidation: true });
    expect(trail.inputs.kmsKeyId).to.equal(await unwrap(program.trailKeyArn));
    expect(providerName(trail)).to.equal("");
    const waitsFor = trail.dependencies.map((u) => byUrn(u)?.name);
    expect(waitsFor).to.include.members(["log-archive-bucket-policy", "log-archive-key", "org-organization"]);
  });

  it("delegates GuardDuty to the Security account in every governed Region, Security Hub in the home Region only", async () => {
    const securityId = await unwrap(program.accountIds.security);
    const admins = (type: string) =>
      registrations.filter((r) => r.type === type && !r.name.startsWith("unit-")).map((a) => [a.inputs.region, a.inputs.adminAccountId, providerName(a)]);
    expect(admins("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount")).to.deep.equal(cfg.governedRegions.map((r) => [r, securityId, ""]));
    expect(admins("aws:securityhub/organizationAdminAccount:OrganizationAdminAccount")).to.deep.equal([[cfg.homeRegion, securityId, ""]]);
    for (const region of cfg.governedRegions) {
      expect(providerName(find("aws:guardduty/detector:Detector", `guardduty-detector-${region}`))).to.equal("accounts-security");
    }
  });
});
