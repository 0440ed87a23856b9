// What one tenant will get, computed purely from the Sovereign: its namespace, where its console
// listeners live, its certificate, and either the native user-access route on its web host (or an
// Ingress) or, in chart mode, the bp-stalwart-tenant chart request. Components and the attachment
// proof read this.

import { BlueprintPlan, planBlueprint } from "./blueprint-plan";
import { CATALOG } from "../model/blueprint-catalog";
import { GATEWAY_API_GROUP, GATEWAY_API_VERSION, HTTPRoute, ListenerSet, ParentReference } from "../model/gateway-api";
import { GatewayPlan, LISTENER_SETS_LABEL } from "../topology/listeners";
import { mailHostname, HTTP_PORT } from "../model/stalwart-layout";
import { tenantMailLabels } from "../model/labels";
import { stalwartNames } from "../model/stalwart-names";
import { MANAGED_BY_LABELS } from "../model/labels";
import type { SovereignSpec } from "../model/sovereign-spec";
import { stalwartChartValues } from "./stalwart-chart-values";
import { TenantListenerHome, tenantCertificateDnsNames, tenantListenerHome, tenantListeners } from "../topology/tenant-listeners";
import { stalwartName, tenantListenerSetName } from "../model/tenant-names";
import type { TenantSpec } from "../model/tenant-spec";

export interface TenantCertificatePlan {
    name: string;
    namespace: string;
    secretName: string;
    dnsNames: string[];
    issuer: string;
}

export interface TenantPlan {
    tenant: TenantSpec;
    namespace: string;
    namespaceLabels: Record<string, string>;
    /** The MX host (SMTP/IMAP LoadBalancers). */
    mailHost: string;
    /** The web host served through the console Gateway (native mode); never the MX host. */
    webHost: string;
    home: TenantListenerHome;
    /** The tenant's ListenerSet, when its listeners live in one. */
    listenerSet?: ListenerSet;
    /** Whether the console Gateway (another namespace) must be granted the tenant's TLS Secret. */
    grantsGatewaySecret: boolean;
    /** The certificate the program creates (native mode; the chart issues its own). */
    certificate?: TenantCertificatePlan;
    /** The native user-access HTTPRoute on the web host (with a Gateway). */
    webRoute?: HTTPRoute;
    /** Chart mode: the bp-stalwart-tenant install. */
    chart?: BlueprintPlan;
}

function webParent(home: TenantListenerHome, tenant: TenantSpec, consoleGateway: GatewayPlan): ParentReference {
    const names = stalwartNames(tenant.slug);
    // No sectionName: the route attaches to whichever listener of its parent serves its host.
    return home === "listenerSet"
        ? { group: GATEWAY_API_GROUP, kind: "ListenerSet", name: tenantListenerSetName(tenant.slug), namespace: names.namespace }
        : { name: consoleGateway.name, namespace: consoleGateway.namespace };
}

/**
 * The web host serves what a mail user needs: JMAP, DAV, `.well-known` discovery, Stalwart's OAuth
 * endpoints, and the web admin bundle's account pages (login, app passwords, 2FA), which call
 * `/api/oauth` and `/api/account/*` (stalwartlabs/webadmin src/core/oauth.rs, src/pages/account). The
 * rest of `/api` is the management API and stays inside the cluster: its rule has no backend, so the
 * Gateway answers it without forwarding (Gateway API HTTPRouteRule.backendRefs). Stalwart v0.15 has
 * no webmail of its own (crates/http/src/request.rs); native mode serves none.
 */
export const USER_WEB_PATH_PREFIXES: readonly string[] = ["/jmap", "/dav", "/.well-known", "/auth", "/api/account", "/api/oauth"];
export const INTERNAL_PATH_PREFIXES: readonly string[] = ["/api", "/metrics"];

function userWebRoute(tenant: TenantSpec, parent: ParentReference): HTTPRoute {
    // Validation rejects it already; the MX host resolves to the SMTP LoadBalancer, never the Gateway.
    if (tenant.web.host === mailHostname(tenant.domain.primary)) {
        throw new Error(`tenant ${tenant.slug}: the web host ${tenant.web.host} is the MX host`);
    }
    const names = stalwartNames(tenant.slug);
    const prefix = (value: string) => ({ path: { type: "PathPrefix" as const, value } });
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "HTTPRoute",
        metadata: { name: names.userWebRoute, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        spec: {
            parentRefs: [parent],
            hostnames: [tenant.web.host],
            rules: [
                // "/" last: the web admin bundle (its account pages) is served from every other path.
                { matches: [...USER_WEB_PATH_PREFIXES, "/"].map(prefix), backendRefs: [{ name: names.webService, port: HTTP_PORT }] },
                { matches: INTERNAL_PATH_PREFIXES.map(prefix) },
            ],
        },
    };
}

function listenerSetFor(tenant: TenantSpec, spec: SovereignSpec, consoleGateway: GatewayPlan): ListenerSet {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "ListenerSet",
        metadata: { name: tenantListenerSetName(tenant.slug), namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        spec: {
            parentRef: { group: GATEWAY_API_GROUP, kind: "Gateway", name: consoleGateway.name, namespace: consoleGateway.namespace },
            listeners: tenantListeners(tenant, spec.gateways),
        },
    };
}

export function planTenant(tenant: TenantSpec, spec: SovereignSpec, gateways: readonly GatewayPlan[]): TenantPlan {
    const consoleGateway = gateways.find((g) => g.role === "console")!;
    const names = stalwartNames(tenant.slug);
    const home = tenantListenerHome(tenant, spec);
    const namespaceLabels = {
        ...MANAGED_BY_LABELS,
        "catalyst.openova.io/tenant": tenant.slug,
        ...(home === "listenerSet" ? { [LISTENER_SETS_LABEL]: "true" } : {}),
    };
    const issuer = tenant.domain.mode === "free-subdomain" ? spec.tenancy.certificateIssuer : spec.tenancy.byoCertificateIssuer;
    const base: TenantPlan = {
        tenant,
        namespace: names.namespace,
        namespaceLabels,
        mailHost: mailHostname(tenant.domain.primary),
        webHost: tenant.implementation === "chart" ? mailHostname(tenant.domain.primary) : tenant.web.host,
        home,
        grantsGatewaySecret: home === "gateway",
        ...(home === "listenerSet" ? { listenerSet: listenerSetFor(tenant, spec, consoleGateway) } : {}),
    };
    if (tenant.implementation === "chart") {
        const chart = planBlueprint(
            {
                resourceName: `bp-stalwart-tenant-${tenant.slug}`,
                definition: CATALOG["stalwart-tenant"],
                version: tenant.chartVersion,
                namespace: names.namespace,
                releaseName: stalwartName(tenant.slug),
                // The program creates the tenant namespace itself (labels, ListenerSet admission).
                createNamespace: false,
                host: mailHostname(tenant.domain.primary),
                values: stalwartChartValues(tenant, spec, issuer),
            },
            spec.gateways.management === "none" ? undefined : consoleGateway,
            spec.fqdn,
        );
        return { ...base, chart };
    }
    return {
        ...base,
        certificate: { name: names.tlsSecret, namespace: names.namespace, secretName: names.tlsSecret, dnsNames: tenantCertificateDnsNames(tenant), issuer },
        ...(home !== "none" ? { webRoute: userWebRoute(tenant, webParent(home, tenant, consoleGateway)) } : {}),
    };
}
