// The chart quirks the program's values exist to work around, shown with real `helm template`: what
// happens to bp-harbor's alias route WITHOUT the program's handling, the pre-fix bp-newapi template,
// and the guards that differ per chart. Runs against the fixtures, or the
// real charts via SOVEREIGN_CONTRACT_CHARTS_DIR; fixture-only cases are skipped there.

import { strict as assert } from "node:assert";
import * as path from "path";
import type { BlueprintPlan } from "../../src/plan/blueprint-plan";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { BLUEPRINT_NAMES } from "../../src/model/blueprint-names";
import { SovereignConfigError } from "../../src/config/issues";
import { checkAttachment } from "../../src/proof/attachment-checker";
import { gatewayManifest } from "../../src/topology/listeners";
import { guardRouteParentRefs } from "../../src/proof/route-guard";
import type { SovereignPlan } from "../../src/plan/sovereign-plan";
import { HelmTemplateError, Manifest, helmTemplate, httpRoutes } from "../support/helm";
import { specFrom, zonesOf } from "../support/sovereigns";
import {
    CONSOLE_PARENT,
    FIXTURE_CHARTS_DIR,
    SHARED_PARENT,
    asHTTPRoute,
    chartPath,
    chartYaml,
    parentRefsOf,
    sovereignOf,
    summarise,
    upstreamMode,
} from "./contract-support";

const SHARED_KEY = `${SHARED_PARENT.namespace}/${SHARED_PARENT.name}`;

async function routesOf(chart: string, values: Record<string, unknown>, release = "r", namespace = "ns"): Promise<Manifest[]> {
    return httpRoutes(await helmTemplate(chart, { release, namespace, values }));
}

function byHost(routes: Manifest[], host: string): Manifest {
    const found = routes.find((r) => JSON.stringify(summarise(r).hostnames) === JSON.stringify([host]));
    assert.ok(found, `a route for ${host} among ${routes.map((r) => JSON.stringify(summarise(r).hostnames)).join(", ")}`);
    return found;
}

describe("bp-harbor's alias route without the program's handling", function () {
    // Plain values as an operator (or OpenOva's bootstrap slot 19) would set them: no gateway.sectionName.
    const plainValues = (fqdn: string) => ({ gateway: { enabled: true, host: `registry.${fqdn}` } });

    describe("two zones (omani.works, omani.homes), FQDN omani.works", function () {
        let plan: SovereignPlan;
        let routes: Manifest[];
        before(async function () {
            ({ plan } = sovereignOf({ fqdn: "omani.works", zones: ["omani.works", "omani.homes"] }));
            routes = await routesOf(chartPath("harbor"), plainValues("omani.works"), "harbor", "harbor");
        });

        it('renders harbor.omani.works pinned to sectionName "https"', function () {
            assert.deepEqual(parentRefsOf(byHost(routes, "harbor.omani.works")), [{ ...SHARED_PARENT, sectionName: "https" }]);
        });

        it('"https" names no listener of the two-zone shared Gateway', function () {
            const names = plan.listenerIndex.get(SHARED_KEY);
            assert.deepEqual(names, ["https-omani-works", "http-omani-works", "https-omani-homes", "http-omani-homes"]);
            assert.ok(!names.includes("https"));
        });

        it("the route guard removes the dangling sectionName, so the route attaches by hostname", function () {
            const guarded = guardRouteParentRefs(byHost(routes, "harbor.omani.works"), plan.listenerIndex, "harbor");
            assert.deepEqual(guarded.removed, [{ gateway: SHARED_KEY, sectionName: "https", why: "no-such-listener" }]);
            assert.deepEqual(parentRefsOf(guarded.route), [{ ...SHARED_PARENT }]);
        });

        it("the main route is listener-agnostic already and the guard leaves it alone", function () {
            const main = byHost(routes, "registry.omani.works");
            assert.deepEqual(parentRefsOf(main), [{ ...SHARED_PARENT }]);
            assert.deepEqual(guardRouteParentRefs(main, plan.listenerIndex, "harbor").removed, []);
        });

        for (const mode of ["spec", "cilium"] as const) {
            it(`attachment (${mode} mode): unguarded NoMatchingParent; guarded Accepted by hostname`, function () {
                const gateways = plan.gateways.map((g) => gatewayManifest(g, {}));
                const alias = byHost(routes, "harbor.omani.works");
                const guarded = guardRouteParentRefs(alias, plan.listenerIndex, "harbor").route;
                const [pinned, fixed] = checkAttachment({ gateways, routes: [asHTTPRoute(alias, "harbor"), asHTTPRoute(guarded, "harbor")], mode }).parents;
                assert.deepEqual([pinned.accepted, pinned.reason, pinned.message], [false, "NoMatchingParent", "No matching listener with sectionName https"]);
                // Without a sectionName it attaches by hostname: both listeners of the zone harbor.omani.works is in.
                assert.deepEqual([fixed.accepted, fixed.reason, fixed.attachedListeners], [true, "Accepted", ["https-omani-works", "http-omani-works"]]);
            });
        }
    });

    describe("one zone equal to the FQDN (the case the pin was written for)", function () {
        it('"https" exists there, so the pin attaches and the guard keeps it', async function () {
            const { plan } = sovereignOf({ fqdn: "omani.works", zones: ["omani.works"] });
            const alias = byHost(await routesOf(chartPath("harbor"), plainValues("omani.works"), "harbor", "harbor"), "harbor.omani.works");
            assert.deepEqual(parentRefsOf(alias), [{ ...SHARED_PARENT, sectionName: "https" }]);
            assert.deepEqual(guardRouteParentRefs(alias, plan.listenerIndex, "harbor").removed, []);
        });
    });
});

