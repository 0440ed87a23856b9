import { strict as assert } from "node:assert";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { countChanges, objectChanges, objectYaml } from "../../../src/tools/pr-comment/object-changes";
import { documentsFromRenderedFiles } from "../../../src/tools/pr-comment/rendered-files";
import { filesByNamespace } from "../../../src/tools/render/manifest-files";
import { chartVersionChanges, tenantsOf } from "../../../src/tools/pr-comment/stack-review";

const chart = (name: string, version: string, host: string): RenderedDocument => ({
    namespace: name,
    kind: "HelmChart",
    name,
    body: { apiVersion: "render.sovereign-stacks/v1", kind: "HelmChart", metadata: { name, namespace: name }, spec: { chart: `oci://ghcr.io/openova-io/bp-${name}`, version, namespace: name, values: { gateway: { host } } } },
});
const namespace = (name: string, tenant?: string): RenderedDocument => ({
    namespace: undefined,
    kind: "Namespace",
    name,
    body: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: tenant === undefined ? {} : { "catalyst.openova.io/tenant": tenant } } },
});
const secret = (ns: string, name: string): RenderedDocument => ({
    namespace: ns,
    kind: "Secret",
    name,
    body: { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: ns }, stringData: { "ed25519.key": "[secret]" } },
});

describe("pull-request comment: object changes", () => {
    const base = [namespace("gitea"), namespace("tenant-old", "old"), chart("gitea", "1.2.8", "git.t28.omani.works"), chart("grafana", "1.0.2", "grafana.t28.omani.works")];
    const head = [namespace("gitea"), namespace("tenant-acme", "acme"), chart("gitea", "1.2.9", "code.t28.omani.works"), chart("grafana", "1.0.2", "grafana.t28.omani.works"), secret("tenant-acme", "dkim")];

    it("matches objects by kind, namespace and name: creates, updates (with changed paths from spec for a HelmChart) and deletes", () => {
        const changes = objectChanges("t28", base, head);
        assert.deepEqual(
            changes.map((c) => [c.action, c.kind, c.namespace, c.name, c.changes]),
            [
                ["create", "Namespace", undefined, "tenant-acme", []],
                ["delete", "Namespace", undefined, "tenant-old", []],
                [
                    "update",
                    "HelmChart",
                    "gitea",
                    "gitea",
                    [
                        { path: "values.gateway.host", before: "git.t28.omani.works", after: "code.t28.omani.works" },
                        { path: "version", before: "1.2.8", after: "1.2.9" },
                    ],
                ],
                ["create", "Secret", "tenant-acme", "dkim", []],
            ],
        );
        assert.deepEqual(countChanges(changes), { create: 2, update: 1, delete: 1 });
        assert.deepEqual(objectChanges("t28", base, base), []);
    });

    it("diffs each object's YAML as npm run render writes it, secrets as [secret]", () => {
        const changes = objectChanges("t28", base, head);
        assert.equal(
            changes.find((c) => c.kind === "Secret")!.diff,
            [
                "--- /dev/null",
                "+++ head/t28/Secret/tenant-acme/dkim",
                "@@ -0,0 +1,7 @@",
                "+apiVersion: v1",
                "+kind: Secret",
                "+metadata:",
                "+  name: dkim",
                "+  namespace: tenant-acme",
                "+stringData:",
                "+  ed25519.key: '[secret]'",
                "",
            ].join("\n"),
        );
        assert.match(changes.find((c) => c.action === "delete")!.diff, /^--- base\/t28\/Namespace\/tenant-old\n\+\+\+ \/dev\/null\n@@ -1,6 \+0,0 @@\n-apiVersion: v1\n/);
        assert.equal(objectYaml(head[0]), "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {}\n  name: gitea\n");
    });

    it("finds tenants by their Namespace label and chart versions that changed", () => {
        assert.deepEqual(tenantsOf(head), ["acme"]);
        assert.deepEqual(chartVersionChanges(base, head), [{ name: "gitea", before: "1.2.8", after: "1.2.9" }]);
    });

    it("reads objects back from the files npm run render --out writes (a base without preview:snapshot)", () => {
        const files = filesByNamespace(head, "stacks/Pulumi.t28.yaml");
        const back = documentsFromRenderedFiles(files);
        assert.deepEqual(objectChanges("t28", head, back), [], "a render read back from its files compares equal");
        assert.throws(() => documentsFromRenderedFiles(new Map([["x.yaml", "---\nfoo: 1\n"]])), /^Error: x\.yaml: a document without kind and metadata\.name/);
    });
});
