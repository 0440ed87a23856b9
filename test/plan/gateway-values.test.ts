import { strict as assert } from "node:assert";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { gatewayValues } from "../../src/plan/gateway-values";
import { ownedValuePaths } from "../../src/rules/owned-value-paths";
import { PLATFORM_BLUEPRINTS } from "../../src/model/blueprint-names";
import { leafPaths } from "../../src/rules/value-paths";
import { sharedGatewayListeners } from "../../src/topology/listeners";
import type { Zone } from "../../src/model/sovereign-spec";

const parent = { name: "cilium-gateway", namespace: "kube-system" };
const PORTS = { httpsPort: 443, httpPort: 80 };

function target(fqdn: string, zoneNames: string[], host: string, sectionName?: string) {
    const zones: Zone[] = zoneNames.map((name, i) => ({ name, role: i === 0 ? "primary" : "org-pool" }));
    return { host, parent, listeners: sharedGatewayListeners(fqdn, zones, "kube-system", PORTS), fqdn, ...(sectionName ? { sectionName } : {}) };
}

describe("gateway values per chart contract", () => {
    const t = target("omantel.omani.works", ["omani.works", "omani.homes"], "x.omantel.omani.works");

    for (const name of ["gitea", "grafana", "keycloak", "openbao"] as const) {
        it(`${name}: gateway.{enabled, host, parentRef} and no sectionName`, () => {
            assert.deepEqual(gatewayValues(CATALOG[name], t, {}), {
                values: { gateway: { enabled: true, host: "x.omantel.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system" } } },
                notes: [],
            });
        });
    }

    it("powerdns: both enable flags, api.host and api.gateway.parentRef", () => {
        assert.deepEqual(gatewayValues(CATALOG.powerdns, t, {}).values, {
            api: {
                enabled: true,
                host: "x.omantel.omani.works",
                gateway: { enabled: true, parentRef: { name: "cilium-gateway", namespace: "kube-system" } },
            },
        });
    });

    it("newapi: ingress.httpRoute.* plus sovereignFQDN", () => {
        assert.deepEqual(gatewayValues(CATALOG.newapi, t, {}).values, {
            ingress: { httpRoute: { enabled: true, host: "x.omantel.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system" } } },
            sovereignFQDN: "omantel.omani.works",
        });
    });

    it("stalwart-tenant: ingress.webmail.* in gateway mode", () => {
        const console = { ...t, parent: { name: "cilium-gateway-console", namespace: "kube-system" } };
        assert.deepEqual(gatewayValues(CATALOG["stalwart-tenant"], console, {}).values, {
            ingress: { webmail: { mode: "gateway", host: "x.omantel.omani.works", parentRef: { name: "cilium-gateway-console", namespace: "kube-system" } } },
        });
    });

    it("a pinned sectionName is passed through", () => {
        const pinned = target("omani.works", ["omani.works"], "git.omani.works", "https");
        assert.deepEqual(gatewayValues(CATALOG.gitea, pinned, {}).values, {
            gateway: { enabled: true, host: "git.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system", sectionName: "https" } },
        });
    });

    it("no chart gets a sectionName key unless pinned (harbor's alias route is covered below)", () => {
        for (const name of PLATFORM_BLUEPRINTS) {
            const { values } = gatewayValues(CATALOG[name], target("a.example", ["a.example", "b.example"], "h.a.example"), {});
            assert.deepEqual(leafPaths(values).filter((p) => p.endsWith("sectionName")), [], name);
        }
    });
});

describe("harbor's alias-redirect route (always pins a listener)", () => {
    const cases: [string, string[], string][] = [
        ["omani.works", ["omani.works"], "https"],
        ["t28.omani.works", ["omani.works"], "https-t28-omani-works"],
        ["omantel.omani.works", ["omani.works", "omani.homes"], "https-omantel-omani-works"],
        ["omani.works", ["omani.works", "omani.homes", "omani.biz"], "https-omani-works"],
    ];
    for (const [fqdn, zones, listener] of cases) {
        it(`${zones.length} zone(s), FQDN ${fqdn}: alias pinned to ${listener}, the listener that serves harbor.${fqdn}`, () => {
            const t = target(fqdn, zones, `registry.${fqdn}`);
            assert.ok(t.listeners.some((l) => l.name === listener && l.protocol === "HTTPS"));
            assert.deepEqual(gatewayValues(CATALOG.harbor, t, {}), {
                values: {
                    gateway: {
                        enabled: true,
                        host: `registry.${fqdn}`,
                        parentRef: { name: "cilium-gateway", namespace: "kube-system" },
                        name: "cilium-gateway",
                        namespace: "kube-system",
                        sectionName: listener,
                    },
                },
                notes: [],
            });
        });
    }

    it("leaves the alias alone when the operator switched it off", () => {
        const { values } = gatewayValues(CATALOG.harbor, target("omani.works", ["omani.works", "omani.homes"], "registry.omani.works"), { gateway: { aliasHarborHost: false } });
        assert.deepEqual(values, { gateway: { enabled: true, host: "registry.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system" } } });
    });

    it("sets nothing extra when the host does not start with registry. (the chart renders no alias)", () => {
        const { values } = gatewayValues(CATALOG.harbor, target("omani.works", ["omani.works", "omani.homes"], "harbor.omani.works"), {});
        assert.deepEqual(Object.keys(values.gateway as object).sort(), ["enabled", "host", "parentRef"]);
    });

    it("switches the alias off, with a note, when no HTTPS listener serves its host", () => {
        const t = { ...target("omani.works", ["omani.works"], "registry.other.example"), listeners: target("omani.works", ["omani.works"], "x").listeners };
        const { values, notes } = gatewayValues(CATALOG.harbor, t, {});
        assert.equal((values.gateway as Record<string, unknown>).aliasHarborHost, false);
        assert.equal((values.gateway as Record<string, unknown>).sectionName, undefined);
        assert.deepEqual(notes, [
            "harbor: the route for harbor.other.example always pins a listener and no HTTPS listener of kube-system/cilium-gateway serves that host, so it is switched off (gateway.aliasHarborHost: false)",
        ]);
    });

    it("owns the alias parent keys so operator values cannot re-pin it", () => {
        assert.deepEqual(ownedValuePaths(CATALOG.harbor), [
            "gateway.enabled",
            "gateway.host",
            "gateway.parentRef",
            "gateway.name",
            "gateway.namespace",
            "gateway.sectionName",
        ]);
    });
});
