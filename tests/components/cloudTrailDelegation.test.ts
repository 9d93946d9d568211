import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { CloudTrailDelegation } from "../../components/cloudTrailDelegation";
import { dependsOn, find, providerName, settle, unwrap } from "../helpers/mocks";

describe("CloudTrailDelegation", () => {
  const organization = new organizations.Organization("unit-ctd-org", { featureSet: "ALL" });
  const delegation = new CloudTrailDelegation("unit-ctd", { securityAccountId: "222222222222", organization });

  it("registers the Security account as CloudTrail delegated administrator from the management account, after trusted access", async () => {
    expect(await unwrap(delegation.delegatedAdminAccountId)).to.equal("222222222222");
    await settle();
    const admin = find("aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount", "unit-ctd-admin");
    expect(admin.inputs).to.deep.equal({ accountId: "222222222222" });
    expect(providerName(admin)).to.equal("");
    expect(dependsOn(admin, find("aws:organizations/organization:Organization", "unit-ctd-org"))).to.equal(true);
  });
});
