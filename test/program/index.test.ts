// index.ts exactly as the Pulumi CLI loads it: config set the way the CLI sets it, mocks in place first,
// then the entry module imported; its export resolves to the stack outputs.

import { strict as assert } from "node:assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readProjectFile, readStackFileConfig, stackFilePath } from "../../src/config/stack-files";
import { PROVIDER_FAKES } from "../../src/tools/render/provider-fakes";
import { RecordingMocks } from "../../src/tools/render/recording-mocks";
import { cliConfigMap } from "../../src/tools/render/render-stack";
import { REPO_ROOT, capturingWarnings } from "../support/sovereigns";

describe("index.ts under the CLI's conditions", () => {
    it("reads stacks/Pulumi.t28.yaml through Pulumi config and exports the Sovereign's outputs", async () => {
        const project = readProjectFile(REPO_ROOT);
        const { projectValues, secureKeys } = readStackFileConfig(stackFilePath(project, "t28"), project);
        const { config, secretKeys } = cliConfigMap(project.name, projectValues, secureKeys);
        const mocks = new RecordingMocks(PROVIDER_FAKES);
        await pulumi.runtime.setMocks(mocks, project.name, "t28", false);
        pulumi.runtime.setAllConfig(config, secretKeys);
        const cwd = process.cwd();
        process.chdir(REPO_ROOT); // the CLI runs the program from the project folder
        try {
            const { result: outputs } = await capturingWarnings(async () => {
                let exported: unknown;
                await pulumi.runtime.runInPulumiStack(async () => {
                    exported = await (await import(path.join(REPO_ROOT, "index"))).default;
                    return {};
                });
                await pulumi.runtime.disconnect();
                return exported as Record<string, unknown>;
            });
            assert.equal(outputs.fqdn, "t28.omani.works");
            assert.deepEqual(outputs.listeners, {
                shared: ["https", "http", "https-t28-omani-works", "http-t28-omani-works"],
                console: ["console-https", "console-http", "api-https", "api-http", "marketplace-https", "marketplace-http"],
            });
            assert.deepEqual((outputs.hosts as Record<string, string>).harbor, "registry.t28.omani.works");
            assert.equal((outputs.sovereign as { format: string }).format, "sovereign-stacks/v2");
            assert.deepEqual(outputs.dnsRecords, {});
            assert.equal(mocks.registrations.filter((r) => r.type === "kubernetes:helm.sh/v4:Chart").length, 7);
        } finally {
            process.chdir(cwd);
        }
    });
});