describe("bp-newapi 1.4.22, before the TBD-A40 fix (fixture only)", function () {
    const oldChart = path.join(FIXTURE_CHARTS_DIR, "bp-newapi-1.4.22");
    const explicitEmpty = {
        sovereignFQDN: "omani.works",
        ingress: { httpRoute: { enabled: true, parentRef: { name: "cilium-gateway", namespace: "kube-system", sectionName: "" } } },
    };

    let plan: SovereignPlan;
    let newapiPlan: BlueprintPlan;
    before(function () {
        if (upstreamMode()) {
            this.skip();
        }
        ({ plan } = sovereignOf({ fqdn: "omani.works", zones: ["omani.works", "omani.homes"] }));
        const found = plan.blueprints.find((b) => b.definition.name === "newapi");
        assert.ok(found);
        newapiPlan = found;
    });

    it('pins "https" with the program\'s planned values, and the guard removes it on two zones', async function () {
        const [route, ...rest] = await routesOf(oldChart, newapiPlan.values, newapiPlan.releaseName, newapiPlan.namespace);
        assert.equal(rest.length, 0);
        assert.deepEqual(summarise(route).hostnames, ["newapi.omani.works"]);
        assert.deepEqual(parentRefsOf(route), [{ ...SHARED_PARENT, sectionName: "https" }]);
        const guarded = guardRouteParentRefs(route, plan.listenerIndex, newapiPlan.namespace);
        assert.deepEqual(guarded.removed, [{ gateway: SHARED_KEY, sectionName: "https", why: "no-such-listener" }]);
    });

    it('falls back to "https" even for an explicitly empty sectionName (the template\'s `default`)', async function () {
        const routes = await routesOf(oldChart, explicitEmpty);
        assert.deepEqual(routes.map(parentRefsOf), [[{ ...SHARED_PARENT, sectionName: "https" }]]);
    });

    it("the fixed chart drops the field for the same values", async function () {
        const routes = await routesOf(chartPath("newapi"), explicitEmpty);
        assert.deepEqual(routes.map(parentRefsOf), [[{ ...SHARED_PARENT }]]);
    });

    it("the program refuses to pin it", function () {
        assert.throws(
            () => specFrom({ fqdn: "omani.works", zones: zonesOf("omani.works", "omani.homes"), blueprints: { newapi: { version: "1.4.22" } } }),
            (err: unknown) => {
                assert.ok(err instanceof SovereignConfigError);
                assert.deepEqual(
                    err.issues.map((i) => [i.path, i.value]),
                    [["sovereign-stacks:blueprints.newapi.version", "1.4.22"]],
                );
                assert.match(err.issues[0].problem, /predates bp-newapi 1\.4\.23/);
                return true;
            },
        );
    });
});

