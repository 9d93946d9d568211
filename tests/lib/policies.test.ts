import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CatalogPolicy, defaultPoliciesDir, examplePolicyParameters, loadPolicyCatalog, PolicyCatalogError, renderPolicy } from "../../lib/policies";

const repo = path.resolve(__dirname, "../..");

function tempCatalog(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-policies-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const leave = { Version: "2012-10-17", Statement: [{ Sid: "L", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] };
const claims = {
  denied: [{ name: "d", request: { principal: { kind: "role", account: "111122223333", name: "A" }, action: "organizations:LeaveOrganization" } }],
  allowed: [{ name: "a", request: { principal: { kind: "role", account: "111122223333", name: "A" }, action: "s3:ListBucket" } }],
};
const entry = {
  name: "deny-leave-organization",
  kind: "scp",
  file: "scp/deny-leave-organization.json",
  title: "DenyLeaveOrganization",
  description: "Denies leaving the organization; nobody is exempt.",
  parameters: [],
  claims,
};

describe("lib/policies", () => {
  it("finds policies/ next to lib/ from ts-node", () => {
    expect(defaultPoliciesDir).to.equal(path.join(repo, "policies"));
  });

  it("loads the shipped catalogue: seven policies with absolute files and parsed documents", () => {
    const catalog = loadPolicyCatalog();
    expect(catalog.map((p) => [p.name, p.kind, p.title, p.parameters])).to.deep.equal([
      ["deny-root-user", "scp", "DenyRootUser", []],
      ["deny-cloudtrail-tampering", "scp", "DenyCloudtrailTampering", ["ExemptPrincipalArns"]],
      ["protect-security-services", "scp", "ProtectSecurityServices", ["ExemptPrincipalArns", "LogArchiveBucketPrefix"]],
      ["deny-leave-organization", "scp", "DenyLeaveOrganization", []],
      ["restrict-regions", "scp", "RestrictRegions", ["AllowedRegions", "ExemptPrincipalArns"]],
      ["deny-all", "scp", "DenyAll", ["ExemptPrincipalArns"]],
      ["enforce-secure-transport", "rcp", "EnforceSecureTransport", []],
    ]);
    for (const p of catalog) {
      expect(p.file).to.equal(path.join(repo, "policies", p.kind, `${p.name}.json`));
      expect(p.document).to.deep.equal(JSON.parse(fs.readFileSync(p.file, "utf8")));
    }
  });

  it("every shipped policy renders under 5,120 characters and its formatted file uses 2-space indentation", () => {
    for (const p of loadPolicyCatalog()) {
      expect(renderPolicy(p, examplePolicyParameters()).length, p.name).to.be.below(5120);
      const text = fs.readFileSync(p.file, "utf8");
      expect(text, p.name).to.equal(JSON.stringify(JSON.parse(text), null, 2) + "\n");
    }
  });

  it("root-user deny exempts centralized root access sessions with LZA's Null aws:AssumedRoot pattern", () => {
    const root = loadPolicyCatalog().find((p) => p.name === "deny-root-user")!;
    expect((root.document as { Statement: { Condition?: unknown }[] }).Statement[0].Condition).to.deep.equal({
      ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] },
      Null: { "aws:AssumedRoot": "true" },
    });
  });

  it("renders minified: list placeholders spliced into their array, in-string placeholders substituted", () => {
    const p = loadPolicyCatalog().find((x) => x.name === "protect-security-services")!;
    const rendered = renderPolicy(p, {
      AllowedRegions: ["eu-west-1"],
      ExemptPrincipalArns: ["arn:aws:iam::*:role/D", "arn:aws:iam::*:role/B"],
      LogArchiveBucketPrefix: "acme-logs-",
    });
    expect(rendered).to.not.match(/\s|\{\{/);
    const doc = JSON.parse(rendered);
    expect(doc.Statement[1].Resource).to.deep.equal(["arn:aws:s3:::acme-logs-*"]);
    expect(doc.Statement[0].Condition).to.deep.equal({ ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/D", "arn:aws:iam::*:role/B"] } });
  });

  it("refuses to render with an empty list placeholder or a missing value", () => {
    const p = loadPolicyCatalog().find((x) => x.name === "restrict-regions")!;
    expect(() => renderPolicy(p, { ...examplePolicyParameters(), AllowedRegions: [] })).to.throw(`${p.file}: list placeholder {{AllowedRegions}} is empty`);
    const q = loadPolicyCatalog().find((x) => x.name === "protect-security-services")!;
    expect(() => renderPolicy(q, { ...examplePolicyParameters(), LogArchiveBucketPrefix: undefined as unknown as string })).to.throw(
      `${q.file}: no value for placeholder {{LogArchiveBucketPrefix}}`,
    );
  });

  it("reports every problem of a broken catalogue at once, each naming the file and the rule", () => {
    const dir = tempCatalog({
      "manifest.json": [
        { ...entry, title: "LeaveOrg" },
        {
          ...entry,
          name: "restrict-regions",
          file: "scp/restrict-regions.json",
          title: "RestrictRegions",
          parameters: ["AllowedRegions"],
          claims: { denied: [], allowed: [] },
        },
        { ...entry, name: "broken", file: "scp/broken.json", title: "Broken" },
      ],
      "scp/deny-leave-organization.json": leave,
      "scp/restrict-regions.json": {
        ...leave,
        Statement: [{ ...leave.Statement[0], Condition: { StringNotEquals: { "aws:RequestedRegion": ["{{Regions}}"] } } }],
      },
      "scp/broken.json": "{ not json",
      "scp/stray.json": leave,
    });
    let error: PolicyCatalogError | undefined;
    try {
      loadPolicyCatalog(dir);
    } catch (e) {
      error = e as PolicyCatalogError;
    }
    expect(error).to.be.instanceOf(PolicyCatalogError);
    const m = path.join(dir, "manifest.json");
    expect(error!.problems).to.deep.equal([
      `${m}: [0].title must be "DenyLeaveOrganization" (PascalCase of the name)`,
      `${m}: [1].claims must have at least one "denied" and one "allowed" claim`,
      `${path.join(dir, "scp/restrict-regions.json")}: placeholder {{Regions}} is not a known parameter`,
      `${path.join(dir, "scp/restrict-regions.json")}: manifest parameter AllowedRegions is not used in the document`,
      `${path.join(dir, "scp/broken.json")}: cannot be read as JSON (Expected property name or '}' in JSON at position 2)`,
      `${path.join(dir, "scp/stray.json")}: not listed in ${m}`,
    ]);
  });

  it("catalogue entries keep their claims for the review", () => {
    const catalog: CatalogPolicy[] = loadPolicyCatalog();
    for (const p of catalog) expect(p.claims.denied.length > 0 && p.claims.allowed.length > 0, p.name).to.equal(true);
  });
});
