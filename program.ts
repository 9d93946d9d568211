// The Pulumi program's entry point (package.json "main"). index.ts is the landing zone. A stack written by
// `orgstrap discover` runs adopt.ts instead while orgstrap:adoption.step is "import": its first `pulumi up` only imports
// the existing organization as it is (docs/adopting.md). Either program validates the whole config first.
import * as pulumi from "@pulumi/pulumi";
import { adoptionStepOf } from "./lib/adoption";
import { PROJECT } from "./lib/config";

const importStep = adoptionStepOf(pulumi.runtime.allConfig()[`${PROJECT}:adoption`]) === "import";
// Stack outputs are the entry module's exports: hand over the chosen program's. Only the chosen one may load (each
// registers its resources when loaded), so these are conditional requires, not imports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = importStep ? require("./adopt") : require("./index");
