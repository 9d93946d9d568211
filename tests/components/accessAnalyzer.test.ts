import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { AccessAnalyzer } from "../../components/accessAnalyzer";
import { accountProvider } from "../helpers/providers";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

describe("AccessAnalyzer", () => {
  const organization = new organizations.Organization("unit-aa-org", { featureSet: "ALL" });
  const analyzer = new AccessAnalyzer("unit-aa", {
    namePrefix: "orgstrap",
    regions: ["us-east-1", "eu-west-1"],
    securityAccountId: "222222222222",
    securityProvider: accountProvider("unit-aa-security", "222222222222"),
    unusedAccessAgeDays: 90,
    organization,
  });

  it("delegates IAM Access Analyzer to the Security account from the management account, after trusted access", async () => {
    await unwrap(analyzer.unusedAccessAnalyzerArn);
    await settle();
    const admin = find("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "unit-aa-admin");
    expect(admin.inputs).to.deep.equal({ accountId: "222222222222", servicePrincipal: "access-analyzer.amazonaws.com" });
    expect(providerName(admin)).to.equal("");
    expect(dependsOn(admin, find("aws:organizations/organization:Organization", "unit-aa-org"))).to.equal(true);
  });

  it("analyzes external access organization-wide in every governed Region, from the Security account, after delegation", async () => {
    await settle();
    const admin = find("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "unit-aa-admin");
    const external = findAll("aws:accessanalyzer/analyzer:Analyzer", "unit-aa-external-");
    expect(external.map((a) => a.inputs)).to.deep.equal([
      { region: "us-east-1", analyzerName: "orgstrap-organization", type: "ORGANIZATION" },
      { region: "eu-west-1", analyzerName: "orgstrap-organization", type: "ORGANIZATION" },
    ]);
    for (const a of external) {
      expect(providerName(a)).to.equal("unit-aa-security");
      expect(dependsOn(a, admin)).to.equal(true);
    }
  });

  it("analyzes unused access once, in the home Region (findings do not depend on the Region; AWS bills per analyzer)", async () => {
    await settle();
    const unused = find("aws:accessanalyzer/analyzer:Analyzer", "unit-aa-unused");
    expect(unused.inputs).to.deep.equal({
      region: "us-east-1",
      analyzerName: "orgstrap-organization-unused-access",
      type: "ORGANIZATION_UNUSED_ACCESS",
      configuration: { unusedAccess: { unusedAccessAge: 90 } },
    });
    expect(providerName(unused)).to.equal("unit-aa-security");
    expect(dependsOn(unused, find("aws:organizations/delegatedAdministrator:DelegatedAdministrator", "unit-aa-admin"))).to.equal(true);
    expect(findAll("aws:accessanalyzer/analyzer:Analyzer", "unit-aa-").filter((a) => a.inputs.type === "ORGANIZATION_UNUSED_ACCESS")).to.have.length(1);
  });
});
