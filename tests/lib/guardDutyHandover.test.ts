import { expect } from "chai";
// The SDK warns once per process about Node 20 when a client is built; these specs build clients on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import {
  DeleteMembersCommand,
  DisassociateMembersCommand,
  GuardDutyClient,
  ListMembersCommand,
  UpdateOrganizationConfigurationCommand,
} from "@aws-sdk/client-guardduty";
import { releaseGuardDutyOrganization } from "../../lib/guardDutyHandover";

describe("releaseGuardDutyOrganization (before the delegated administrator is removed)", () => {
  // Mocked per test and restored after it: aws-sdk-client-mock stubs the class's prototype, which other specs also stub.
  let gd: AwsClientStub<GuardDutyClient>;
  beforeEach(() => (gd = mockClient(GuardDutyClient)));
  afterEach(() => gd.restore());

  it("sets auto-enable to NONE for GuardDuty and every plan, then disassociates and deletes every member, 50 at a time", async () => {
    const accounts = Array.from({ length: 60 }, (_, i) => String(300000000000 + i));
    gd.on(UpdateOrganizationConfigurationCommand).resolves({});
    gd.on(ListMembersCommand, { DetectorId: "det", OnlyAssociated: "false", NextToken: undefined }).resolves({
      Members: accounts.slice(0, 40).map((AccountId) => ({ AccountId, MasterId: "x", Email: "e", RelationshipStatus: "Enabled", UpdatedAt: "t" })),
      NextToken: "p2",
    });
    gd.on(ListMembersCommand, { DetectorId: "det", OnlyAssociated: "false", NextToken: "p2" }).resolves({
      Members: accounts.slice(40).map((AccountId) => ({ AccountId, MasterId: "x", Email: "e", RelationshipStatus: "Enabled", UpdatedAt: "t" })),
    });
    gd.on(DisassociateMembersCommand).resolves({ UnprocessedAccounts: [] });
    gd.on(DeleteMembersCommand).resolves({ UnprocessedAccounts: [] });

    const result = await releaseGuardDutyOrganization({
      client: new GuardDutyClient({ region: "eu-west-1" }),
      detectorId: "det",
      features: [{ name: "S3_DATA_EVENTS" }, { name: "RUNTIME_MONITORING", additional: ["EKS_ADDON_MANAGEMENT", "EC2_AGENT_MANAGEMENT"] }],
    });
    expect(result.members).to.deep.equal(accounts);
    const update = gd.commandCalls(UpdateOrganizationConfigurationCommand);
    expect(update.map((c) => c.args[0].input)).to.deep.equal([
      {
        DetectorId: "det",
        AutoEnableOrganizationMembers: "NONE",
        Features: [
          { Name: "S3_DATA_EVENTS", AutoEnable: "NONE" },
          {
            Name: "RUNTIME_MONITORING",
            AutoEnable: "NONE",
            AdditionalConfiguration: [
              { Name: "EKS_ADDON_MANAGEMENT", AutoEnable: "NONE" },
              { Name: "EC2_AGENT_MANAGEMENT", AutoEnable: "NONE" },
            ],
          },
        ],
      },
    ]);
    expect(gd.commandCalls(DisassociateMembersCommand).map((c) => c.args[0].input.AccountIds)).to.deep.equal([accounts.slice(0, 50), accounts.slice(50)]);
    expect(gd.commandCalls(DeleteMembersCommand).map((c) => c.args[0].input.AccountIds)).to.deep.equal([accounts.slice(0, 50), accounts.slice(50)]);
    // AWS's order: auto-enable off before any member is disassociated.
    const order = gd.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(order[0]).to.equal("UpdateOrganizationConfigurationCommand");
  });

  it("fails with the service's error when auto-enable cannot be turned off, and releases no member", async () => {
    gd.on(UpdateOrganizationConfigurationCommand).rejects(
      Object.assign(new Error("The request is rejected because the caller is not the administrator"), { name: "BadRequestException" }),
    );
    let error: Error | undefined;
    await releaseGuardDutyOrganization({ client: new GuardDutyClient({ region: "eu-west-1" }), detectorId: "det", features: [] }).catch(
      (e: Error) => (error = e),
    );
    expect(error?.message).to.equal("The request is rejected because the caller is not the administrator");
    expect(gd.commandCalls(DisassociateMembersCommand)).to.have.length(0);
  });
});
