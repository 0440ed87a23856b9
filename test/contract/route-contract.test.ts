// The contract between the program's chart values and each bp-* chart's HTTPRoute template, proved with
// real `helm template`: for Sovereigns of 1, 2 and 4 zones (FQDN a zone or not, one punycode zone), with
// every chart's default toggles on (bare-URL SSO rules, harbor's alias route, newapi's bridge, ...), the
// routes the charts render from EXACTLY the planned values have the names, namespaces, hostnames and
// parents written out below, carry no sectionName, equal the program's own prediction, pass the route
// guard untouched, and attach. Charts: test/fixtures/charts, or the real ones via
// SOVEREIGN_CONTRACT_CHARTS_DIR (scripts/test-upstream.sh).

import { strict as assert } from "node:assert";
import { planBlueprint, platformBlueprintInstall } from "../../src/plan/blueprint-plan";
import { PREDICTED_ANNOTATION, chartRoutes } from "../../src/plan/chart-routes";
import { BLUEPRINT_NAMES, BlueprintName, PlatformBlueprintName } from "../../src/model/blueprint-names";
import type { Values } from "../../src/rules/value-paths";
import { checkAttachment } from "../../src/proof/attachment-checker";
import type { HTTPRoute } from "../../src/model/gateway-api";
import { guardRouteParentRefs } from "../../src/proof/route-guard";
import type { SovereignPlan } from "../../src/plan/sovereign-plan";
import type { SovereignSpec } from "../../src/model/sovereign-spec";
import { Manifest, helmTemplate, httpRoutes } from "../support/helm";
import {
    CONSOLE_PARENT,
    ChartRender,
    SHAPES,
    SHARED_PARENT,
    SovereignShape,
    asHTTPRoute,
    chartPath,
    chartsDir,
    plannedGateways,
    parentRefsOf,
    renderSovereign,
    ruleLines,
    sovereignOf,
    summarise,
} from "./contract-support";

interface ExpectedRoute {
    name: string;
    hostnames: string[];
    parentRef: Record<string, string>;
}

// Written out per chart from the real templates (each fixture's Chart.yaml names the upstream commit),
// not recomputed from the catalog, so a catalog or values mistake shows up as a difference here.
function expectedRoutes(chart: BlueprintName, shape: SovereignShape, release: string): ExpectedRoute[] {
    const f = shape.fqdn;
    const shared = { ...SHARED_PARENT };
    switch (chart) {
        case "gitea":
            return [{ name: "gitea", hostnames: [`gitea.${f}`], parentRef: shared }];
        case "grafana":
            return [{ name: "grafana", hostnames: [`grafana.${f}`], parentRef: shared }];
        case "harbor":
            // From 1.2.49 the alias route shares the main route's parentRef: no sectionName, no gateway.name.
            return [
                { name: "harbor", hostnames: [`registry.${f}`], parentRef: shared },
                { name: "harbor-alias-redirect", hostnames: [`harbor.${f}`], parentRef: shared },
            ];
        case "keycloak":
            return [{ name: "keycloak", hostnames: [`auth.${f}`], parentRef: shared }];
        case "newapi":
            return [{ name: `${release}-bp-newapi-public`, hostnames: [`newapi.${f}`], parentRef: shared }];
        case "openbao":
            return [{ name: "openbao", hostnames: [`bao.${f}`], parentRef: shared }];
        case "powerdns":
            return [{ name: "powerdns-api", hostnames: [`pdns.${f}`], parentRef: shared }];
        case "stalwart-tenant":
            return [{ name: `${release}-bp-stalwart-tenant-webmail`, hostnames: [`mail.${shape.tenantDomain}`], parentRef: { ...CONSOLE_PARENT } }];
    }
}

/** name, namespace (a chart that leaves it unset renders into the release namespace), hostnames, parentRefs. */
function routeKey(name: unknown, namespace: unknown, hostnames: unknown, parentRefs: unknown): string {
    return JSON.stringify([name, namespace, hostnames, parentRefs]);
}

function renderedKeys(routes: readonly Manifest[], releaseNamespace: string): string[] {
    return routes.map((route) => {
        const s = summarise(route);
        return routeKey(s.name, s.namespace ?? releaseNamespace, s.hostnames, s.parentRefs);
    });
}

function predictedKeys(routes: readonly HTTPRoute[]): string[] {
    return routes.map((r) => routeKey(r.metadata.name, r.metadata.namespace, r.spec.hostnames, r.spec.parentRefs));
}

