import { strict as assert } from "node:assert";
import type { BlueprintPlan } from "../../src/plan/blueprint-plan";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { chartRoutes, routeRenders } from "../../src/plan/chart-routes";
import { aliasRouteRenders } from "../../src/rules/chart-route-names";
import type { Values } from "../../src/rules/value-paths";

const PARENT = { name: "cilium-gateway", namespace: "kube-system" };

function harborPlan(version: string, values: Values): BlueprintPlan {
    return {
        resourceName: "bp-harbor",
        definition: CATALOG.harbor,
        version,
        namespace: "harbor",
        releaseName: "harbor",
        createNamespace: true,
        host: "registry.omani.works",
        parent: PARENT,
        values,
    };
}

const summary = (plan: BlueprintPlan) => chartRoutes(plan).map((r) => [r.metadata.name, r.spec.hostnames, r.spec.parentRefs]);
const on = (extra: Values = {}): Values => ({ gateway: { enabled: true, host: "registry.omani.works", parentRef: PARENT, ...extra } });

describe("predicted chart routes", () => {
    it("harbor 1.2.49: main and alias route share the parentRef, a pinned section included", () => {
        assert.deepEqual(summary(harborPlan("1.2.49", on())), [
            ["harbor", ["registry.omani.works"], [PARENT]],
            ["harbor-alias-redirect", ["harbor.omani.works"], [PARENT]],
        ]);
        const pinned = on({ parentRef: { ...PARENT, sectionName: "https-omani-works" } });
        assert.deepEqual(chartRoutes(harborPlan("1.2.49", pinned)).map((r) => r.spec.parentRefs), [
            [{ ...PARENT, sectionName: "https-omani-works" }],
            [{ ...PARENT, sectionName: "https-omani-works" }],
        ]);
    });

    it("harbor before 1.2.49: the alias route pins gateway.sectionName, \"https\" by default", () => {
        assert.deepEqual(summary(harborPlan("1.2.43", on()))[1], ["harbor-alias-redirect", ["harbor.omani.works"], [{ ...PARENT, sectionName: "https" }]]);
        const legacy = on({ name: "gw", namespace: "infra", sectionName: "https-omani-works" });
        assert.deepEqual(summary(harborPlan("1.2.43", legacy)), [
            ["gw", ["registry.omani.works"], [PARENT]],
            ["harbor-alias-redirect", ["harbor.omani.works"], [{ name: "gw", namespace: "infra", sectionName: "https-omani-works" }]],
        ]);
    });

    it("harbor: extra hosts join the main route (empty and duplicate entries dropped); aliasHarborHost false drops the alias", () => {
        assert.deepEqual(summary(harborPlan("1.2.49", on({ extraHosts: ["hub.omani.works", "", "registry.omani.works"], aliasHarborHost: false }))), [
            ["harbor", ["registry.omani.works", "hub.omani.works"], [PARENT]],
        ]);
    });

    it("aliasRouteRenders: only for a registry.* host, unless the switch is falsy", () => {
        const alias = CATALOG.harbor.route.aliasRoute!;
        assert.equal(aliasRouteRenders(alias, "registry.omani.works", {}), true);
        assert.equal(aliasRouteRenders(alias, "hub.omani.works", {}), false);
        assert.equal(aliasRouteRenders(alias, "registry.omani.works", { gateway: { aliasHarborHost: false } }), false);
        assert.equal(aliasRouteRenders(alias, "registry.omani.works", { gateway: { aliasHarborHost: "yes" } }), true);
    });

    it("routeRenders: newapi needs a placement role that runs the app and newapi.enabled, with the chart's defaults", () => {
        const route = CATALOG.newapi.route;
        const base: Values = { ingress: { httpRoute: { enabled: true } } };
        assert.equal(routeRenders(route, base), true);
        assert.equal(routeRenders(route, { ...base, placement: { role: "vcluster-app" } }), true);
        assert.equal(routeRenders(route, { ...base, placement: { role: "host-seams" } }), false);
        assert.equal(routeRenders(route, { ...base, newapi: { enabled: false } }), false);
        assert.equal(routeRenders(route, { ingress: { httpRoute: { enabled: false } } }), false);
    });

    it("routeRenders: stalwart-tenant needs stalwart.enabled (default true) and gateway mode", () => {
        const route = CATALOG["stalwart-tenant"].route;
        assert.equal(routeRenders(route, { ingress: { webmail: { mode: "gateway" } } }), true);
        assert.equal(routeRenders(route, { ingress: { webmail: { mode: "gateway" } }, stalwart: { enabled: false } }), false);
        assert.equal(routeRenders(route, { ingress: { webmail: { mode: "ingress" } } }), false);
    });
});
