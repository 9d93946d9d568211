import { expect } from "chai";
import { OrganizationalUnits } from "../../components/organizationalUnits";
import { find, settle, unwrap } from "../helpers/mocks";

describe("OrganizationalUnits", () => {
  it("creates top-level OUs under the root and nested OUs under their parent, retained on delete and not protected (a removal from config must succeed)", async () => {
    const ous = new OrganizationalUnits("unit-ous", {
      rootId: "r-abcd",
      units: [
        { key: "workloads", name: "Workloads" },
        { key: "prod", name: "Prod", parent: "workloads" },
      ],
    });
    const workloadsId = await unwrap(ous.idsByKey.workloads);
    await settle();
    const workloads = find("aws:organizations/organizationalUnit:OrganizationalUnit", "unit-ous-workloads");
    const prod = find("aws:organizations/organizationalUnit:OrganizationalUnit", "unit-ous-prod");
    expect(workloads.inputs).to.include({ name: "Workloads", parentId: "r-abcd" });
    expect(prod.inputs).to.include({ name: "Prod", parentId: workloadsId });
    expect(workloadsId).to.match(/^ou-exm1-[0-9a-f]{8}$/);
    expect(prod.dependencies).to.include(workloads.urn);
    expect([workloads.protect, prod.protect, workloads.retainOnDelete, prod.retainOnDelete]).to.deep.equal([undefined, undefined, true, true]);
  });

  it("rejects an OU listed before its parent", () => {
    expect(() => new OrganizationalUnits("unit-ous-bad", { rootId: "r-abcd", units: [{ key: "prod", name: "Prod", parent: "workloads" }] })).to.throw(
      'OU "prod" is listed before its parent "workloads"',
    );
  });
});
