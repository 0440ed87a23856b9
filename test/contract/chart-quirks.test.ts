// The chart quirks the program relies on or refuses, shown with real `helm template`: bp-harbor's alias
// route from 1.2.49 on (and, fixture only, the pre-1.2.49 template the program refuses), the pre-fix
// bp-newapi template, and the guards and defaults that differ per chart (openova-io/openova
// platform/<name>/chart templates; commits in each fixture's Chart.yaml). Runs against the fixtures, or
// the real charts via SOVEREIGN_CONTRACT_CHARTS_DIR; fixture-only cases are skipped there.

import { strict as assert } from "node:assert";
import * as path from "path";
import type { BlueprintPlan } from "../../src/plan/blueprint-plan";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { chartRoutes } from "../../src/plan/chart-routes";
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
    ruleLines,
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

describe("bp-harbor 1.2.49: the alias route takes the main route's parentRef", function () {
    const host = "registry.omani.works";

    it("renders harbor-alias-redirect with the main route's parentRef (no sectionName) and 301s to the registry host", async function () {
        const routes = await routesOf(chartPath("harbor"), { gateway: { enabled: true, host } }, "harbor", "harbor");
        assert.deepEqual(
            routes.map((r) => [summarise(r).name, summarise(r).hostnames, summarise(r).parentRefs]),
            [
                ["harbor", [host], [{ ...SHARED_PARENT }]],
                ["harbor-alias-redirect", ["harbor.omani.works"], [{ ...SHARED_PARENT }]],
            ],
        );
        assert.deepEqual(ruleLines(byHost(routes, "harbor.omani.works")), [`* => 301 ${host}:443`]);
    });

    it("a pinned gateway.parentRef.sectionName reaches both routes; the dead gateway.sectionName reaches neither", async function () {
        const pinned = await routesOf(chartPath("harbor"), { gateway: { enabled: true, host, parentRef: { sectionName: "https-omani-works" } } }, "harbor", "harbor");
        assert.deepEqual(pinned.map(parentRefsOf), [
            [{ ...SHARED_PARENT, sectionName: "https-omani-works" }],
            [{ ...SHARED_PARENT, sectionName: "https-omani-works" }],
        ]);
        const dead = await routesOf(chartPath("harbor"), { gateway: { enabled: true, host, sectionName: "https", namespace: "elsewhere" } }, "harbor", "harbor");
        assert.deepEqual(dead.map(parentRefsOf), [[{ ...SHARED_PARENT }], [{ ...SHARED_PARENT }]]);
    });

    it("gateway.name names only the main route (the alias name is fixed, the release name plays no part)", async function () {
        const routes = await routesOf(chartPath("harbor"), { gateway: { enabled: true, host, name: "cilium-gateway" } }, "registry", "harbor");
        assert.deepEqual(routes.map((r) => summarise(r).name), ["cilium-gateway", "harbor-alias-redirect"]);
        assert.deepEqual(routes.map(parentRefsOf), [[{ ...SHARED_PARENT }], [{ ...SHARED_PARENT }]]);
    });
});

