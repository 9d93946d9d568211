import { expect } from "chai";
import { mockClient } from "aws-sdk-client-mock";
import { ActivateOrganizationsAccessCommand, CloudFormationClient, DescribeOrganizationsAccessCommand } from "@aws-sdk/client-cloudformation";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/aws/organizations";
import { ORGANIZATIONS_ACCESS_ID, ORGANIZATIONS_ACCESS_TYPE, OrganizationsAccess, organizationsAccessProvider } from "../../components/organizationsAccess";
import { dependsOn, find, settle, unwrap } from "../helpers/mocks";

// The module @pulumi/pulumi's dynamic-provider host loads providers with (a dependency of @pulumi/pulumi, untyped).
const requireFromString = require("require-from-string") as (code: string, filename: string) => { handler(): unknown };

/** Every method is defined. */
const provider = organizationsAccessProvider as Required<typeof organizationsAccessProvider>;

describe("OrganizationsAccess (StackSets' trusted access, a dynamic provider on the CloudFormation API)", () => {
  const cfn = mockClient(CloudFormationClient);
  afterEach(() => cfn.reset());
  after(() => cfn.restore());

  /** The commands the provider sent, by name, in order. */
  const sent = () => cfn.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);

  it("activates access when it is off and reads it back", async () => {
    cfn.on(DescribeOrganizationsAccessCommand).resolvesOnce({ Status: "DISABLED" }).resolves({ Status: "ENABLED" });
    cfn.on(ActivateOrganizationsAccessCommand).resolves({});
    const result = await provider.create({ region: "eu-west-1" });
    expect(result).to.deep.equal({ id: ORGANIZATIONS_ACCESS_ID, outs: { region: "eu-west-1", status: "ENABLED" } });
    expect(sent()).to.deep.equal(["DescribeOrganizationsAccessCommand", "ActivateOrganizationsAccessCommand", "DescribeOrganizationsAccessCommand"]);
    expect(cfn.commandCalls(DescribeOrganizationsAccessCommand)[0].args[0].input).to.deep.equal({ CallAs: "SELF" });
    expect(await cfn.call(0).thisValue.config.region()).to.equal("eu-west-1");
  });

  it("is idempotent: access already on (Control Tower, the console, an earlier stack) is left alone", async () => {
    cfn.on(DescribeOrganizationsAccessCommand).resolves({ Status: "ENABLED" });
    const result = await provider.create({ region: "us-east-1" });
    expect(result.outs).to.deep.equal({ region: "us-east-1", status: "ENABLED" });
    expect(sent()).to.deep.equal(["DescribeOrganizationsAccessCommand"]);
  });

  it("fails with the status and the rule when activation does not take", async () => {
    cfn.on(DescribeOrganizationsAccessCommand).resolves({ Status: "DISABLED_PERMANENTLY" });
    cfn.on(ActivateOrganizationsAccessCommand).resolves({});
    let error: Error | undefined;
    await provider.create({ region: "us-east-1" }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal(
      "CloudFormation ActivateOrganizationsAccess in us-east-1 left StackSets' Organizations access DISABLED_PERMANENTLY, not ENABLED; " +
        "service-managed StackSets cannot be created until it is (run it from the management account)",
    );
  });

  it("passes AWS's own error through (e.g. not the management account)", async () => {
    cfn.on(DescribeOrganizationsAccessCommand).resolves({ Status: "DISABLED" });
    cfn.on(ActivateOrganizationsAccessCommand).rejects(new Error("InvalidOperation: not the management account"));
    let error: Error | undefined;
    await provider.create({ region: "us-east-1" }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal("InvalidOperation: not the management account");
  });

  it("reads the live status, so a refresh sees access turned off and the next up turns it back on", async () => {
    cfn.on(DescribeOrganizationsAccessCommand).resolves({ Status: "DISABLED" });
    const read = await provider.read(ORGANIZATIONS_ACCESS_ID, { region: "us-east-1", status: "ENABLED" });
    expect(read).to.deep.equal({ id: ORGANIZATIONS_ACCESS_ID, props: { region: "us-east-1", status: "DISABLED" } });
    expect((await provider.diff(ORGANIZATIONS_ACCESS_ID, { region: "us-east-1", status: "DISABLED" }, { region: "us-east-1" })).changes).to.equal(true);
    cfn.reset();
    cfn.on(DescribeOrganizationsAccessCommand).resolvesOnce({ Status: "DISABLED" }).resolves({ Status: "ENABLED" });
    cfn.on(ActivateOrganizationsAccessCommand).resolves({});
    expect(await provider.update(ORGANIZATIONS_ACCESS_ID, { region: "us-east-1", status: "DISABLED" }, { region: "us-east-1" })).to.deep.equal({
      outs: { region: "us-east-1", status: "ENABLED" },
    });
  });

  it("shows no diff on a second up (access on, same Region) and never replaces", async () => {
    const same = await provider.diff(ORGANIZATIONS_ACCESS_ID, { region: "us-east-1", status: "ENABLED" }, { region: "us-east-1" });
    expect(same).to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
    const moved = await provider.diff(ORGANIZATIONS_ACCESS_ID, { region: "us-east-1", status: "ENABLED" }, { region: "eu-west-1" });
    expect(moved).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("leaves access on when deleted: other service-managed StackSets (Control Tower's among them) depend on it", async () => {
    await provider.delete(ORGANIZATIONS_ACCESS_ID, { region: "us-east-1", status: "ENABLED" });
    expect(sent()).to.deep.equal([]);
  });

  it("runs as the engine's dynamic-provider host loads it: serialized by Pulumi, required from the string, SDK loaded there", async () => {
    // What dynamic.Resource stores in __provider, and what @pulumi/pulumi's cmd/dynamic-provider does with it.
    const serialized = await pulumi.runtime.serializeFunction(() => organizationsAccessProvider, { allowSecrets: true });
    const hosted = requireFromString(serialized.text, path.join(__dirname, "host.js")).handler() as typeof provider;
    cfn.on(DescribeOrganizationsAccessCommand).resolvesOnce({ Status: "DISABLED" }).resolves({ Status: "ENABLED" });
    cfn.on(ActivateOrganizationsAccessCommand).resolves({});
    expect(await hosted.create({ region: "us-east-1" })).to.deep.equal({ id: ORGANIZATIONS_ACCESS_ID, outs: { region: "us-east-1", status: "ENABLED" } });
    expect(sent()).to.deep.equal(["DescribeOrganizationsAccessCommand", "ActivateOrganizationsAccessCommand", "DescribeOrganizationsAccessCommand"]);
  });

  it("registers as its own dynamic type, waiting for the organization", async () => {
    const organization = new organizations.Organization("unit-oa-org", { featureSet: "ALL" });
    const access = new OrganizationsAccess("unit-oa", { region: "us-east-1" }, { dependsOn: [organization] });
    expect(await unwrap(access.id)).to.equal(ORGANIZATIONS_ACCESS_ID);
    expect(await unwrap(access.status)).to.equal("ENABLED");
    await settle();
    const reg = find(ORGANIZATIONS_ACCESS_TYPE, "unit-oa");
    expect(reg.type).to.equal("pulumi-nodejs:dynamic/cloudformation:OrganizationsAccess");
    expect(reg.inputs.region).to.equal("us-east-1");
    expect(reg.inputs.__provider).to.be.a("string");
    expect(dependsOn(reg, find("aws:organizations/organization:Organization", "unit-oa-org"))).to.equal(true);
    // The fake cloud never runs the provider: no AWS call.
    expect(sent()).to.deep.equal([]);
  });
});
