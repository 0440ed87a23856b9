// Every object the program renders is valid for the cluster by the cluster's own rules: each example stack,
// and generated Sovereigns with 1, 2 and 4 zones and 200 tenants of every mode (native on a free
// subdomain, native with the tenant's own domain, bp-stalwart-tenant chart). The counts pin how much was
// checked, CEL rules included, so a validator that silently stops checking fails here.

import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as path from "path";
import type { RenderResult } from "../../../src/tools/render/render-stack";
import { renderStack } from "../../../src/tools/render/render-stack";
import { loadCrdCatalog } from "../../../src/tools/schema/crd-catalog";
import { SchemaReport, formatSchemaReport, validateDocuments } from "../../../src/tools/schema/validate-documents";
import { REPO_ROOT, capturingWarnings, renderValues, zonesOf } from "../../support/sovereigns";

const catalog = loadCrdCatalog();

interface Summary {
    objects: number;
    kinds: Record<string, number>;
    celEvaluated: number;
    problems: string[];
    unsupported: number;
}

/**
 * Runs `fn` with V8's own stack formatting instead of ts-node's source-mapped one. Pulumi captures a full
 * stack trace for every resource (its source position) and every internal promise; mapping each of those
 * through source maps is about a third of a 200-tenant render's time, and no test here reads them.
 */
async function withPlainStackTraces<T>(fn: () => Promise<T>): Promise<T> {
    const holder = Error as { prepareStackTrace?: unknown };
    const original = holder.prepareStackTrace;
    holder.prepareStackTrace = undefined;
    try {
        return await fn();
    } finally {
        holder.prepareStackTrace = original;
    }
}

function summary(r: RenderResult, report: SchemaReport): Summary {
    const kinds: Record<string, number> = {};
    for (const d of r.documents) {
        const key = `${String(d.body.apiVersion)} ${d.kind}`;
        kinds[key] = (kinds[key] ?? 0) + 1;
    }
    return { objects: report.objects, kinds, celEvaluated: report.cel.evaluated, problems: formatSchemaReport(report), unsupported: report.cel.unsupported.length };
}

