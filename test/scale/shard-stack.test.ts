// A tenant-shard stack: it reads its Sovereign through a (mocked) StackReference, owns only its own
// tenants, and attaches their routes to the Sovereign's Gateways.

import { strict as assert } from "node:assert";
import { getPath } from "../../src/rules/value-paths";
import { attachmentFailures, checkSovereignAttachment } from "../../src/proof/sovereign-attachment";
import { RenderResult, renderStack } from "../../src/tools/render/render-stack";
import type { SovereignReference } from "../../src/model/sovereign-reference";
import { REPO_ROOT, capturingWarnings, writeStack, zonesOf } from "../support/sovereigns";

const PARENT = "organization/sovereign-stacks/omantel";
const realm = (slug: string) => ({ realmURL: `https://auth.omantel.omani.works/realms/${slug}` });

async function renderShard(values: Record<string, unknown>, reference: SovereignReference): Promise<RenderResult> {
    const stackFile = writeStack("shard", values);
    return (await capturingWarnings(() => renderStack({ stackFile, projectRoot: REPO_ROOT, stackReferences: { [PARENT]: { sovereign: reference } } }))).result;
}

describe("tenant-shard stacks", () => {
    let reference: SovereignReference;
    before(async () => {
        const parentFile = writeStack("omantel", {
            fqdn: "omantel.omani.works",
            zones: zonesOf("omani.works", "omani.homes"),
            gateways: { console: "console-gw" },
            tenants: [{ slug: "acme", keycloak: realm("acme") }],
        });
        const parent = (await capturingWarnings(() => renderStack({ stackFile: parentFile, projectRoot: REPO_ROOT }))).result;
        reference = parent.outputs.sovereign!;
    });

    it("the Sovereign stack exports what a shard needs", () => {
        assert.equal(reference.format, "sovereign-stacks/v2");
        assert.equal(reference.fqdn, "omantel.omani.works");
        assert.deepEqual(reference.zones.map((z) => z.name), ["omani.works", "omani.homes"]);
        assert.equal(reference.gateways.consoleName, "console-gw");
        assert.deepEqual(reference.tenants, [{ slug: "acme", domain: "acme.omani.homes" }]);
        assert.deepEqual(reference.listenerContainers, { acme: "ListenerSet tenant-acme/console-acme" });
    });

    it("renders only its own tenants, no Gateways and no platform blueprints", async () => {
        const r = await renderShard({ shardOf: PARENT, tenants: [{ slug: "hooli", keycloak: realm("hooli") }] }, reference);
        const namespaces = [...new Set(r.documents.map((d) => d.namespace ?? d.name))];
        assert.deepEqual(namespaces, ["tenant-hooli"]);
        assert.deepEqual(r.documents.filter((d) => d.kind === "Gateway" || d.kind === "HelmChart"), []);
        assert.equal(r.outputs.sovereign, undefined);
        assert.deepEqual(Object.keys(r.outputs.tenants), ["hooli"]);
    });

    it("attaches the shard's user-access route to the Sovereign's console Gateway through its ListenerSet", async () => {
        const r = await renderShard({ shardOf: PARENT, tenants: [{ slug: "hooli", keycloak: realm("hooli") }] }, reference);
        const ls = r.documents.find((d) => d.kind === "ListenerSet")!;
        assert.deepEqual(getPath(ls.body, "spec.parentRef"), { group: "gateway.networking.k8s.io", kind: "Gateway", name: "console-gw", namespace: "kube-system" });
        const route = r.documents.find((d) => d.kind === "HTTPRoute")!;
        assert.deepEqual(getPath(route.body, "spec.parentRefs"), [{ group: "gateway.networking.k8s.io", kind: "ListenerSet", name: "console-hooli", namespace: "tenant-hooli" }]);
        const report = checkSovereignAttachment(r.plan);
        assert.deepEqual(attachmentFailures(report), []);
        assert.deepEqual(report.parents.map((p) => [p.route.name, p.gateway, p.attachedListeners.join(",")]), [
            ["stalwart-hooli-user-access", "kube-system/console-gw", "console-https-hooli,console-http-hooli"],
        ]);
    });

    it("rejects a tenant the Sovereign stack already owns, and Sovereign-wide keys", async () => {
        await assert.rejects(
            renderShard({ shardOf: PARENT, fqdn: "x.omani.works", tenants: [{ slug: "acme", keycloak: realm("acme") }] }, reference),
            (err: Error) => {
                assert.match(err.message, /sovereign-stacks:fqdn = "x\.omani\.works": is not a shard setting; the Sovereign stack organization\/sovereign-stacks\/omantel sets it/);
                assert.match(err.message, /sovereign-stacks:tenants\[0\]\.slug = "acme": is already a tenant of the Sovereign stack/);
                return true;
            },
        );
    });

    it("fails clearly when the Sovereign stack has no `sovereign` output yet", async () => {
        const stackFile = writeStack("shard", { shardOf: PARENT, tenants: [] });
        await assert.rejects(
            capturingWarnings(() => renderStack({ stackFile, projectRoot: REPO_ROOT, stackReferences: { [PARENT]: {} } })),
            /sovereign-stacks:shardOf = "organization\/sovereign-stacks\/omantel": the stack has no `sovereign` output; run `pulumi up` on the Sovereign stack first/,
        );
    });

    it("the bundled shard example renders against the bundled omantel Sovereign", async () => {
        const r = (await capturingWarnings(() => renderStack({ stack: "omantel-shard-a", projectRoot: REPO_ROOT }))).result;
        assert.deepEqual(Object.keys(r.outputs.tenants).sort(), ["hooli", "umbrella"]);
        assert.deepEqual(attachmentFailures(checkSovereignAttachment(r.plan)), []);
    });
});