describe("bp-harbor 1.2.43, before the alias fix (fixture only)", function () {
    const oldChart = path.join(FIXTURE_CHARTS_DIR, "bp-harbor-1.2.43");
    // Plain values as an operator (or OpenOva's bootstrap slot 19) would set them.
    const plainValues = (fqdn: string) => ({ gateway: { enabled: true, host: `registry.${fqdn}` } });

    before(function () {
        if (upstreamMode()) {
            this.skip();
        }
    });

    describe("two zones (omani.works, omani.homes), FQDN omani.works", function () {
        let plan: SovereignPlan;
        let routes: Manifest[];
        before(async function () {
            ({ plan } = sovereignOf({ fqdn: "omani.works", zones: ["omani.works", "omani.homes"] }));
            routes = await routesOf(oldChart, plainValues("omani.works"), "harbor", "harbor");
        });

        it('renders harbor.omani.works pinned to sectionName "https"', function () {
            assert.deepEqual(parentRefsOf(byHost(routes, "harbor.omani.works")), [{ ...SHARED_PARENT, sectionName: "https" }]);
        });

        it('"https" names no listener of the two-zone shared Gateway', function () {
            const names = plan.listenerIndex.get(SHARED_KEY);
            assert.deepEqual(names, ["https-omani-works", "http-omani-works", "https-omani-homes", "http-omani-homes"]);
            assert.ok(!names.includes("https"));
        });

        it("the program predicts the same pinned parent for this version (so npm run check would report it)", function () {
            const harbor = plan.blueprints.find((b) => b.definition.name === "harbor");
            assert.ok(harbor);
            const predicted = chartRoutes({ ...harbor, version: "1.2.43", values: plainValues("omani.works") });
            assert.deepEqual(
                predicted.map((r) => [r.metadata.name, r.spec.hostnames, r.spec.parentRefs]),
                routes.map((r) => [summarise(r).name, summarise(r).hostnames, summarise(r).parentRefs]),
            );
        });

        it("the route guard removes the dangling sectionName at deploy time, so the route attaches by hostname", function () {
            const guarded = guardRouteParentRefs(byHost(routes, "harbor.omani.works"), plan.listenerIndex, "harbor");
            assert.deepEqual(guarded.removed, [{ gateway: SHARED_KEY, sectionName: "https", why: "no-such-listener" }]);
            assert.deepEqual(parentRefsOf(guarded.route), [{ ...SHARED_PARENT }]);
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

    it("the old workaround (gateway.name = the Gateway's name) renames the MAIN route to cilium-gateway", async function () {
        const routes = await routesOf(oldChart, { gateway: { enabled: true, host: "registry.omani.works", name: "cilium-gateway", sectionName: "https-omani-works" } }, "harbor", "harbor");
        assert.deepEqual(
            routes.map((r) => [summarise(r).name, summarise(r).parentRefs]),
            [
                ["cilium-gateway", [{ ...SHARED_PARENT }]],
                ["harbor-alias-redirect", [{ ...SHARED_PARENT, sectionName: "https-omani-works" }]],
            ],
        );
    });

    it("the program refuses to pin it while the alias route renders", function () {
        assert.throws(
            () => specFrom({ fqdn: "omani.works", zones: zonesOf("omani.works", "omani.homes"), blueprints: { harbor: { version: "1.2.43" } } }),
            (err: unknown) => {
                assert.ok(err instanceof SovereignConfigError);
                assert.deepEqual(
                    err.issues.map((i) => [i.path, i.value]),
                    [["sovereign-stacks:blueprints.harbor.version", "1.2.43"]],
                );
                assert.match(err.issues[0].problem, /predates bp-harbor 1\.2\.49/);
                return true;
            },
        );
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
        const routes = await routesOf(chartPath("powerdns"), { api: { enabled: true, host: "", gateway: { enabled: true, parentRef: { name: "cilium-gateway" } } } });
        assert.deepEqual(routes.map((r) => summarise(r).hostnames), [[""]]);
    });

    it("bp-powerdns: defaults to api.enabled with host pdns.openova.io, so api.gateway.enabled alone renders that host", async function () {
        const routes = await routesOf(chartPath("powerdns"), { api: { gateway: { enabled: true, parentRef: { name: "cilium-gateway" } } } });
        assert.deepEqual(routes.map((r) => [summarise(r).name, summarise(r).hostnames]), [["powerdns-api", ["pdns.openova.io"]]]);
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

    it("bp-stalwart-tenant: <release>-bp-stalwart-tenant-webmail for mail.<domain.primary>, parent cilium-gateway-console by default, no sectionName", async function () {
        const routes = await routesOf(chartPath("stalwart-tenant"), { domain: { primary: "acme.omani.homes" } }, "stalwart-acme", "tenant-acme");
        assert.deepEqual(
            routes.map((r) => [summarise(r).name, summarise(r).hostnames, summarise(r).parentRefs]),
            [["stalwart-acme-bp-stalwart-tenant-webmail", ["mail.acme.omani.homes"], [{ ...CONSOLE_PARENT }]]],
        );
    });

    it("bp-stalwart-tenant: webmail.adminRoute.enabled adds <fullname>-webadmin for mailadmin.<domain>", async function () {
        const routes = await routesOf(chartPath("stalwart-tenant"), { domain: { primary: "acme.omani.homes" }, webmail: { adminRoute: { enabled: true } } }, "stalwart-acme", "tenant-acme");
        assert.deepEqual(
            routes.map((r) => [summarise(r).name, summarise(r).hostnames]),
            [
                ["stalwart-acme-bp-stalwart-tenant-webmail", ["mail.acme.omani.homes"]],
                ["stalwart-acme-bp-stalwart-tenant-webadmin", ["mailadmin.acme.omani.homes"]],
            ],
        );
    });

    it("bp-stalwart-tenant: ingress.webmail.mode ingress renders no HTTPRoute", async function () {
        const values = { domain: { primary: "acme.omani.homes" }, ingress: { webmail: { mode: "ingress" } } };
        assert.deepEqual(await routesOf(chartPath("stalwart-tenant"), values, "stalwart-acme", "tenant-acme"), []);
    });

    it("bp-harbor: aliasHarborHost false renders only the main route", async function () {
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

    it("bp-harbor-1.2.43 fixture models the version before the alias fix (fixture only)", function () {
        if (upstreamMode()) {
            this.skip();
        }
        const chart = chartYaml(path.join(FIXTURE_CHARTS_DIR, "bp-harbor-1.2.43"));
        assert.deepEqual([chart.name, chart.version], ["bp-harbor", "1.2.43"]);
        assert.equal(CATALOG.harbor.route.aliasRoute?.fixedIn, "1.2.49");
    });

    it("bp-newapi-1.4.22 fixture models the version the fix bumped from (fixture only)", function () {
        if (upstreamMode()) {
            this.skip();
        }
        const chart = chartYaml(path.join(FIXTURE_CHARTS_DIR, "bp-newapi-1.4.22"));
        assert.deepEqual([chart.name, chart.version], ["bp-newapi", "1.4.22"]);
        assert.equal(CATALOG.newapi.firstListenerAgnosticVersion, "1.4.23");
    });
});
