// The whole program under Pulumi mocks, for 1, 2 and 3 zones and a Sovereign whose FQDN is or is not a
// zone: what each blueprint's chart receives, and the Gateways it creates.

import { strict as assert } from "node:assert";
import { getPath, leafPaths } from "../../../src/rules/value-paths";
import { CATALOG } from "../../../src/model/blueprint-catalog";
import { PLATFORM_BLUEPRINTS } from "../../../src/model/blueprint-names";
import type { RenderResult } from "../../../src/tools/render/render-stack";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { capturingWarnings, renderValues, zonesOf } from "../../support/sovereigns";

interface Case {
    title: string;
    fqdn: string;
    zones: string[];
    shared: string[];
}

const CASES: Case[] = [
    { title: "1 zone, FQDN is the zone", fqdn: "omani.works", zones: ["omani.works"], shared: ["https", "http"] },
    {
        title: "1 zone, FQDN is not a zone",
        fqdn: "t28.omani.works",
        zones: ["omani.works"],
        shared: ["https", "http", "https-t28-omani-works", "http-t28-omani-works"],
    },
    {
        title: "2 zones, FQDN is not a zone",
        fqdn: "omantel.omani.works",
        zones: ["omani.works", "omani.homes"],
        shared: ["https-omani-works", "http-omani-works", "https-omani-homes", "http-omani-homes", "https-omantel-omani-works", "http-omantel-omani-works"],
    },
    {
        title: "3 zones, FQDN is a zone",
        fqdn: "omani.works",
        zones: ["omani.works", "omani.homes", "omani.biz"],
        shared: ["https-omani-works", "http-omani-works", "https-omani-homes", "http-omani-homes", "https-omani-biz", "http-omani-biz"],
    },
];

const charts = (r: RenderResult) => r.documents.filter((d) => d.kind === "HelmChart");
const gateway = (r: RenderResult, name: string) => r.documents.find((d) => d.kind === "Gateway" && d.name === name);
const listenersOf = (d: RenderedDocument | undefined) => (getPath(d!.body, "spec.listeners") as { name: string; hostname: string }[]).map((l) => l.name);

describe("Sovereign under mocks, per zone count", () => {
    for (const c of CASES) {
        describe(c.title, () => {
            let r: RenderResult;
            before(async () => {
                r = (await capturingWarnings(() => renderValues("zones", { fqdn: c.fqdn, zones: zonesOf(...c.zones) }))).result;
            });

            it("creates the shared Gateway with exactly the listeners the rule gives", () => {
                assert.deepEqual(listenersOf(gateway(r, "cilium-gateway")), c.shared);
                assert.deepEqual(r.outputs.listeners.shared, c.shared);
            });

            it("creates the console Gateway with its per-host listeners", () => {
                assert.deepEqual(listenersOf(gateway(r, "cilium-gateway-console")), [
                    "console-https",
                    "console-http",
                    "api-https",
                    "api-http",
                    "marketplace-https",
                    "marketplace-http",
                ]);
            });

            it("installs the seven platform blueprints at their pinned versions", () => {
                assert.deepEqual(
                    charts(r).map((d) => `${getPath(d.body, "spec.chart")}@${getPath(d.body, "spec.version")} ${d.namespace}`),
                    PLATFORM_BLUEPRINTS.map((n) => `oci://ghcr.io/openova-io/bp-${n}@${CATALOG[n].defaultVersion} ${n}`),
                );
            });

            it("gives every chart its parent Gateway and host, and no sectionName", () => {
                for (const d of charts(r)) {
                    const name = d.name as keyof typeof CATALOG;
                    const def = CATALOG[name];
                    const values = getPath(d.body, "spec.values") as Record<string, unknown>;
                    assert.deepEqual(getPath(values, def.route.parentRefPath), { name: "cilium-gateway", namespace: "kube-system" }, name);
                    assert.equal(getPath(values, def.route.hostPath), `${def.hostPrefix}.${c.fqdn}`, name);
                    const pins = leafPaths(values).filter((p) => p.endsWith("sectionName"));
                    assert.deepEqual(pins, [], name);
                }
            });

            it("gives harbor no gateway.name (it would rename the main route) and no pre-1.2.49 alias keys", () => {
                const harbor = charts(r).find((d) => d.name === "harbor")!;
                assert.deepEqual(getPath(harbor.body, "spec.values.gateway"), {
                    enabled: true,
                    host: `registry.${c.fqdn}`,
                    parentRef: { name: "cilium-gateway", namespace: "kube-system" },
                });
            });
        });
    }
});

describe("Sovereign options under mocks", () => {
    it("renders an operator-pinned sectionName that exists", async () => {
        const { result } = await capturingWarnings(() =>
            renderValues("pin", { fqdn: "omani.works", zones: zonesOf("omani.works", "omani.homes"), blueprints: { gitea: { sectionName: "https-omani-works" } } }),
        );
        const gitea = charts(result).find((d) => d.name === "gitea")!;
        assert.deepEqual(getPath(gitea.body, "spec.values.gateway.parentRef"), { name: "cilium-gateway", namespace: "kube-system", sectionName: "https-omani-works" });
    });

    it("fails validation, registering nothing, when the pinned sectionName does not exist", async () => {
        await assert.rejects(
            renderValues("pin", { fqdn: "omani.works", zones: zonesOf("omani.works", "omani.homes"), blueprints: { gitea: { sectionName: "https" } } }),
            /sovereign-stacks:blueprints\.gitea\.sectionName = "https": names no listener of Gateway kube-system\/cilium-gateway/,
        );
    });

    it("creates no Gateways when they are managed elsewhere, but still wires routes to them", async () => {
        const { result } = await capturingWarnings(() => renderValues("ext", { fqdn: "omani.works", gateways: { management: "external", shared: "apps-gw" } }));
        assert.deepEqual(result.documents.filter((d) => d.kind === "Gateway"), []);
        assert.deepEqual(getPath(charts(result)[0].body, "spec.values.gateway.parentRef"), { name: "apps-gw", namespace: "kube-system" });
        assert.deepEqual(result.outputs.gateways, [
            { role: "shared", ref: "kube-system/apps-gw", managedHere: false },
            { role: "console", ref: "kube-system/cilium-gateway-console", managedHere: false },
        ]);
    });

    it("skips disabled blueprints and namespaces it should not create", async () => {
        const { result } = await capturingWarnings(() =>
            renderValues("opts", { fqdn: "omani.works", blueprints: { grafana: { enabled: false }, gitea: { createNamespace: false, namespace: "git", values: { replicaCount: 2 } } } }),
        );
        assert.deepEqual(charts(result).map((d) => d.name), ["gitea", "harbor", "keycloak", "newapi", "openbao", "powerdns"]);
        assert.deepEqual(result.documents.filter((d) => d.kind === "Namespace").map((d) => d.name), ["harbor", "keycloak", "newapi", "openbao", "powerdns"]);
        const gitea = charts(result).find((d) => d.name === "gitea")!;
        assert.equal(gitea.namespace, "git");
        assert.equal(getPath(gitea.body, "spec.values.replicaCount"), 2);
        assert.deepEqual(Object.keys(result.outputs.hosts), ["gitea", "harbor", "keycloak", "newapi", "openbao", "powerdns"]);
    });
});
