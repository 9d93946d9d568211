// The OU tree from config, parents before children.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/aws/organizations";
import { importInputs, LiveOuInputs } from "../lib/adoption";
import { COMPONENT_TYPE, logicalName } from "../lib/naming";

/** One OU to create (or adopt). */
export interface OrganizationalUnitSpec {
  /** Stable config key, used in logical names and guardrail targets. */
  readonly key: string;
  /** The OU name shown in the console. */
  readonly name: string;
  /** Parent OU key; the root when absent. */
  readonly parent?: string;
  /** Adopt an existing OU by id instead of creating one. */
  readonly importId?: string;
  /** The adopted OU's recorded live values: the import step's inputs; its tags are kept afterwards. */
  readonly live?: LiveOuInputs;
}

/** Arguments for {@link OrganizationalUnits}. */
export interface OrganizationalUnitsArgs {
  /** The organization root id. */
  readonly rootId: pulumi.Input<string>;
  /** OUs with every parent listed before its children. */
  readonly units: readonly OrganizationalUnitSpec[];
  /** The import step of an adoption: register only OUs with an importId, with their live values (lib/adoption.ts). */
  readonly importStep?: boolean;
}

/** The organizational units, in the management account. */
export class OrganizationalUnits extends pulumi.ComponentResource {
  /** OU id by config key. */
  public readonly idsByKey: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: OrganizationalUnitsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.organizationalUnits, name, {}, opts);
    for (const unit of args.units) {
      if (args.importStep && !unit.importId) continue;
      const parentId = unit.parent ? this.idsByKey[unit.parent] : args.rootId;
      // The import step takes the recorded parent id; a parent created later is not registered yet.
      if (!parentId && !args.importStep) throw new pulumi.ResourceError(`OU "${unit.key}" is listed before its parent "${unit.parent}"`, this);
      const ou = new organizations.OrganizationalUnit(
        logicalName.organizationalUnit(name, unit.key),
        args.importStep && unit.live
          ? importInputs.organizationalUnit(unit.live)
          : // Tags are not orgstrap's: an adopted OU keeps the ones it had.
            { name: unit.name, parentId, ...(unit.live?.tags && Object.keys(unit.live.tags).length ? { tags: { ...unit.live.tags } } : {}) },
        // Removing an OU from config, or a destroy, only drops it from the stack: it stays in the organization with its
        // accounts (AWS refuses to delete a non-empty OU anyway). Retained, not protected: the engine refuses to delete
        // a protected resource before it considers retainOnDelete, so protect would make that removal fail.
        { parent: this, import: unit.importId, retainOnDelete: true },
      );
      this.idsByKey[unit.key] = ou.id;
    }
    this.registerOutputs({ idsByKey: this.idsByKey });
  }
}
