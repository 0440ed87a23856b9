// Schema validation as a step of `npm run check`: an invalid rendered object fails the check with one line
// per problem (stderr and report), a valid render adds nothing to the output.

import { strict as assert } from "node:assert";
import { Render, runCheck } from "../../../src/tools/check/check-cli";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { planSovereign } from "../../../src/plan/sovereign-plan";
import { checkSchemas, schemaSection } from "../../../src/tools/schema/check-step";
import { bufferIO } from "../../support/check-io";
import { specFrom, zonesOf } from "../../support/sovereigns";


function rendering(documents: RenderedDocument[]): Render {
    const spec = specFrom({ fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") });
    return async () => ({ stack: "demo", stackFile: `${process.cwd()}/stacks/Pulumi.demo.yaml`, spec, plan: planSovereign(spec), documents });
}

const service = (name: string, port: unknown): RenderedDocument => ({
    namespace: "mail",
    kind: "Service",
    name,
    body: { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "mail" }, spec: { ports: [{ name: "smtp", port }] } },
});

const BAD = [
    "Service mail/25-smtp (v1): metadata.name: must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
    "Service mail/smtp (v1): spec.ports[0].port: must be integer (type)",
];

describe("check: schema validation step", () => {
    it("a valid render: exit 0 and the output of a check without the step", async () => {
        const withStep = bufferIO();
        assert.equal(await runCheck([], withStep.io, rendering([service("smtp", 25)])), 0);
        const without = bufferIO();
        assert.equal(await runCheck([], without.io, rendering([])), 0);
        assert.equal(withStep.out.stdout, without.out.stdout);
        assert.equal(withStep.out.stderr, "");
    });

    it("invalid objects: exit 1, one stderr line per problem, and a section at the end of the report", async () => {
        const { io, out } = bufferIO();
        assert.equal(await runCheck([], io, rendering([service("25-smtp", 25), service("smtp", "25")])), 1);
        assert.equal(out.stderr, BAD.map((l) => `check: schema: ${l}\n`).join(""));
        assert.ok(out.stdout.endsWith(`\nSchema validation: 2 problems in 2 rendered objects:\n${BAD.map((l) => `- ${l}`).join("\n")}\n`), out.stdout);
    });

    it("... in the Markdown report as a list of code spans", () => {
        assert.equal(
            schemaSection({ objects: 2, problems: BAD }, "md"),
            `\n#### Schema validation: 2 problems in 2 rendered objects\n\n${BAD.map((l) => `- \`${l}\``).join("\n")}\n`,
        );
        assert.equal(schemaSection({ objects: 2, problems: [] }, "md"), "");
    });

    it("skips Helm chart requests, which Helm renders, not the API server", () => {
        const chart: RenderedDocument = {
            namespace: "gitea",
            kind: "HelmChart",
            name: "Not_A_Name",
            body: { apiVersion: "render.sovereign-stacks/v1", kind: "HelmChart", metadata: { name: "Not_A_Name" } },
        };
        assert.deepEqual(checkSchemas([chart]), { objects: 0, problems: [] });
    });
});