describe(`chart route contract (real helm template; charts from ${chartsDir()})`, function () {
    for (const shape of SHAPES) {
        describe(`${shape.title}: fqdn ${shape.fqdn}, zones ${shape.zones.join(", ")}`, function () {
            let spec: SovereignSpec;
            let plan: SovereignPlan;
            let renders: ChartRender[];

            before(async function () {
                ({ spec, plan } = sovereignOf(shape));
                renders = await renderSovereign(spec, plan);
            });

            function renderOf(chart: BlueprintName): ChartRender {
                const r = renders.find((x) => x.chart === chart);
                assert.ok(r, `bp-${chart} was not rendered`);
                return r;
            }

            it("plans the Gateways and shared listeners the expectations below assume", function () {
                const shared = plan.gateways.find((g) => g.role === "shared");
                const consoleGw = plan.gateways.find((g) => g.role === "console");
                assert.deepEqual({ name: shared?.name, namespace: shared?.namespace }, SHARED_PARENT);
                assert.deepEqual({ name: consoleGw?.name, namespace: consoleGw?.namespace }, CONSOLE_PARENT);
                assert.deepEqual(shared?.listeners.map((l) => l.name), shape.sharedListeners);
                assert.deepEqual(spec.tenants.map((t) => t.domain.primary), [shape.tenantDomain]);
                // Every chart is rendered: the seven platform blueprints plus the tenant's bp-stalwart-tenant.
                assert.deepEqual(renders.map((r) => r.chart).sort(), [...BLUEPRINT_NAMES].sort());
            });

            for (const chart of BLUEPRINT_NAMES) {
                it(`bp-${chart}: renders exactly the expected routes (names, namespace, hostnames, parents)`, function () {
                    const render = renderOf(chart);
                    const expected = expectedRoutes(chart, shape, render.release).map((e) => routeKey(e.name, render.namespace, e.hostnames, [e.parentRef]));
                    assert.deepEqual(renderedKeys(render.routes, render.namespace).sort(), expected.sort());
                });

                it(`bp-${chart}: the program's predicted routes equal Helm's output`, function () {
                    const render = renderOf(chart);
                    const predicted = plan.routes.filter((r) => r.metadata.annotations?.[PREDICTED_ANNOTATION] === `bp-${chart} values`);
                    assert.deepEqual(predictedKeys(predicted).sort(), renderedKeys(render.routes, render.namespace).sort());
                });
            }

            it("no rendered parentRef carries a sectionName", function () {
                const pinned = renders.flatMap((r) => r.routes.flatMap((route) => parentRefsOf(route).filter((ref) => "sectionName" in ref).map(() => `bp-${r.chart} ${summarise(route).name}`)));
                assert.deepEqual(pinned, []);
            });

            it("the route guard leaves every rendered route unchanged (nothing to repair)", function () {
                for (const r of renders) {
                    for (const route of r.routes) {
                        const guarded = guardRouteParentRefs(route, plan.listenerIndex, r.namespace);
                        assert.deepEqual(guarded.removed, [], `bp-${r.chart} ${summarise(route).name}`);
                        assert.equal(guarded.route, route, `bp-${r.chart} ${summarise(route).name}: route returned as is`);
                    }
                }
            });

            it("the program's predicted chart routes are exactly the routes Helm renders, all charts together", function () {
                const rendered = renders.flatMap((r) => renderedKeys(r.routes, r.namespace)).sort();
                assert.deepEqual(predictedKeys(plan.routes).sort(), rendered);
            });

            for (const mode of ["spec", "cilium"] as const) {
                it(`attachment (${mode} mode): every rendered route is Accepted and each host is served over HTTPS by an attached listener`, function () {
                    const gateways = plannedGateways(plan);
                    const routes = renders.flatMap((r) => r.routes.map((route) => asHTTPRoute(route, r.namespace)));
                    const report = checkAttachment({ gateways, routes, mode });
                    assert.equal(report.parents.length, routes.length, "one parentRef per route");
                    for (const p of report.parents) {
                        const where = `${p.route.namespace}/${p.route.name}`;
                        assert.deepEqual([p.status, p.reason, p.accepted], ["True", "Accepted", true], `${where}: ${p.message}`);
                        assert.equal(p.ciliumDifference, undefined, `${where}: spec and Cilium agree`);
                    }
                    for (const r of report.routes) {
                        assert.deepEqual(r.warnings, [], r.route);
                        const httpsServing = r.serving.filter((x) => x.protocol === "HTTPS").map((x) => [x.hostname, x.listener, x.attached]);
                        // Platform hosts are <prefix>.<fqdn>, served by the FQDN's listener; the tenant's mail host by its per-Org one.
                        const host = r.hostnames[0];
                        const listener = host.startsWith("mail.") ? `console-https-${spec.tenants[0].slug}` : shape.fqdnListener.name;
                        assert.deepEqual(httpsServing, [[host, listener, true]], r.route);
                    }
                });
            }
        });
    }
});

