// Releasing a Region's GuardDuty organization before its delegated administrator is removed, as AWS's procedure asks:
// auto-enable (GuardDuty and every protection plan) to NONE, then every member disassociated and deleted; only then may
// the management account run DisableOrganizationAdminAccount. No Pulumi import.
// https://docs.aws.amazon.com/guardduty/latest/ug/change-guardduty-delegated-admin.html
import {
  DeleteMembersCommand,
  DisassociateMembersCommand,
  GuardDutyClient,
  ListMembersCommand,
  OrgFeature,
  OrgFeatureAdditionalConfiguration,
  UpdateOrganizationConfigurationCommand,
} from "@aws-sdk/client-guardduty";

/** A protection plan and its additional configurations (Runtime Monitoring's agents). */
export interface GuardDutyFeature {
  readonly name: string;
  readonly additional?: readonly string[];
}

/** GuardDuty accepts at most 50 account ids per DisassociateMembers / DeleteMembers call. */
const MEMBERS_PER_CALL = 50;

/** Runs AWS's removal steps 2-4 in the delegated administrator's detector; returns the members released. */
export async function releaseGuardDutyOrganization(req: {
  readonly client: Pick<GuardDutyClient, "send">;
  readonly detectorId: string;
  readonly features: readonly GuardDutyFeature[];
}): Promise<{ members: string[] }> {
  const { client, detectorId } = req;
  await client.send(
    new UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: "NONE",
      Features: req.features.map((f) => ({
        // Names come from the provider's list of features (lib/config's GuardDuty features), which the SDK's enum also holds.
        Name: f.name as OrgFeature,
        AutoEnable: "NONE",
        ...(f.additional?.length
          ? { AdditionalConfiguration: f.additional.map((n) => ({ Name: n as OrgFeatureAdditionalConfiguration, AutoEnable: "NONE" as const })) }
          : {}),
      })),
    }),
  );
  const members: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListMembersCommand({ DetectorId: detectorId, OnlyAssociated: "false", NextToken }));
    for (const m of page.Members ?? []) if (m.AccountId) members.push(m.AccountId);
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  for (let i = 0; i < members.length; i += MEMBERS_PER_CALL) {
    const AccountIds = members.slice(i, i + MEMBERS_PER_CALL);
    await client.send(new DisassociateMembersCommand({ DetectorId: detectorId, AccountIds }));
    await client.send(new DeleteMembersCommand({ DetectorId: detectorId, AccountIds }));
  }
  return { members };
}
