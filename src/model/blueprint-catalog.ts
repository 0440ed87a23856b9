// What this program knows about each OpenOva blueprint chart: where it is published, which version to
// pin, where it lives, which host it serves, which Gateway it parents, and, because the charts do not
// agree, which value paths carry its HTTPRoute settings and how each names its routes. Sources: the
// route templates and values in openova-io/openova platform/<name>/chart (the commit each follows is
// named in test/fixtures/charts/bp-<name>/Chart.yaml) and the TBD-A40 fix (issue #1902).

import type { BlueprintName } from "./blueprint-names";
import { templateTruthy } from "./template-truthiness";

export const CHART_REGISTRY = "oci://ghcr.io/openova-io";

/** Which Sovereign Gateway a blueprint's routes parent. */
export type GatewayRole = "shared" | "console";

/**
 * How a chart names a route it renders: from a value path with a literal fallback (`gateway.name | default
 * "gitea"`), or from the `helm create` fullname of the release plus a suffix (`<fullname>-public`).
 */
export type RouteNameRule =
    | { kind: "value"; path: string; fallback: string }
    | { kind: "fullname"; chart: string; suffix: string };

/** A value the chart reads with its own default before it renders the route at all. */
export interface RenderGuard {
    path: string;
    /** The chart's default when the value is absent. */
    chartDefault: unknown;
    /** Whether the chart renders the route for this value. */
    renders: (value: unknown) => boolean;
}

/**
 * bp-harbor's second route: `harbor.<rest>` 301-redirecting to `registry.<rest>` (issue #5015). Before
 * `fixedIn` its parentRef came from `legacyParent` keys and always pinned a sectionName (default "https");
 * from `fixedIn` on it uses the main route's parentRef block.
 */
export interface AliasRoute {
    /** Boolean value that switches the route off when false (chart default true). */
    enabledPath: string;
    /** The host the route serves, derived from the main host; undefined when the chart renders none. */
    hostFor: (mainHost: string) => string | undefined;
    /** `<fullname>-alias-redirect`, where the fullname is `fullnameOverride` or the literal chart short name. */
    name: { overridePath: string; fallback: string; suffix: string };
    /** First chart version whose alias route uses the main route's parentRef block. */
    fixedIn: string;
    /** The keys older versions read for the alias route's parent, and their defaults. */
    legacyParent: { namePath: string; namespacePath: string; sectionNamePath: string; sectionNameDefault: string };
}

export interface RouteValuesContract {
    /**
     * Values that must be set for the chart to render its HTTPRoute at all, and (`off`) what switches the
     * route off on a Sovereign without Gateway API; no `off` means the value is not route-only.
     */
    enable: { path: string; value: boolean | string; off?: boolean | string }[];
    /** Where the route hostname goes. */
    hostPath: string;
    /** The parentRef mapping: `<path>.name`, `<path>.namespace`, optional `<path>.sectionName`. */
    parentRefPath: string;
    /** Where the chart reads the Sovereign FQDN, when it derives hosts or redirects from it (newapi). */
    fqdnPath?: string;
    /** How the chart names its (main) route. */
    name: RouteNameRule;
    /** A list of extra hostnames the chart adds to the main route (entries equal to the host are dropped). */
    extraHostsPath?: string;
    /** Values (with chart defaults) the chart checks before rendering the route, besides `enable`. */
    renderGuards?: RenderGuard[];
    aliasRoute?: AliasRoute;
}

export interface BlueprintDefinition {
    name: BlueprintName;
    /** `oci://ghcr.io/openova-io/bp-<name>` */
    chart: string;
    /**
     * Version pinned when the stack does not say: the newest version readable in openova-io/openova
     * (a Chart.yaml `version`, or blueprint.yaml `spec.version`, which moves in lockstep with it). Live
     * Sovereigns may run newer ones; pin per stack after `helm show chart`.
     */
    defaultVersion: string;
    /** Where `defaultVersion` was read: `<path>@<commit>` in openova-io/openova. */
    defaultVersionSource: string;
    /** First chart version whose values default `sectionName` to "" (TBD-A40 / PR #1888 bumps). */
    firstListenerAgnosticVersion: string;
    namespace: string;
    releaseName: string;
    /** First DNS label of the host: `<prefix>.<fqdn>` (or `<prefix>.<tenant domain>` for tenants). */
    hostPrefix: string;
    gateway: GatewayRole;
    route: RouteValuesContract;
    /** Values the chart needs for its route to render at all; operator values may override them. */
    defaultValues?: Record<string, unknown>;
    scope: "platform" | "tenant";
    /**
     * The port other workloads reach the blueprint's API on, for tenants' NetworkPolicies: `port` is the
     * Service port, `targetPort` the pod port a NetworkPolicy must allow (policies see traffic after the
     * Service's DNAT), `source` where the numbers come from.
     */
    servicePort?: BlueprintServicePort;
}

