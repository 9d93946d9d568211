// The OU tree from config, parents before children.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/aws/organizations";
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
}

/** Arguments for {@link OrganizationalUnits}. */
export interface OrganizationalUnitsArgs {
  /** The organization root id. */
  readonly rootId: pulumi.Input<string>;
  /** OUs with every parent listed before its children. */
  readonly units: readonly OrganizationalUnitSpec[];
  /** Keep `pulumi destroy` from deleting OUs. Defaults to `true`. */
  readonly protect?: boolean;
}

/** The organizational units, in the management account. */
export class OrganizationalUnits extends pulumi.ComponentResource {
  /** OU id by config key. */
  public readonly idsByKey: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: OrganizationalUnitsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.organizationalUnits, name, {}, opts);
    for (const unit of args.units) {
      const parentId = unit.parent ? this.idsByKey[unit.parent] : args.rootId;
      if (!parentId) throw new pulumi.ResourceError(`OU "${unit.key}" is listed before its parent "${unit.parent}"`, this);
      const ou = new organizations.OrganizationalUnit(
        logicalName.organizationalUnit(name, unit.key),
        { name: unit.name, parentId },
        // An OU deleted by mistake takes its policy attachments with it.
        // An adopted OU predates this stack: removing it from config must never delete it.
        { parent: this, protect: args.protect ?? true, import: unit.importId, retainOnDelete: unit.importId !== undefined },
      );
      this.idsByKey[unit.key] = ou.id;
    }
    this.registerOutputs({ idsByKey: this.idsByKey });
  }
}
