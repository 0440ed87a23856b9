// What this program knows about each OpenOva blueprint chart: where it is published, which version to
// pin, where it lives, which host it serves, which Gateway it parents, and, because the charts do not
// agree, which value paths carry its HTTPRoute settings. Sources: the charts' values contracts as
// documented for bp-* (openova-io/openova platform/<name>/chart) and the TBD-A40 fix (issue #1902).

import type { BlueprintName } from "./names";

export const CHART_REGISTRY = "oci://ghcr.io/openova-io";

/** Which Sovereign Gateway a blueprint's routes parent. */
export type GatewayRole = "shared" | "console";

/**
 * A second route some chart renders with its own parentRef keys and a `sectionName` that defaults to
 * "https" even when empty (bp-harbor's alias redirect, issue #5015). The program must either give it
 * the listener that really serves its host or switch it off.
 */
export interface PinnedSectionRoute {
    /** Boolean value that switches the route on (chart default true). */
    enabledPath: string;
    /** The host the route serves, derived from the blueprint's host; undefined when it renders nothing. */
    hostFor: (mainHost: string) => string | undefined;
    parentNamePath: string;
    parentNamespacePath: string;
    sectionNamePath: string;
    /** The chart's fallback when `sectionNamePath` is empty. */
    chartDefaultSectionName: string;
    /** Route name suffix after the release name (`<release>-alias-redirect`). */
    nameSuffix: string;
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
    pinnedSectionRoute?: PinnedSectionRoute;
}

export interface BlueprintDefinition {
    name: BlueprintName;
    /** `oci://ghcr.io/openova-io/bp-<name>` */
    chart: string;
    /**
     * Version pinned when the stack does not say. These are the newest versions seen in the
     * openova-io/openova tree (bootstrap-kit pins and live evidence), which could not be re-checked
     * against the registry from here; pin per stack after `helm show chart`.
     */
    defaultVersion: string;
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

// The common contract: gateway.{enabled, host, parentRef.*} (gitea, grafana, harbor, keycloak, openbao).
const GATEWAY_BLOCK: RouteValuesContract = {
    enable: [{ path: "gateway.enabled", value: true, off: false }],
    hostPath: "gateway.host",
    parentRefPath: "gateway.parentRef",
};

export const CATALOG: Readonly<Record<BlueprintName, BlueprintDefinition>> = {
    gitea: {
        name: "gitea",
        chart: chartRef("gitea"),
        defaultVersion: "1.2.46",
        firstListenerAgnosticVersion: "1.2.8",
        namespace: "gitea",
        releaseName: "gitea",
        // The Sovereign certificate's SAN list carries gitea.<fqdn>; git.<fqdn> is the other common choice.
        hostPrefix: "gitea",
        gateway: "shared",
        route: GATEWAY_BLOCK,
        scope: "platform",
    },
    grafana: {
        name: "grafana",
        chart: chartRef("grafana"),
        defaultVersion: "1.0.17",
        firstListenerAgnosticVersion: "1.0.2",
        namespace: "grafana",
        releaseName: "grafana",
        hostPrefix: "grafana",
        gateway: "shared",
        // grafana's template fails (not skips) when enabled with an empty host; the host is always set.
        route: GATEWAY_BLOCK,
        scope: "platform",
    },
    harbor: {
        name: "harbor",
        chart: chartRef("harbor"),
        defaultVersion: "1.2.43",
        firstListenerAgnosticVersion: "1.2.18",
        namespace: "harbor",
        releaseName: "harbor",
        hostPrefix: "registry",
        gateway: "shared",
        route: {
            ...GATEWAY_BLOCK,
            pinnedSectionRoute: {
                enabledPath: "gateway.aliasHarborHost",
                hostFor: (host) => (host.startsWith("registry.") ? `harbor.${host.slice("registry.".length)}` : undefined),
                parentNamePath: "gateway.name",
                parentNamespacePath: "gateway.namespace",
                sectionNamePath: "gateway.sectionName",
                chartDefaultSectionName: "https",
                nameSuffix: "alias-redirect",
            },
        },
        scope: "platform",
    },
    keycloak: {
        name: "keycloak",
        chart: chartRef("keycloak"),
        defaultVersion: "1.5.7",
        firstListenerAgnosticVersion: "1.4.6",
        namespace: "keycloak",
        releaseName: "keycloak",
        hostPrefix: "auth",
        gateway: "shared",
        route: GATEWAY_BLOCK,
        scope: "platform",
        // bp-keycloak's HTTPRoute backend is the release's Service on port 80 (gateway.backendPort); the
        // bitnami keycloak chart it wraps serves HTTP in the pod on containerPorts.http 8080.
        servicePort: { port: 80, targetPort: 8080, source: "bp-keycloak gateway.backendPort 80; bitnami/keycloak containerPorts.http 8080" },
    },
    newapi: {
        name: "newapi",
        chart: chartRef("newapi"),
        defaultVersion: "1.4.146",
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
        },
        // The route renders only where placement.role runs the app (all | vcluster-app); the
        // bootstrap-kit slot sets `all`, and the chart's own default is not documented.
        defaultValues: { placement: { role: "all" } },
        scope: "platform",
    },
    openbao: {
        name: "openbao",
        chart: chartRef("openbao"),
        defaultVersion: "1.2.64",
        firstListenerAgnosticVersion: "1.2.17",
        namespace: "openbao",
        releaseName: "openbao",
        hostPrefix: "bao",
        gateway: "shared",
        route: GATEWAY_BLOCK,
        scope: "platform",
    },
    powerdns: {
        name: "powerdns",
        chart: chartRef("powerdns"),
        // The newest Chart.yaml seen (1.0.6) is stale; 1.2.4 is the TBD-A40 bump itself.
        defaultVersion: "1.2.4",
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
        },
        scope: "tenant",
    },
};
