// The contract between the program's chart values and each bp-* chart's HTTPRoute template, proved with
// real `helm template`: for Sovereigns of 1, 2 and 3 zones (FQDN a zone or not), every route the charts
// render from EXACTLY the planned values names the right parent Gateway and hosts, carries no
// sectionName (except bp-harbor's alias route, which must name the listener serving its host), and
// passes the route guard untouched; the offline attachment checker then accepts every route. Charts: test/fixtures/charts, or the real ones via
// SOVEREIGN_CONTRACT_CHARTS_DIR (scripts/test-upstream.sh).

import { strict as assert } from "node:assert";
import { BLUEPRINT_NAMES, BlueprintName } from "../../src/model/blueprint-names";
import { checkAttachment } from "../../src/proof/attachment-checker";
import { guardRouteParentRefs } from "../../src/proof/route-guard";
import type { SovereignPlan } from "../../src/plan/sovereign-plan";
import type { SovereignSpec } from "../../src/model/sovereign-spec";
import {
    CONSOLE_PARENT,
    ChartRender,
    SHAPES,
    SHARED_PARENT,
    SovereignShape,
    asHTTPRoute,
    chartsDir,
    plannedGateways,
    parentRefsOf,
    renderSovereign,
    sovereignOf,
    summarise,
} from "./contract-support";

/** A literal route name, or (for `<fullname>-…` names, whose helper is not documented) its affixes. */
type NameRule = string | { startsWith: string; endsWith: string };

interface ExpectedRoute {
    name: NameRule;
    hostname: string;
    parentRef: Record<string, string>;
}

// Written out per chart from its values contract (not recomputed from the catalog), so a catalog or
// values mistake shows up as a difference here.
function expectedRoutes(chart: BlueprintName, shape: SovereignShape, release: string): ExpectedRoute[] {
    const f = shape.fqdn;
    const shared = { ...SHARED_PARENT };
    switch (chart) {
        case "gitea":
            return [{ name: "gitea", hostname: `gitea.${f}`, parentRef: shared }];
        case "grafana":
            return [{ name: "grafana", hostname: `grafana.${f}`, parentRef: shared }];
        case "harbor":
            return [
                { name: { startsWith: release, endsWith: "" }, hostname: `registry.${f}`, parentRef: shared },
                {
                    name: { startsWith: release, endsWith: "-alias-redirect" },
                    hostname: `harbor.${f}`,
                    parentRef: { ...shared, sectionName: shape.fqdnListener.name },
                },
            ];
        case "keycloak":
            return [{ name: "keycloak", hostname: `auth.${f}`, parentRef: shared }];
        case "newapi":
            return [{ name: { startsWith: release, endsWith: "-public" }, hostname: `newapi.${f}`, parentRef: shared }];
        case "openbao":
            return [{ name: "openbao", hostname: `bao.${f}`, parentRef: shared }];
        case "powerdns":
            return [{ name: "powerdns-api", hostname: `pdns.${f}`, parentRef: shared }];
        case "stalwart-tenant":
            return [{ name: { startsWith: release, endsWith: "-webmail" }, hostname: `mail.${shape.tenantDomain}`, parentRef: { ...CONSOLE_PARENT } }];
    }
}

function assertName(actual: string, rule: NameRule, where: string): void {
    if (typeof rule === "string") {
        assert.equal(actual, rule, `${where}: route name`);
    } else {
        assert.ok(actual.startsWith(rule.startsWith) && actual.endsWith(rule.endsWith), `${where}: route name ${actual} should be ${rule.startsWith}…${rule.endsWith}`);
    }
}

function firstHost(route: Record<string, unknown>): string {
    const hostnames = summarise(route).hostnames;
    return Array.isArray(hostnames) ? String(hostnames[0]) : "";
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
                it(`bp-${chart}: renders exactly the expected routes (names, hostnames, parents)`, function () {
                    const render = renderOf(chart);
                    const expected = expectedRoutes(chart, shape, render.release).sort((a, b) => a.hostname.localeCompare(b.hostname));
                    const actual = [...render.routes].sort((a, b) => firstHost(a).localeCompare(firstHost(b)));
                    assert.deepEqual(actual.map(firstHost), expected.map((e) => e.hostname), `bp-${chart}: one route per expected host`);
                    actual.forEach((route, i) => {
                        const s = summarise(route);
                        const where = `bp-${chart} ${s.name}`;
                        assertName(s.name, expected[i].name, where);
                        // Absent metadata.namespace also lands in the release namespace.
                        assert.equal(s.namespace ?? render.namespace, render.namespace, `${where}: namespace`);
                        assert.deepEqual(s.hostnames, [expected[i].hostname], `${where}: hostnames`);
                        assert.deepEqual(s.parentRefs, [expected[i].parentRef], `${where}: parentRefs`);
                    });
                });
            }

            it(`no parentRef carries a sectionName except bp-harbor's alias route, which pins ${shape.fqdnListener.name}`, function () {
                const pinned = renders.flatMap((r) =>
                    r.routes.flatMap((route) =>
                        parentRefsOf(route)
                            .filter((ref) => "sectionName" in ref)
                            .map((ref) => ({ chart: r.chart, host: firstHost(route), sectionName: ref.sectionName })),
                    ),
                );
                assert.deepEqual(pinned, [{ chart: "harbor", host: `harbor.${shape.fqdn}`, sectionName: shape.fqdnListener.name }]);
            });

            it(`bp-harbor's alias sectionName ${shape.fqdnListener.name} is the shared HTTPS listener for ${shape.fqdnListener.hostname}`, function () {
                const shared = plan.gateways.find((g) => g.role === "shared");
                const listener = shared?.listeners.find((l) => l.name === shape.fqdnListener.name);
                assert.ok(listener, `listener ${shape.fqdnListener.name} exists`);
                assert.equal(listener.protocol, "HTTPS");
                assert.equal(listener.hostname, shape.fqdnListener.hostname);
                assert.ok(plan.listenerIndex.get(`${SHARED_PARENT.namespace}/${SHARED_PARENT.name}`)?.includes(listener.name));
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

            it("the program's predicted chart routes match what Helm renders (hosts, parents, namespaces)", function () {
                const key = (ns: unknown, hosts: unknown, parents: unknown) => JSON.stringify([ns, hosts, parents]);
                const rendered = renders.flatMap((r) => r.routes.map((route) => key(summarise(route).namespace ?? r.namespace, summarise(route).hostnames, parentRefsOf(route)))).sort();
                const predicted = plan.routes.map((route) => key(route.metadata.namespace, route.spec.hostnames, route.spec.parentRefs)).sort();
                assert.deepEqual(predicted, rendered);
            });

            for (const mode of ["spec", "cilium"] as const) {
                it(`attachment (${mode} mode): every guarded route is Accepted and each host is served over HTTPS by an attached listener`, function () {
                    const gateways = plannedGateways(plan);
                    const routes = renders.flatMap((r) => r.routes.map((route) => asHTTPRoute(guardRouteParentRefs(route, plan.listenerIndex, r.namespace).route, r.namespace)));
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
