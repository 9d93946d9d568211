// Ordinary bad input never crashes the review: deep nesting, huge files, unreadable paths and
// encodings are findings, and every other file is still reviewed. Inputs are built in a temporary folder.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decode, walkPaths } from "../../lib/review/files";
import { reviewPaths } from "../../lib/review/review";
import { Finding } from "../../lib/review/rules";

const GOOD = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] }, null, 2);
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-review-files-"));
const summary = (findings: Finding[]) => findings.map((f) => [path.basename(f.file), f.ruleId, f.severity, f.message]);

describe("review: bounded and robust on ordinary bad input", function () {
  this.timeout(30_000);

  it("100,000 levels of nesting are JSON005 at depth 32, not a RangeError, and fast", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
    fs.writeFileSync(path.join(dir, "deep-object.json"), '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000));
    const start = Date.now();
    const r = await reviewPaths([dir]);
    expect(Date.now() - start).to.be.below(5_000);
    expect(r.findings.map((f) => [path.basename(f.file), f.ruleId, f.line, f.column])).to.deep.equal([
      ["deep-object.json", "JSON005", 1, 161],
      ["deep.json", "JSON005", 1, 33],
    ]);
    expect(r.findings[1].message).to.equal(
      "line 1, column 33: nesting deeper than 32 levels; a policy nests 7 at most, so this is not a policy (not read further)",
    );
    expect(r.kinds.map((k) => k.why)).to.deep.equal(["nested too deep to be a policy", "nested too deep to be a policy"]);
  });

  it("a 50 MB file is SIZE003 without being read (time and memory bounded); the file beside it is reviewed", async () => {
    const dir = tmp();
    const fd = fs.openSync(path.join(dir, "huge.json"), "w");
    fs.ftruncateSync(fd, 50 * 1024 * 1024);
    fs.closeSync(fd);
    fs.writeFileSync(path.join(dir, "ok.json"), GOOD);
    const before = process.memoryUsage().rss;
    const start = Date.now();
    const r = await reviewPaths([dir]);
    expect(Date.now() - start).to.be.below(5_000);
    expect(process.memoryUsage().rss - before).to.be.below(40 * 1024 * 1024);
    expect(summary(r.findings)).to.deep.equal([
      [
        "huge.json",
        "SIZE003",
        "error",
        "the file is 52,428,800 bytes, over the 1,048,576 this review reads; no organization policy is larger than 10,240 characters (not read)",
      ],
    ]);
    expect(r.files).to.equal(2);
  });

  it("a dangling link, a link loop, an unreadable file and a FIFO (which would block) are IO001; the other files are reviewed", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "ok.json"), GOOD);
    fs.symlinkSync(path.join(dir, "gone.json"), path.join(dir, "dangling.json"));
    fs.symlinkSync(dir, path.join(dir, "back-up"));
    fs.symlinkSync(path.join(dir, "self.json"), path.join(dir, "self.json"));
    // /proc/self/mem stats as a file but cannot be read from offset 0 (EIO), even by root, unlike a chmod 000 file.
    const proc = fs.existsSync("/proc/self/mem");
    if (proc) fs.symlinkSync("/proc/self/mem", path.join(dir, "mem.json"));
    const fifo = spawnSync("mkfifo", [path.join(dir, "pipe.json")]).status === 0;
    const r = await reviewPaths([dir]);
    expect(summary(r.findings)).to.deep.equal([
      ["back-up", "IO001", "error", "cannot be read: symbolic link loop (links back to a folder above it); the other files are still reviewed"],
      ["dangling.json", "IO001", "error", "cannot be read: dangling symbolic link (its target does not exist); the other files are still reviewed"],
      ...(proc ? [["mem.json", "IO001", "error", "cannot be read: EIO: i/o error, read; the other files are still reviewed"]] : []),
      ...(fifo ? [["pipe.json", "IO001", "error", "cannot be read: not a regular file (a FIFO, socket or device); the other files are still reviewed"]] : []),
      ["self.json", "IO001", "error", "cannot be read: symbolic link loop; the other files are still reviewed"],
    ]);
    expect(r.kinds.filter((k) => k.kind !== "unread").map((k) => path.basename(k.file))).to.deep.equal(["ok.json"]);
  });

  it("a file without read permission is IO001 (when not running as root, who can read anything)", async function () {
    if (process.getuid?.() === 0) this.skip();
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "secret.json"), GOOD);
    fs.chmodSync(path.join(dir, "secret.json"), 0o000);
    const r = await reviewPaths([dir]);
    expect(summary(r.findings)).to.deep.equal([["secret.json", "IO001", "error", "cannot be read: permission denied; the other files are still reviewed"]]);
  });

  it("names encodings: a UTF-8 BOM (warning), UTF-16 with and without a BOM, invalid UTF-8 (errors); each file is still checked", async () => {
    const dir = tmp();
    const bad = GOOD.replace("s3:DeleteBucket", "s3:DeleteBuckett");
    fs.writeFileSync(path.join(dir, "bom.json"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bad)]));
    fs.writeFileSync(path.join(dir, "utf16le-bom.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bad, "utf16le")]));
    fs.writeFileSync(path.join(dir, "utf16be.json"), Buffer.from(bad, "utf16le").swap16());
    fs.writeFileSync(path.join(dir, "latin1.json"), Buffer.from(GOOD.replace('"Deny"', '"Deny", "Sid": "Caf\u00e9"'), "latin1"));
    const r = await reviewPaths([dir]);
    expect(r.findings.map((f) => [path.basename(f.file), f.ruleId, f.severity])).to.deep.equal([
      ["bom.json", "ENC002", "warning"],
      ["bom.json", "NAME001", "error"],
      ["latin1.json", "ENC001", "error"],
      ["latin1.json", "GRM008", "error"],
      ["utf16be.json", "ENC001", "error"],
      ["utf16be.json", "NAME001", "error"],
      ["utf16le-bom.json", "ENC001", "error"],
      ["utf16le-bom.json", "NAME001", "error"],
    ]);
    const msg = (file: string) => r.findings.find((f) => path.basename(f.file) === file && f.ruleId.startsWith("ENC"))?.message;
    expect(msg("utf16le-bom.json")).to.equal(
      "the file is UTF-16 (little-endian, with a byte order mark); AWS policies are UTF-8 text: save it as UTF-8 without a BOM",
    );
    expect(msg("utf16be.json")).to.equal("the file is UTF-16 (big-endian); AWS policies are UTF-8 text: save it as UTF-8 without a BOM");
    expect(msg("latin1.json")).to.match(/^the file is not valid UTF-8 \(first bad byte 0xE9 at offset \d+\); save it as UTF-8$/);
    expect(msg("bom.json")).to.match(/^the file starts with a UTF-8 byte order mark \(EF BB BF\)/);
  });

  it("stays linear on adversarial text just under the size bound: unclosed template brackets, thousands of placeholders", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "braces.json"), "{{".repeat(500_000));
    fs.writeFileSync(path.join(dir, "dollars.json"), "${".repeat(500_000));
    const stmt = '{"Effect":"Deny","Action":${jsonencode(var.actions)},"Resource":"*"}';
    fs.writeFileSync(path.join(dir, "many.json"), `{"Version":"2012-10-17","Statement":[${Array(8000).fill(stmt).join(",")}]}`);
    const start = Date.now();
    const r = await reviewPaths([dir]);
    expect(Date.now() - start).to.be.below(8_000);
    expect(r.findings.map((f) => [path.basename(f.file), f.ruleId])).to.deep.equal([
      ["braces.json", "JSON001"],
      ["dollars.json", "JSON001"],
      ["many.json", "POL002"],
      ["many.json", "POL003"],
      ["many.json", "SIZE001"],
    ]);
  });

  it("decodes valid UTF-8 (non-ASCII included) without a finding", () => {
    expect(decode(Buffer.from('{"Sid":"Caf\u00e9 \u2713"}', "utf8"))).to.deep.equal({ text: '{"Sid":"Caf\u00e9 \u2713"}' });
  });

  it("walks paths as given for .json and .json.tpl-style templates, skipping .git, .github and node_modules; a folder with none is empty", () => {
    const dir = path.relative(process.cwd(), tmp());
    fs.mkdirSync(path.join(dir, "a"));
    fs.writeFileSync(path.join(dir, "a", "p.json"), GOOD);
    fs.writeFileSync(path.join(dir, "notes.txt"), "x");
    for (const tooling of [".git", ".github", "node_modules"]) {
      fs.mkdirSync(path.join(dir, tooling));
      fs.writeFileSync(path.join(dir, tooling, "package.json"), "{}");
    }
    fs.writeFileSync(path.join(dir, ".hidden-policy.json"), GOOD);
    fs.writeFileSync(path.join(dir, "a", "scp.json.tftpl"), GOOD);
    fs.writeFileSync(path.join(dir, "a", "RCP.JSON"), GOOD);
    fs.writeFileSync(path.join(dir, "a", "user-data.tpl"), "#!/bin/sh");
    const emptyDir = tmp();
    const w = walkPaths([dir, emptyDir, path.join(dir, "node_modules"), path.join(dir, "a")]);
    // Tooling folders are skipped when walking, not when named; a dot-file that is JSON is still a file; a file reached
    // twice (dir and dir/a) is reviewed once.
    expect(w.files.map((f) => f.file)).to.deep.equal([
      path.join(dir, ".hidden-policy.json"),
      path.join(dir, "a", "RCP.JSON"),
      path.join(dir, "a", "p.json"),
      path.join(dir, "a", "scp.json.tftpl"),
      path.join(dir, "node_modules", "package.json"),
    ]);
    expect(w.empty).to.deep.equal([emptyDir]);
  });
});
