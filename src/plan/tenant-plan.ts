// What one tenant will get, computed purely from the Sovereign: its namespace, where its console
// listeners live, its certificate, and either the native webmail route (or Ingress) or, in chart
// mode, the bp-stalwart-tenant chart request. Components and the attachment proof read this.

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
    mailHost: string;
    home: TenantListenerHome;
    /** The tenant's ListenerSet, when its listeners live in one. */
    listenerSet?: ListenerSet;
    /** Whether the console Gateway (another namespace) must be granted the tenant's TLS Secret. */
    grantsGatewaySecret: boolean;
    /** The certificate the program creates (native mode; the chart issues its own). */
    certificate?: TenantCertificatePlan;
    /** The native webmail HTTPRoute (with a Gateway). */
    webmailRoute?: HTTPRoute;
    /** Chart mode: the bp-stalwart-tenant install. */
    chart?: BlueprintPlan;
}

function webmailParent(home: TenantListenerHome, tenant: TenantSpec, consoleGateway: GatewayPlan): ParentReference {
    const names = stalwartNames(tenant.slug);
    // No sectionName: the route attaches to whichever listener of its parent serves its host.
    return home === "listenerSet"
        ? { group: GATEWAY_API_GROUP, kind: "ListenerSet", name: tenantListenerSetName(tenant.slug), namespace: names.namespace }
        : { name: consoleGateway.name, namespace: consoleGateway.namespace };
}

function webmailRoute(tenant: TenantSpec, parent: ParentReference): HTTPRoute {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "HTTPRoute",
        metadata: { name: `${stalwartName(tenant.slug)}-webmail`, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        spec: {
            parentRefs: [parent],
            hostnames: [mailHostname(tenant.domain.primary)],
            rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: names.webService, port: HTTP_PORT }] }],
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
        ...(home !== "none" ? { webmailRoute: webmailRoute(tenant, webmailParent(home, tenant, consoleGateway)) } : {}),
    };
}