export interface BlueprintServicePort {
    port: number;
    targetPort: number;
    source: string;
}

function chartRef(name: BlueprintName): string {
    return `${CHART_REGISTRY}/bp-${name}`;
}

// The common contract: gateway.{enabled, host, parentRef.*} (gitea, grafana, harbor, keycloak, openbao);
// the route is named `gateway.name`, else the chart's short name.
function gatewayBlock(shortName: string): RouteValuesContract {
    return {
        enable: [{ path: "gateway.enabled", value: true, off: false }],
        hostPath: "gateway.host",
        parentRefPath: "gateway.parentRef",
        name: { kind: "value", path: "gateway.name", fallback: shortName },
    };
}

export const CATALOG: Readonly<Record<BlueprintName, BlueprintDefinition>> = {
    gitea: {
        name: "gitea",
        chart: chartRef("gitea"),
        defaultVersion: "1.2.44",
        defaultVersionSource: "platform/gitea/chart/Chart.yaml@165b0447b15b",
        firstListenerAgnosticVersion: "1.2.8",
        namespace: "gitea",
        releaseName: "gitea",
        // The Sovereign certificate's SAN list carries gitea.<fqdn>; git.<fqdn> is the other common choice.
        hostPrefix: "gitea",
        gateway: "shared",
        route: gatewayBlock("gitea"),
        scope: "platform",
    },
    grafana: {
        name: "grafana",
        chart: chartRef("grafana"),
        defaultVersion: "1.0.17",
        defaultVersionSource: "platform/grafana/chart/Chart.yaml@0f9cbe0112f6",
        firstListenerAgnosticVersion: "1.0.2",
        namespace: "grafana",
        releaseName: "grafana",
        hostPrefix: "grafana",
        gateway: "shared",
        // grafana's template fails (not skips) when enabled with an empty host; the host is always set.
        route: gatewayBlock("grafana"),
        scope: "platform",
    },
    harbor: {
        name: "harbor",
        chart: chartRef("harbor"),
        defaultVersion: "1.2.49",
        defaultVersionSource: "platform/harbor/chart/Chart.yaml@a0ba930e10b0",
        firstListenerAgnosticVersion: "1.2.18",
        namespace: "harbor",
        releaseName: "harbor",
        hostPrefix: "registry",
        gateway: "shared",
        route: {
            ...gatewayBlock("harbor"),
            extraHostsPath: "gateway.extraHosts",
            aliasRoute: {
                enabledPath: "gateway.aliasHarborHost",
                hostFor: (host) => (host.startsWith("registry.") ? `harbor.${host.slice("registry.".length)}` : undefined),
                name: { overridePath: "fullnameOverride", fallback: "harbor", suffix: "-alias-redirect" },
                fixedIn: "1.2.49",
                legacyParent: { namePath: "gateway.name", namespacePath: "gateway.namespace", sectionNamePath: "gateway.sectionName", sectionNameDefault: "https" },
            },
        },
        scope: "platform",
    },
    keycloak: {
        name: "keycloak",
        chart: chartRef("keycloak"),
        defaultVersion: "1.4.27",
        defaultVersionSource: "platform/keycloak/chart/Chart.yaml@2a1e8b200b59",
        firstListenerAgnosticVersion: "1.4.6",
        namespace: "keycloak",
        releaseName: "keycloak",
        hostPrefix: "auth",
        gateway: "shared",
        route: gatewayBlock("keycloak"),
        scope: "platform",
        // bp-keycloak's HTTPRoute backend is the release's Service on port 80 (gateway.backendPort); the
        // bitnami keycloak chart it wraps serves HTTP in the pod on containerPorts.http 8080.
        servicePort: { port: 80, targetPort: 8080, source: "bp-keycloak gateway.backendPort 80; bitnami/keycloak containerPorts.http 8080" },
    },
    newapi: {
        name: "newapi",
        chart: chartRef("newapi"),
        defaultVersion: "1.4.151",
        // blueprint.yaml spec.version moves in lockstep with chart/Chart.yaml (rule #817).
        defaultVersionSource: "platform/newapi/blueprint.yaml@a92e724fbb15",
        // Before this the template itself said `default "https"`, whatever the values held.
        firstListenerAgnosticVersion: "1.4.23",
        namespace: "newapi",
        releaseName: "newapi",
        hostPrefix: "newapi",
        gateway: "shared",
        route: {
            enable: [{ path: "ingress.httpRoute.enabled", value: true, off: false }],
            hostPath: "ingress.httpRoute.host",
            parentRefPath: "ingress.httpRoute.parentRef",
            fqdnPath: "sovereignFQDN",
            name: { kind: "fullname", chart: "bp-newapi", suffix: "-public" },
            renderGuards: [
                // The app, and with it the route, renders only for these placement roles.
                { path: "placement.role", chartDefault: "all", renders: (v) => v === "all" || v === "vcluster-app" },
                { path: "newapi.enabled", chartDefault: true, renders: templateTruthy },
            ],
        },
        // `all` is the chart's own default (values.yaml@956bc66424b7); set explicitly, as the bootstrap
        // slot does, so the release renders the app and its route whatever a future default becomes.
        defaultValues: { placement: { role: "all" } },
        scope: "platform",
    },
    openbao: {
        name: "openbao",
        chart: chartRef("openbao"),
        defaultVersion: "1.2.66",
        defaultVersionSource: "platform/openbao/chart/Chart.yaml@9f7c957eebe4",
        firstListenerAgnosticVersion: "1.2.17",
        namespace: "openbao",
        releaseName: "openbao",
        hostPrefix: "bao",
        gateway: "shared",
        route: gatewayBlock("openbao"),
        scope: "platform",
    },
    powerdns: {
        name: "powerdns",
        chart: chartRef("powerdns"),
        // No Chart.yaml of 1.2.4 or later is readable (the newest, 1.0.6, predates the fix); 1.2.4 is the
        // TBD-A40 bump that made sectionName optional.
        defaultVersion: "1.2.4",
        defaultVersionSource: "platform/powerdns/chart/Chart.yaml (TBD-A40 / issue #1902 bump; newest readable 1.0.6@f4679e2748de)",
        firstListenerAgnosticVersion: "1.2.4",
        namespace: "powerdns",
        releaseName: "powerdns",
        hostPrefix: "pdns",
        gateway: "shared",
        // Its template has no host guard: it renders whenever both flags are on, so the host is always set.
        route: {
            enable: [
                { path: "api.enabled", value: true },
                { path: "api.gateway.enabled", value: true, off: false },
            ],
            hostPath: "api.host",
            parentRefPath: "api.gateway.parentRef",
            name: { kind: "value", path: "api.gateway.name", fallback: "powerdns-api" },
        },
        scope: "platform",
        // The PowerDNS API is its built-in webserver: bp-powerdns routes to Service `powerdns` on the
        // webserver bindPort 8081, which is also the pod port.
        servicePort: { port: 8081, targetPort: 8081, source: "bp-powerdns templates/api-httproute.yaml backendPort default: webserver bindPort 8081" },
    },
    "stalwart-tenant": {
        name: "stalwart-tenant",
        chart: chartRef("stalwart-tenant"),
        defaultVersion: "0.1.16",
        defaultVersionSource: "platform/stalwart-tenant/chart/Chart.yaml@93ef3bdd634c",
        firstListenerAgnosticVersion: "0.1.3",
        // Per tenant: the namespace and release name come from the tenant (see tenant-names.ts).
        namespace: "",
        releaseName: "",
        hostPrefix: "mail",
        // Per-Org hosts resolve to the console Gateway's address (bp-stalwart-tenant 0.1.7+).
        gateway: "console",
        route: {
            // "ingress" renders a Traefik Ingress instead of the HTTPRoute.
            enable: [{ path: "ingress.webmail.mode", value: "gateway", off: "ingress" }],
            hostPath: "ingress.webmail.host",
            parentRefPath: "ingress.webmail.parentRef",
            name: { kind: "fullname", chart: "bp-stalwart-tenant", suffix: "-webmail" },
            renderGuards: [{ path: "stalwart.enabled", chartDefault: true, renders: templateTruthy }],
        },
        scope: "tenant",
    },
};