describe("the charts' default toggles are on in the contract renders (rules as the real templates write them)", function () {
    const shape = SHAPES[3];
    let renders: ChartRender[];
    before(async function () {
        const { spec, plan } = sovereignOf(shape);
        renders = await renderSovereign(spec, plan);
    });

    function rulesOf(chart: BlueprintName): Record<string, string[]> {
        const render = renders.find((r) => r.chart === chart);
        assert.ok(render);
        return Object.fromEntries(render.routes.map((route) => [summarise(route).name, ruleLines(route)]));
    }

    const f = shape.fqdn;
    const expected: Record<BlueprintName, Record<string, string[]>> = {
        gitea: { gitea: ["Exact /user/login => 302 /user/oauth2/openova-sso", "PathPrefix / -> gitea-http:3000"] },
        grafana: { grafana: ["PathPrefix / -> grafana:80"] },
        // sso.bareURL (sso.enabled and sso.bareURL.enabled default true), and the alias route (aliasHarborHost default true).
        harbor: {
            harbor: [`Exact /account/sign-in => 302 registry.${f}:443/c/oidc/login`, "PathPrefix / -> harbor-core:80"],
            "harbor-alias-redirect": [`* => 301 registry.${f}:443`],
        },
        // bareURLAdminRedirect (default true, realm sovereign).
        keycloak: { keycloak: ["Exact / => 302 :443/admin/sovereign/console/", "PathPrefix / -> keycloak:80"] },
        // ssoInit and sandboxBridge (default true): / and, with sovereignFQDN set, /login go to the bridge on sandboxBridge.port.
        newapi: {
            "newapi-bp-newapi-public": ["Exact / -> newapi-bp-newapi-bridge:8080", "Exact /login -> newapi-bp-newapi-bridge:8080", "PathPrefix / -> newapi-bp-newapi:3000"],
        },
        // sso.bareURL (default true): the landing page backend, then /, /ui and /ui/ redirected to it on the same host.
        openbao: {
            openbao: [
                "PathPrefix /sso/landing -> openbao-sso-landing:80",
                `Exact / => 302 bao.${f}:443/sso/landing`,
                `Exact /ui => 302 bao.${f}:443/sso/landing`,
                `Exact /ui/ => 302 bao.${f}:443/sso/landing`,
                "PathPrefix / -> openbao:8200",
            ],
        },
        // api.enabled (default true); the backend port is powerdns.powerdns.webserver.bindPort.
        powerdns: { "powerdns-api": ["PathPrefix /api -> powerdns:8081"] },
        "stalwart-tenant": { "stalwart-acme-bp-stalwart-tenant-webmail": ["PathPrefix / -> stalwart-acme-bp-stalwart-tenant-webmail:8888"] },
    };
    for (const chart of BLUEPRINT_NAMES) {
        it(`bp-${chart}`, function () {
            assert.deepEqual(rulesOf(chart), expected[chart]);
        });
    }
});

describe("operator values that change route names, hosts or rendering: prediction equals Helm", function () {
    const shape = SHAPES[2];
    let plan: SovereignPlan;
    before(function () {
        ({ plan } = sovereignOf(shape));
    });

    const cases: { chart: PlatformBlueprintName; title: string; values: Values; release?: string }[] = [
        { chart: "gitea", title: "gateway.name renames the route", values: { gateway: { name: "git" } } },
        { chart: "harbor", title: "gateway.name renames only the main route; extraHosts join it", values: { gateway: { name: "registry", extraHosts: ["hub.omani.works", "", `registry.${shape.fqdn}`] } } },
        { chart: "harbor", title: "fullnameOverride renames the alias route", values: { fullnameOverride: "reg" } },
        { chart: "harbor", title: "aliasHarborHost false drops the alias route", values: { gateway: { aliasHarborHost: false } } },
        { chart: "newapi", title: "another release name", values: {}, release: "llm" },
        { chart: "newapi", title: "a release name containing the chart name", values: {}, release: "bp-newapi-main" },
        { chart: "newapi", title: "fullnameOverride", values: { fullnameOverride: "gw" } },
        { chart: "newapi", title: "placement.role host-seams renders no route", values: { placement: { role: "host-seams" } } },
        { chart: "newapi", title: "newapi.enabled false renders no route", values: { newapi: { enabled: false } } },
        { chart: "powerdns", title: "api.gateway.name renames the route", values: { api: { gateway: { name: "pdns" } } } },
        { chart: "keycloak", title: "gateway.name renames the route", values: { gateway: { name: "sso" } } },
    ];
    for (const c of cases) {
        it(`bp-${c.chart}: ${c.title}`, async function () {
            const base = plan.blueprints.find((b) => b.definition.name === c.chart);
            assert.ok(base);
            const shared = plan.gateways.find((g) => g.role === "shared");
            const install = platformBlueprintInstall({ name: c.chart, enabled: true, version: base.version, namespace: base.namespace, releaseName: c.release ?? base.releaseName, host: base.host, createNamespace: true, values: c.values });
            const bp = planBlueprint(install, shared, shape.fqdn);
            const rendered = httpRoutes(await helmTemplate(chartPath(c.chart), { release: bp.releaseName, namespace: bp.namespace, values: bp.values }));
            assert.deepEqual(predictedKeys(chartRoutes(bp)).sort(), renderedKeys(rendered, bp.namespace).sort());
        });
    }
});
