import { strict as assert } from "node:assert";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { gatewayValues } from "../../src/plan/gateway-values";
import { ownedValuePaths } from "../../src/rules/owned-value-paths";
import { PLATFORM_BLUEPRINTS } from "../../src/model/blueprint-names";
import { leafPaths } from "../../src/rules/value-paths";

const parent = { name: "cilium-gateway", namespace: "kube-system" };

function target(fqdn: string, host: string, sectionName?: string) {
    return { host, parent, fqdn, ...(sectionName ? { sectionName } : {}) };
}

describe("gateway values per chart contract", () => {
    const t = target("omantel.omani.works", "x.omantel.omani.works");

    for (const name of ["gitea", "grafana", "keycloak", "openbao"] as const) {
        it(`${name}: gateway.{enabled, host, parentRef} and no sectionName`, () => {
            assert.deepEqual(gatewayValues(CATALOG[name], t), {
                gateway: { enabled: true, host: "x.omantel.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system" } },
            });
        });
    }

    it("powerdns: both enable flags, api.host and api.gateway.parentRef", () => {
        assert.deepEqual(gatewayValues(CATALOG.powerdns, t), {
            api: {
                enabled: true,
                host: "x.omantel.omani.works",
                gateway: { enabled: true, parentRef: { name: "cilium-gateway", namespace: "kube-system" } },
            },
        });
    });

    it("newapi: ingress.httpRoute.* plus sovereignFQDN", () => {
        assert.deepEqual(gatewayValues(CATALOG.newapi, t), {
            ingress: { httpRoute: { enabled: true, host: "x.omantel.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system" } } },
            sovereignFQDN: "omantel.omani.works",
        });
    });

    it("stalwart-tenant: ingress.webmail.* in gateway mode", () => {
        const console = { ...t, parent: { name: "cilium-gateway-console", namespace: "kube-system" } };
        assert.deepEqual(gatewayValues(CATALOG["stalwart-tenant"], console), {
            ingress: { webmail: { mode: "gateway", host: "x.omantel.omani.works", parentRef: { name: "cilium-gateway-console", namespace: "kube-system" } } },
        });
    });

    it("a pinned sectionName is passed through", () => {
        const pinned = target("omani.works", "git.omani.works", "https");
        assert.deepEqual(gatewayValues(CATALOG.gitea, pinned), {
            gateway: { enabled: true, host: "git.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system", sectionName: "https" } },
        });
    });

    it("no chart gets a sectionName key unless pinned, harbor included (its alias route shares the main parentRef)", () => {
        for (const name of PLATFORM_BLUEPRINTS) {
            const values = gatewayValues(CATALOG[name], target("a.example", name === "harbor" ? "registry.a.example" : "h.a.example"));
            assert.deepEqual(leafPaths(values).filter((p) => p.endsWith("sectionName")), [], name);
        }
    });
});

describe("harbor (1.2.49 and later)", () => {
    it("sets only gateway.{enabled, host, parentRef}: no gateway.name, so the main route keeps its name", () => {
        assert.deepEqual(gatewayValues(CATALOG.harbor, target("omantel.omani.works", "registry.omantel.omani.works")), {
            gateway: { enabled: true, host: "registry.omantel.omani.works", parentRef: { name: "cilium-gateway", namespace: "kube-system" } },
        });
    });

    it("owns only the route keys; gateway.name and the pre-1.2.49 alias keys are left to the chart", () => {
        assert.deepEqual(ownedValuePaths(CATALOG.harbor), ["gateway.enabled", "gateway.host", "gateway.parentRef"]);
    });
});
