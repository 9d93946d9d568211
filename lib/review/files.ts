// Finding and reading the files to review, never throwing: a path that cannot be read is a result, not a crash.
import * as fs from "fs";
import * as path from "path";

/** Larger files are not read: the largest organization policy is 10,240 characters (an SCP), so 1 MiB is 100 times that. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface FoundFile {
  /** As the user gave it, joined with the names found below it (forward slashes are kept as given). */
  file: string;
  /** Absolute, for manifests and catalogues. */
  abs: string;
}
export interface Unreadable {
  file: string;
  reason: string;
}
export interface Walk {
  files: FoundFile[];
  unreadable: Unreadable[];
  /** Given folders with no .json file below them. */ empty: string[];
}

const reasonOf = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === "ELOOP") return "symbolic link loop";
  if (code === "ENOENT") return "dangling symbolic link (its target does not exist)";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (err as Error)?.message ?? String(err);
};

/** Every `.json` (or `.json.tpl`-style template) below each path (a file given by name is taken whatever its extension), in sorted order. */
export function walkPaths(given: readonly string[]): Walk {
  const out: Walk = { files: [], unreadable: [], empty: [] };
  const seen = new Set<string>();
  for (const root of given) {
    const unreadableBefore = out.unreadable.length;
    // .json files met below this root, reviewed here or already under another name.
    const found = { n: 0 };
    visit(root, true, new Set(), out, seen, found);
    let isDir = false;
    try {
      isDir = fs.statSync(root).isDirectory();
    } catch {
      // reported by visit
    }
    if (isDir && found.n === 0 && out.unreadable.length === unreadableBefore) out.empty.push(root);
  }
  return out;
}

/** JSON files, and JSON templates named after their engine (policy.json.tpl, scp.json.tftpl, rcp.json.j2). */
const POLICY_FILE = /\.json(\.(tpl|tftpl|tmpl|template|j2|jinja2?|hbs|mustache))?$/i;
const SKIPPED_FOLDERS = /^(\..+|node_modules)$/;
const isDirectory = (p: string): boolean => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

function visit(p: string, explicit: boolean, ancestors: Set<string>, out: Walk, seen: Set<string>, found: { n: number }): void {
  let st: fs.Stats;
  let real: string;
  try {
    st = fs.statSync(p);
    real = fs.realpathSync(p);
  } catch (err) {
    if (explicit || POLICY_FILE.test(p)) out.unreadable.push({ file: p, reason: reasonOf(err) });
    return;
  }
  if (st.isDirectory()) {
    // A link back to a folder being walked would recurse forever; skip it and say so.
    if (ancestors.has(real)) {
      out.unreadable.push({ file: p, reason: "symbolic link loop (links back to a folder above it)" });
      return;
    }
    let entries: string[];
    try {
      entries = fs.readdirSync(p).sort();
    } catch (err) {
      out.unreadable.push({ file: p, reason: reasonOf(err) });
      return;
    }
    const next = new Set(ancestors).add(real);
    // Tooling folders hold package and workflow JSON, not policies: .git, .github, node_modules are not walked into.
    for (const e of entries) if (!SKIPPED_FOLDERS.test(e) || !isDirectory(path.join(p, e))) visit(path.join(p, e), false, next, out, seen, found);
  } else if (explicit || POLICY_FILE.test(p)) {
    found.n++;
    if (seen.has(path.resolve(p))) return;
    // A file reached twice (overlapping paths, a link to it) is reviewed once, under the first name.
    seen.add(path.resolve(p));
    out.files.push({ file: p, abs: path.resolve(p) });
  }
}

export type Decoded =
  | { ok: true; text: string; size: number; encoding?: { severity: "error" | "warning"; message: string } }
  | { ok: false; reason: string; size?: number; tooLarge?: boolean };

/** The file's text as AWS would receive it from a UTF-8 reader; BOMs, UTF-16 and invalid UTF-8 are named. */
export function readPolicyFile(abs: string): Decoded {
  let size: number;
  try {
    const st = fs.statSync(abs);
    // A FIFO or device would block or never end; only regular files are read.
    if (!st.isFile()) return { ok: false, reason: "not a regular file (a FIFO, socket or device)" };
    size = st.size;
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
  if (size > MAX_FILE_BYTES) return { ok: false, reason: "too large", size, tooLarge: true };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (err) {
    return { ok: false, reason: reasonOf(err), size };
  }
  return { ok: true, size, ...decode(bytes) };
}

export function decode(bytes: Buffer): { text: string; encoding?: { severity: "error" | "warning"; message: string } } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: bytes.subarray(3).toString("utf8"),
      encoding: {
        severity: "warning",
        message:
          "the file starts with a UTF-8 byte order mark (EF BB BF); JSON texts must not (RFC 8259 §8.1) and a tool that reads the file as text sends it to AWS as a character: remove it",
      },
    };
  }
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  // Without a BOM, ASCII JSON in UTF-16 has a NUL in every other byte.
  const nulOdd = bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0;
  const nulEven = bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0;
  if (le || be || nulOdd || nulEven) {
    const body = le || be ? bytes.subarray(2) : bytes;
    const text = le || nulOdd ? body.toString("utf16le") : Buffer.from(body).swap16().toString("utf16le");
    return {
      text,
      encoding: {
        severity: "error",
        message: `the file is UTF-16 (${le || nulOdd ? "little" : "big"}-endian${le || be ? ", with a byte order mark" : ""}); AWS policies are UTF-8 text: save it as UTF-8 without a BOM`,
      },
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      text: bytes.toString("utf8"),
      encoding: {
        severity: "error",
        message: `the file is not valid UTF-8 (first bad byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, "0")} at offset ${at}); save it as UTF-8`,
      },
    };
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return 0;
}

/** A small regular file's UTF-8 text (manifests), or undefined when it is missing, not a regular file, too large or unreadable. */
export function readSmallFile(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_FILE_BYTES * 16) return undefined;
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
