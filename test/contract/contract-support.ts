// Shared pieces of the chart contract tests: which charts to render (the fixture charts, or real
// published charts pulled by scripts/test-upstream.sh), the Sovereign shapes, and the values a
// chart-mode tenant gives bp-stalwart-tenant.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { BlueprintName } from "../../src/model/blueprint-names";
import type { Gateway, HTTPRoute } from "../../src/model/gateway-api";
import { gatewayManifest } from "../../src/topology/listeners";
import { planSovereign, SovereignPlan } from "../../src/plan/sovereign-plan";
import type { SovereignSpec } from "../../src/model/sovereign-spec";
import { Manifest, helmTemplate, httpRoutes } from "../support/helm";
import { specFrom, zonesOf } from "../support/sovereigns";

/** Set by scripts/test-upstream.sh to a folder of pulled `bp-<name>/` charts. */
export const CHARTS_DIR_ENV = "SOVEREIGN_CONTRACT_CHARTS_DIR";
export const FIXTURE_CHARTS_DIR = path.resolve(__dirname, "../fixtures/charts");

export function chartsDir(): string {
    return process.env[CHARTS_DIR_ENV] || FIXTURE_CHARTS_DIR;
}

/** True when the real published charts are under test rather than the fixtures. */
export function upstreamMode(): boolean {
    return path.resolve(chartsDir()) !== FIXTURE_CHARTS_DIR;
}

export function chartPath(name: BlueprintName): string {
    const dir = path.join(chartsDir(), `bp-${name}`);
    if (!fs.existsSync(path.join(dir, "Chart.yaml"))) {
        throw new Error(`no chart bp-${name} in ${chartsDir()} (expected ${dir}/Chart.yaml)`);
    }
    return dir;
}