describe("per-chart route guards the program's values rely on", function () {
    it("bp-grafana: enabled with an empty host FAILS the render instead of skipping", async function () {
        await assert.rejects(routesOf(chartPath("grafana"), { gateway: { enabled: true, host: "" } }), (err: unknown) => {
            assert.ok(err instanceof HelmTemplateError);
            assert.match(err.stderr, /gateway\.host is required/);
            return true;
        });
    });

    it("bp-powerdns: no host guard, so both flags without a host render a route for host \"\"", async function () {
        const routes = await routesOf(chartPath("powerdns"), { api: { enabled: true, host: "", gateway: { enabled: true } } });
        assert.deepEqual(routes.map((r) => summarise(r).hostnames), [[""]]);
    });

    it("bp-powerdns: api.gateway.enabled alone renders nothing (api.enabled is also required)", async function () {
        assert.deepEqual(await routesOf(chartPath("powerdns"), { api: { enabled: false, host: "pdns.omani.works", gateway: { enabled: true } } }), []);
    });

    it("bp-newapi: enabled with no host derives newapi.<sovereignFQDN>, parent cilium-gateway", async function () {
        const routes = await routesOf(chartPath("newapi"), { sovereignFQDN: "omani.works", ingress: { httpRoute: { enabled: true } } });
        assert.deepEqual(routes.map((r) => [summarise(r).hostnames, summarise(r).parentRefs]), [[["newapi.omani.works"], [{ ...SHARED_PARENT }]]]);
    });

    it("bp-newapi: enabled with neither host nor sovereignFQDN renders nothing", async function () {
        assert.deepEqual(await routesOf(chartPath("newapi"), { ingress: { httpRoute: { enabled: true } } }), []);
    });

    it("bp-stalwart-tenant: mail.<domain.primary>, parent cilium-gateway-console by default, no sectionName", async function () {
        const routes = await routesOf(chartPath("stalwart-tenant"), { domain: { primary: "acme.omani.homes" } }, "stalwart-acme", "tenant-acme");
        assert.deepEqual(routes.map((r) => [summarise(r).hostnames, summarise(r).parentRefs]), [[["mail.acme.omani.homes"], [{ ...CONSOLE_PARENT }]]]);
    });

    it("bp-stalwart-tenant: ingress.webmail.mode ingress renders no HTTPRoute", async function () {
        const values = { domain: { primary: "acme.omani.homes" }, ingress: { webmail: { mode: "ingress" } } };
        assert.deepEqual(await routesOf(chartPath("stalwart-tenant"), values, "stalwart-acme", "tenant-acme"), []);
    });

    it("bp-harbor: aliasHarborHost false (the program's switch-off) renders only the main route", async function () {
        const routes = await routesOf(chartPath("harbor"), { gateway: { enabled: true, host: "registry.omani.works", aliasHarborHost: false } }, "harbor", "harbor");
        assert.deepEqual(routes.map((r) => summarise(r).hostnames), [["registry.omani.works"]]);
    });

    it("bp-harbor: a host not starting with registry. gets no alias route", async function () {
        const routes = await routesOf(chartPath("harbor"), { gateway: { enabled: true, host: "hub.omani.works" } }, "harbor", "harbor");
        assert.deepEqual(routes.map((r) => summarise(r).hostnames), [["hub.omani.works"]]);
    });

    // Case 3 of OpenOva's httproute-render.sh: a default render has no route. bp-grafana is left out: its
    // default either fails (values say enabled) or renders nothing (its test says disabled).
    for (const name of BLUEPRINT_NAMES.filter((n) => n !== "grafana")) {
        it(`bp-${name}: default values render no HTTPRoute`, async function () {
            assert.deepEqual(await routesOf(chartPath(name), {}), []);
        });
    }
});

describe("chart versions under test", function () {
    for (const name of BLUEPRINT_NAMES) {
        it(`bp-${name} is the catalog's pinned ${CATALOG[name].defaultVersion}`, function () {
            const chart = chartYaml(chartPath(name));
            assert.equal(chart.name, `bp-${name}`);
            // Bumping the catalog pin must come with re-checking the fixture against that chart version.
            assert.equal(chart.version, CATALOG[name].defaultVersion);
            if (!upstreamMode()) {
                const models = (chart.annotations as Record<string, string> | undefined)?.["sovereign-stacks/models"];
                assert.match(String(models), new RegExp(`^openova-io/openova platform/${name}/chart ${CATALOG[name].defaultVersion.replace(/\./g, "\\.")}, templates/\\S+\\.yaml$`));
            }
        });
    }

    it("bp-newapi-1.4.22 fixture models the version the fix bumped from (fixture only)", function () {
        if (upstreamMode()) {
            this.skip();
        }
        const chart = chartYaml(path.join(FIXTURE_CHARTS_DIR, "bp-newapi-1.4.22"));
        assert.deepEqual([chart.name, chart.version], ["bp-newapi", "1.4.22"]);
        assert.equal(CATALOG.newapi.firstListenerAgnosticVersion, "1.4.23");
    });
});
