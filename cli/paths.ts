// The files a command is pointed at: a stack file that must exist, an output folder that must be usable, and writes
// that stay inside that folder. Each check returns the usage error to print (exit 2), or undefined.
import * as fs from "fs";
import * as path from "path";

/** Pulumi stack names: letters, digits, '-', '_' and '.' (no path separators). */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `--stack NAME` cannot name a stack file, if it cannot. */
export function stackNameProblem(name: string): string | undefined {
  return STACK_NAME.test(name) ? undefined : `error: --stack ${JSON.stringify(name)}: a stack name uses only letters, digits, '-', '_' and '.'`;
}

/** Why `file` (given as `flag`) cannot be read as a stack file, if it cannot. */
export function stackFileProblem(file: string, flag: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `error: ${flag}: no stack file ${file}`;
  }
  if (!stat.isFile()) return `error: ${flag}: ${file} is not a file`;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    return `error: ${flag}: ${file} cannot be read`;
  }
  return undefined;
}

/** Why `dir` cannot take the files of `--out`, if it cannot. Creates nothing: a missing folder needs a writable parent. */
export function outDirProblem(dir: string): string | undefined {
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(existing);
  } catch {
    return `error: --out ${dir}: cannot be created`;
  }
  const shown = existing === path.resolve(dir) ? "" : ` (${existing} exists)`;
  if (!stat.isDirectory())
    return `error: --out ${dir}: ${existing === path.resolve(dir) ? "exists and is not a folder" : `cannot be created: ${existing} is not a folder`}`;
  try {
    fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return `error: --out ${dir}: ${shown ? `cannot be created${shown}, and that folder is not writable` : "the folder is not writable"}`;
  }
  return undefined;
}

/** Why `name` in `dir` cannot be written without leaving the folder: an existing symlink or anything but a file. */
export function outFileProblem(dir: string, name: string): string | undefined {
  const file = path.join(dir, name);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return `error: --out ${dir}: ${name} is a symbolic link; orgstrap plan does not write through links: remove it`;
  if (!stat.isFile()) return `error: --out ${dir}: ${name} exists and is not a file`;
  return undefined;
}

/**
 * Writes `name` in `dir`, never through a symbolic link: O_NOFOLLOW refuses a link placed there after the checks.
 * https://man7.org/linux/man-pages/man2/open.2.html (O_NOFOLLOW)
 */
export function writeInside(dir: string, name: string, data: string): void {
  const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(path.join(dir, name), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644);
  try {
    fs.writeSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}
