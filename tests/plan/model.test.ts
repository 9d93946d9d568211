// Creation waves: which edges order creation, on a hand-built graph.
import { expect } from "chai";
import { creationWaves, PlanRegistration } from "../../lib/plan/model";

const reg = (name: string, opts: Partial<PlanRegistration> = {}): PlanRegistration => ({
  type: opts.custom === false ? "x:index:Component" : "aws:x/y:Y",
  name,
  custom: true,
  parent: "",
  dependencies: [],
  provider: "",
  importId: "",
  inputs: {},
  urn: `urn:${name}`,
  id: `${name}-id`,
  ...opts,
});

describe("creationWaves", () => {
  it("orders by dependencies and providers, not by parents; a dependency on a component waits for its children", () => {
    const graph = [
      reg("component", { custom: false }),
      reg("org", { parent: "urn:component" }),
      reg("account", { parent: "urn:component", dependencies: ["urn:org"] }),
      reg("provider", { type: "pulumi:providers:aws", dependencies: ["urn:account"], id: "account-222222222222" }),
      reg("in-account", { provider: "urn:provider::account-222222222222" }),
      reg("after-component", { dependencies: ["urn:component"] }),
      reg("independent", { parent: "urn:in-account" }),
    ];
    expect(creationWaves(graph)).to.deep.equal({
      count: 3,
      // org, independent | account (its provider adds no wave) | in-account, after-component (waits for the account too)
      sizes: [2, 1, 2],
      criticalPath: ["aws:x/y:Y org", "aws:x/y:Y account", "aws:x/y:Y after-component"],
      accountWaves: [],
    });
  });

  it("names a cycle instead of looping", () => {
    const graph = [reg("a", { dependencies: ["urn:b"] }), reg("b", { dependencies: ["urn:a"] })];
    expect(() => creationWaves(graph)).to.throw("dependency cycle through aws:x/y:Y a");
  });
});
