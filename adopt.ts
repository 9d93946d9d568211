// Adopting an existing organization, step 1 of 2 (docs/adopting.md): the first `pulumi up` of a stack written by
// `orgstrap discover` (orgstrap:adoption.step is "import"; program.ts runs this file instead of index.ts). It imports the
// organization, its OUs and accounts with exactly the live values orgstrap:adoption records, so every import succeeds,
// and registers nothing else. Same components and names as index.ts: step 2 finds them in the stack and updates them.
import { loadOrgConfig } from "./lib/pulumiConfig";
import { Organization } from "./components/organization";
import { OrganizationalUnits } from "./components/organizationalUnits";
import { Accounts } from "./components/accounts";
import { withLiveAccounts, withLiveOus } from "./lib/adoption";
import { INSTANCE } from "./lib/naming";

const { config: cfg } = loadOrgConfig();

const org = new Organization(INSTANCE.organization, {
  trustedServices: cfg.organization.trustedServices,
  protect: cfg.organization.protect,
  importId: cfg.organization.importId,
  live: cfg.adoption?.organization,
  importStep: true,
});
const ous = new OrganizationalUnits(INSTANCE.organizationalUnits, {
  rootId: org.rootId,
  units: withLiveOus(cfg, cfg.organizationalUnits),
  importStep: true,
});
const accounts = new Accounts(INSTANCE.accounts, {
  accounts: withLiveAccounts(cfg, cfg.accounts),
  ouIds: ous.idsByKey,
  homeRegion: cfg.homeRegion,
  partition: cfg.partition,
  importStep: true,
});

export const organizationId = org.organizationId;
export const rootId = org.rootId;
export const organizationalUnitIds = ous.idsByKey;
export const accountIds = accounts.idsByKey;
