// S3 lifecycle rules the log archive's settings become: S3 rejects a rule whose expiration does not come after its
// transition ("'Days' in the Expiration action ... must be greater than 'Days' in the Transition action").
import { at, CheckContext } from "../context";
import { Problem, problem } from "../problems";

export function checkLifecycle({ input }: CheckContext): Problem[] {
  const trail = input.trail as { transitionToGlacierDays?: unknown; expireAfterDays?: unknown } | undefined;
  const transition = trail?.transitionToGlacierDays;
  const expire = trail?.expireAfterDays;
  if (typeof transition !== "number" || typeof expire !== "number" || expire === 0 || expire > transition) return [];
  return [
    problem(
      at("trail.expireAfterDays"),
      "trail.expire-before-transition",
      `${expire} must be greater than trail.transitionToGlacierDays (${transition}): S3 rejects a lifecycle rule that expires objects before or when it transitions them; use 0 to keep logs forever`,
    ),
  ];
}
