// The account-settings custom resource's handler (inline Python in templates/account-baseline.yaml) under Python's
// standard unittest with stubbed boto3 and cfnresponse: extracted here, run in a child process, so `npm test` runs it.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { BASELINE_TEMPLATE_FILE, readTemplate } from "../../components/futureAccounts";

/** The Lambda's inline code: the template's YAML without CloudFormation's short-form tags, which the code never uses. */
function handlerCode(): string {
  const doc = YAML.parseDocument(readTemplate(BASELINE_TEMPLATE_FILE), { customTags: [{ tag: "!Ref", resolve: (v: string) => v }], logLevel: "silent" });
  const code = doc.getIn(["Resources", "AccountSettingsFunction", "Properties", "Code", "ZipFile"]);
  if (typeof code !== "string") throw new Error(`${BASELINE_TEMPLATE_FILE}: Resources.AccountSettingsFunction.Properties.Code.ZipFile is not inline code`);
  return code;
}

describe("the account-settings custom resource's handler (Python unittest, stubbed AWS)", function () {
  this.timeout(60000);

  it("applies on Create and Update, never on Delete, and answers CloudFormation once on success, error and imminent timeout", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-handler-"));
    try {
      const file = path.join(dir, "index.py");
      fs.writeFileSync(file, handlerCode());
      const res = spawnSync("python3", ["-m", "unittest", "-v", path.join(__dirname, "test_account_settings_handler.py")], {
        encoding: "utf8",
        env: { ...process.env, ORGSTRAP_HANDLER_FILE: file, PYTHONDONTWRITEBYTECODE: "1" },
      });
      if (res.error) throw res.error;
      expect(res.status, res.stderr).to.equal(0);
      // Every case ran (unittest prints its summary on stderr).
      expect(res.stderr).to.match(/^Ran 9 tests in /m);
      expect(res.stderr).to.match(/^OK$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
