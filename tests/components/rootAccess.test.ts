import { expect } from "chai";
import * as organizations from "@pulumi/aws/organizations";
import { RootAccess } from "../../components/rootAccess";
import { dependsOn, find, providerName, settle, unwrap } from "../helpers/mocks";

describe("RootAccess", () => {
  const organization = new organizations.Organization("unit-ra-org", { featureSet: "ALL" });
  const root = new RootAccess("unit-ra", { organization });

  it("enables root credentials management and root sessions from the management account, after trusted access for IAM", async () => {
    expect(await unwrap(root.enabledFeatures)).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    await settle();
    const features = find("aws:iam/organizationsFeatures:OrganizationsFeatures", "unit-ra-features");
    expect(features.inputs).to.deep.equal({ enabledFeatures: ["RootCredentialsManagement", "RootSessions"] });
    expect(providerName(features)).to.equal("");
    expect(dependsOn(features, find("aws:organizations/organization:Organization", "unit-ra-org"))).to.equal(true);
  });
});
