// Mocha --require file: installs the fake cloud before any spec loads the program (setMocks must come first),
// and gives the runtime the committed example stack's config.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../../lib/config";
import { readStackFile, toPulumiConfigMap } from "../../lib/stackFile";
import { installMockCloud } from "../../harness/mockCloud";

installMockCloud(PROJECT, "dev");
pulumi.runtime.setAllConfig(toPulumiConfigMap(readStackFile(path.join(__dirname, "..", "..", "Pulumi.dev.yaml"))));