export function chartYaml(dir: string): Record<string, unknown> {
    return yaml.load(fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8")) as Record<string, unknown>;
}

export const SHARED_PARENT = { name: "cilium-gateway", namespace: "kube-system" } as const;
export const CONSOLE_PARENT = { name: "cilium-gateway-console", namespace: "kube-system" } as const;

/** A Sovereign layout, with the facts the tests expect of it written out by hand (not recomputed). */
export interface SovereignShape {
    title: string;
    fqdn: string;
    zones: string[];
    /** Every listener of the shared Gateway, in plan order. */
    sharedListeners: string[];
    /** The shared HTTPS listener that serves `<prefix>.<fqdn>` hosts (the most specific wildcard), i.e. every platform host. */
    fqdnListener: { name: string; hostname: string };
    /** The chart-mode tenant's domain (free subdomain under the first org-pool zone, else the only zone). */
    tenantDomain: string;
}

export const TENANT_SLUG = "acme";

export const SHAPES: readonly SovereignShape[] = [
    {
        title: "1 zone, FQDN is the zone",
        fqdn: "omani.works",
        zones: ["omani.works"],
        sharedListeners: ["https", "http"],
        fqdnListener: { name: "https", hostname: "*.omani.works" },
        tenantDomain: "acme.omani.works",
    },
    {
        title: "1 zone, FQDN is not a zone",
        fqdn: "t28.omani.works",
        zones: ["omani.works"],
        sharedListeners: ["https", "http", "https-t28-omani-works", "http-t28-omani-works"],
        fqdnListener: { name: "https-t28-omani-works", hostname: "*.t28.omani.works" },
        tenantDomain: "acme.omani.works",
    },
    {
        title: "2 zones, FQDN is a zone",
        fqdn: "omani.works",
        zones: ["omani.works", "omani.homes"],
        sharedListeners: ["https-omani-works", "http-omani-works", "https-omani-homes", "http-omani-homes"],
        fqdnListener: { name: "https-omani-works", hostname: "*.omani.works" },
        tenantDomain: "acme.omani.homes",
    },
    {
        title: "2 zones, FQDN is not a zone",
        fqdn: "t28.omani.works",
        zones: ["omani.works", "omani.homes"],
        sharedListeners: [
            "https-omani-works",
            "http-omani-works",
            "https-omani-homes",
            "http-omani-homes",
            "https-t28-omani-works",
            "http-t28-omani-works",
        ],
        fqdnListener: { name: "https-t28-omani-works", hostname: "*.t28.omani.works" },
        tenantDomain: "acme.omani.homes",
    },
    {
        title: "4 zones (one punycode), FQDN is a zone (not the first)",
        fqdn: "omani.homes",
        zones: ["omani.works", "omani.homes", "omani.cloud", "xn--mgbaam7a8h.com"],
        sharedListeners: [
            "https-omani-works",
            "http-omani-works",
            "https-omani-homes",
            "http-omani-homes",
            "https-omani-cloud",
            "http-omani-cloud",
            "https-xn--mgbaam7a8h-com",
            "http-xn--mgbaam7a8h-com",
        ],
        fqdnListener: { name: "https-omani-homes", hostname: "*.omani.homes" },
        tenantDomain: "acme.omani.homes",
    },
    {
        title: "4 zones (one punycode), FQDN is not a zone",
        fqdn: "t99.omani.cloud",
        zones: ["omani.works", "omani.homes", "omani.cloud", "xn--mgbaam7a8h.com"],
        sharedListeners: [
            "https-omani-works",
            "http-omani-works",
            "https-omani-homes",
            "http-omani-homes",
            "https-omani-cloud",
            "http-omani-cloud",
            "https-xn--mgbaam7a8h-com",
            "http-xn--mgbaam7a8h-com",
            "https-t99-omani-cloud",
            "http-t99-omani-cloud",
        ],
        fqdnListener: { name: "https-t99-omani-cloud", hostname: "*.t99.omani.cloud" },
        tenantDomain: "acme.omani.homes",
    },
];

/** The Sovereign of a shape, with one chart-mode tenant, built by the program's own parser and planner. */
export function sovereignOf(shape: Pick<SovereignShape, "fqdn" | "zones">): { spec: SovereignSpec; plan: SovereignPlan } {
    const spec = specFrom({
        fqdn: shape.fqdn,
        zones: zonesOf(...shape.zones),
        tenants: [{ slug: TENANT_SLUG, implementation: "chart", keycloak: { realmURL: `https://auth.${shape.fqdn}/realms/org-${TENANT_SLUG}` } }],
    });
    return { spec, plan: planSovereign(spec) };
}

/** One chart's render for a Sovereign: where it was installed and the HTTPRoutes it produced. */
export interface ChartRender {
    chart: BlueprintName;
    release: string;
    namespace: string;
    values: Record<string, unknown>;
    routes: Manifest[];
}

/** Renders every platform blueprint with exactly its planned values, and the tenant's bp-stalwart-tenant. */
export async function renderSovereign(spec: SovereignSpec, plan: SovereignPlan): Promise<ChartRender[]> {
    const jobs: Omit<ChartRender, "routes">[] = plan.blueprints.map((bp) => ({
        chart: bp.definition.name,
        release: bp.releaseName,
        namespace: bp.namespace,
        values: bp.values,
    }));
    // Chart-mode tenants: exactly the values the program maps the tenant onto (src/plan/stalwart-chart-values.ts).
    for (const tenant of plan.tenants) {
        if (tenant.chart) {
            jobs.push({ chart: "stalwart-tenant", release: tenant.chart.releaseName, namespace: tenant.chart.namespace, values: tenant.chart.values });
        }
    }
    // Renders run concurrently: each `helm template` is a separate ~0.1-0.2 s process.
    return Promise.all(
        jobs.map(async (job) => ({
            ...job,
            routes: httpRoutes(await helmTemplate(chartPath(job.chart), { release: job.release, namespace: job.namespace, values: job.values })),
        })),
    );
}

export interface RouteSummary {
    name: string;
    namespace: string | undefined;
    hostnames: unknown;
    parentRefs: unknown;
}

/**
 * A route rule as one line: its matches, then what it does (`-> backend:port` or
 * `=> <status> [host][:port][path]`), so a test can state a template's rules compactly and exactly.
 */
export function ruleLines(route: Manifest): string[] {
    const spec = (route.spec ?? {}) as Record<string, unknown>;
    const rules = Array.isArray(spec.rules) ? (spec.rules as Record<string, unknown>[]) : [];
    return rules.map((rule) => {
        const matches = Array.isArray(rule.matches) ? (rule.matches as Record<string, Record<string, unknown>>[]) : [];
        const on = matches.map((m) => `${String(m.path?.type)} ${String(m.path?.value)}`).join(" | ") || "*";
        const backends = Array.isArray(rule.backendRefs) ? (rule.backendRefs as Record<string, unknown>[]) : [];
        const filters = Array.isArray(rule.filters) ? (rule.filters as Record<string, Record<string, unknown>>[]) : [];
        const does = [
            ...backends.map((b) => `-> ${String(b.name)}:${String(b.port)}`),
            ...filters.map((f) => {
                const r = f.requestRedirect ?? {};
                const p = r.path as Record<string, unknown> | undefined;
                return `=> ${String(r.statusCode)} ${r.hostname ?? ""}${r.port !== undefined ? `:${String(r.port)}` : ""}${p ? String(p.replaceFullPath ?? p.replacePrefixMatch) : ""}`;
            }),
        ];
        return `${on} ${does.join(" ")}`;
    });
}

export function summarise(route: Manifest): RouteSummary {
    const metadata = (route.metadata ?? {}) as Record<string, unknown>;
    const spec = (route.spec ?? {}) as Record<string, unknown>;
    return {
        name: String(metadata.name),
        namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
        hostnames: spec.hostnames,
        parentRefs: spec.parentRefs,
    };
}

export function parentRefsOf(route: Manifest): Record<string, unknown>[] {
    const spec = (route.spec ?? {}) as Record<string, unknown>;
    return Array.isArray(spec.parentRefs) ? (spec.parentRefs as Record<string, unknown>[]) : [];
}

/** The planned Gateways as manifests: chart-mode tenants' console listeners are part of the plan. */
export function plannedGateways(plan: SovereignPlan): Gateway[] {
    return plan.gateways.map((g) => gatewayManifest(g, {}));
}

/** A rendered route as the checker's HTTPRoute, placed in the release namespace when the chart left it unset. */
export function asHTTPRoute(route: Manifest, releaseNamespace: string): HTTPRoute {
    const metadata = (route.metadata ?? {}) as Record<string, unknown>;
    return { ...route, metadata: { ...metadata, namespace: typeof metadata.namespace === "string" ? metadata.namespace : releaseNamespace } } as unknown as HTTPRoute;
}
