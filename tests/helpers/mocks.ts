// Test helpers over the fake cloud: read what the program registered, and unwrap outputs without hanging.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../../lib/config";
import { installMockCloud, Registration, settle } from "../../harness/mockCloud";

export { settle };
export const registrations: Registration[] = installMockCloud(PROJECT, "dev").registrations;

/** Resolves an output's value; rejects with the real error, or when it can never resolve (a missing mock output). */
export async function unwrap<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
  const o = pulumi.output(output) as unknown as { promise(): Promise<T> };
  let resolved = false;
  const value = o.promise().then((v) => {
    resolved = true;
    return v;
  });
  const watchdog = settle()
    .then(() => new Promise((r) => setTimeout(r, 50)))
    .then(() => {
      if (!resolved) throw new Error("output never resolved after every registration settled: a mock is missing a computed output the program reads");
    });
  await Promise.race([value, watchdog]);
  return value;
}

/** Every registration of a type whose name starts with the prefix (names are unique per spec by convention). */
export function findAll(type: string, namePrefix = ""): Registration[] {
  return registrations.filter((r) => r.type === type && r.name.startsWith(namePrefix));
}

/** The one registration with this type and name; throws listing the candidates when absent. */
export function find(type: string, name: string): Registration {
  const hit = registrations.filter((r) => r.type === type && r.name === name);
  if (hit.length !== 1) {
    const names = registrations.filter((r) => r.type === type).map((r) => r.name);
    throw new Error(`expected one ${type} named ${name}, found ${hit.length}; registered: ${names.join(", ")}`);
  }
  return hit[0];
}

/** The registration whose URN is this one (e.g. a parent or a dependency). */
export function byUrn(urn: string): Registration | undefined {
  return registrations.find((r) => r.urn === urn);
}

/** The logical name of the provider a registration uses ("" for the default provider). */
export function providerName(reg: Registration): string {
  if (!reg.provider) return "";
  const urn = reg.provider.split("::").slice(0, -1).join("::");
  return urn.split("::").pop() ?? "";
}

/** Whether `reg` waits for `other` (directly). */
export function dependsOn(reg: Registration, other: Registration): boolean {
  return reg.dependencies.includes(other.urn);
}