describe("schema validation of every rendered object", function () {
    this.timeout(300_000);

    describe("example stacks", () => {
        const stacks = fs
            .readdirSync(path.join(REPO_ROOT, "stacks"))
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((s): s is string => s !== undefined)
            .sort();
        const expected: Record<string, { objects: number; celEvaluated: number }> = {
            omantel: { objects: 55, celEvaluated: 259 },
            "omantel-shard-a": { objects: 43, celEvaluated: 240 },
            t28: { objects: 9, celEvaluated: 17 },
        };

        it("covers every stack file in stacks/", () => {
            assert.deepEqual(stacks, Object.keys(expected).sort());
        });

        for (const stack of Object.keys(expected)) {
            it(`${stack}: every object passes`, async () => {
                const r = await renderStack({ stack, projectRoot: REPO_ROOT });
                const s = summary(r, validateDocuments(r.documents, catalog));
                assert.deepEqual({ objects: s.objects, celEvaluated: s.celEvaluated, problems: s.problems, unsupported: s.unsupported }, { ...expected[stack], problems: [], unsupported: 0 });
            });
        }
    });

    describe("the other placements of tenant traffic (every tenant mode)", () => {
        const realm = (slug: string) => ({ realmURL: `https://auth.omantel.omani.works/realms/${slug}` });
        const TENANTS = [
            { slug: "acme", keycloak: realm("acme") },
            { slug: "globex", keycloak: realm("globex"), domain: { mode: "byo", primary: "globex.com" } },
            { slug: "initech", implementation: "chart", keycloak: realm("initech") },
        ];
        const cases = [
            { what: "tenant listeners on the console Gateway", extra: { tenancy: { listeners: "gateway" } }, objects: 54, celEvaluated: 247, kind: "gateway.networking.k8s.io/v1beta1 ReferenceGrant", count: 3 },
            { what: "no Gateway API: webmail through Ingresses", extra: { gateways: { management: "none" } }, objects: 47, celEvaluated: 0, kind: "networking.k8s.io/v1 Ingress", count: 2 },
            {
                what: "SMTP egress pinned to a Cilium egress gateway",
                extra: { tenancy: { egress: { ciliumGateway: { nodeSelector: { "egress-gateway": "true" }, egressIP: "203.0.113.25" } } } },
                objects: 56,
                celEvaluated: 259,
                kind: "cilium.io/v2 CiliumEgressGatewayPolicy",
                count: 2,
            },
        ];
        for (const c of cases) {
            it(`${c.what}: every object passes`, async () => {
                const values = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes"), tenants: TENANTS, ...c.extra };
                const r = (await capturingWarnings(() => renderValues("placements", values))).result;
                const s = summary(r, validateDocuments(r.documents, catalog));
                assert.deepEqual(
                    { objects: s.objects, celEvaluated: s.celEvaluated, problems: s.problems, unsupported: s.unsupported, count: s.kinds[c.kind] },
                    { objects: c.objects, celEvaluated: c.celEvaluated, problems: [], unsupported: 0, count: c.count },
                );
            });
        }
    });

    describe("generated Sovereigns of every tenant mode on 1, 2 and 4 zones", () => {
        const ZONES = ["omani.works", "omani.homes", "omani.cloud", "omani.site"];
        /** Every tenth tenant (20) runs the chart, which puts two listeners each on the console Gateway (at most 64). */
        function tenant(i: number, zones: string[]): Record<string, unknown> {
            const slug = `org${String(i).padStart(3, "0")}`;
            const keycloak = { realmURL: `https://auth.big.omani.works/realms/${slug}` };
            const zone = zones[i % zones.length];
            if (i % 10 === 2) {
                return { slug, implementation: "chart", keycloak, domain: { zone } };
            }
            return i % 2 === 1 ? { slug, keycloak, domain: { mode: "byo", primary: `${slug}.example.com` } } : { slug, keycloak, domain: { zone } };
        }

        // 200 tenants once (4 zones); 1 and 2 zones with 20 of the same mix, which exercises the same
        // shapes at a tenth of the render time.
        const cases = [
            { zones: 1, tenants: 20, externalSecrets: "v1", objects: 399, celEvaluated: 2179 },
            { zones: 2, tenants: 20, externalSecrets: "v1beta1", objects: 399, celEvaluated: 2180 },
            { zones: 4, tenants: 200, externalSecrets: "v1", objects: 3909, celEvaluated: 21640 },
        ];
        for (const c of cases) {
            it(`${c.zones} zone(s), ${c.tenants} tenants, ExternalSecrets ${c.externalSecrets}: every object passes`, async () => {
                const zones = ZONES.slice(0, c.zones);
                const values = {
                    fqdn: "big.omani.works",
                    zones: zonesOf(...zones),
                    tenancy: { externalSecretsApiVersion: c.externalSecrets },
                    tenants: Array.from({ length: c.tenants }, (_, i) => tenant(i, zones)),
                };
                const r = (await withPlainStackTraces(() => capturingWarnings(() => renderValues(`big${c.zones}`, values)))).result;
                const s = summary(r, validateDocuments(r.documents, catalog));
                assert.deepEqual(
                    { objects: s.objects, celEvaluated: s.celEvaluated, problems: s.problems, unsupported: s.unsupported },
                    { objects: c.objects, celEvaluated: c.celEvaluated, problems: [], unsupported: 0 },
                );
                const chartTenants = c.tenants / 10;
                assert.equal(s.kinds[`external-secrets.io/${c.externalSecrets} ExternalSecret`], 2 * (c.tenants - chartTenants)); // two per native tenant; chart tenants get theirs from the chart
                assert.equal(s.kinds["gateway.networking.k8s.io/v1 ListenerSet"], c.tenants - chartTenants);
                assert.equal(s.kinds["render.sovereign-stacks/v1 HelmChart"], 7 + chartTenants); // the default blueprints (as in t28) and the chart tenants
            });
        }
    });
});
