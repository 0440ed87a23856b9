// Where a tenant's web host is served from: the console Gateway listener pair
// `console-https-<slug>` / `console-http-<slug>` (OpenOva's per-Org naming), on `*.<slug>.<zone>` for a
// free subdomain (covered by a DNS-01 wildcard certificate) or on the web host itself for a BYO domain
// (its certificate names exactly the hosts the tenant delegated ACME challenges for). Chart-mode BYO
// tenants keep the chart's own host, `mail.<domain>`.

import type { Listener } from "../model/gateway-api";
import { mailHostname } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import type { SovereignSpec } from "../model/sovereign-spec";
import { tenantListenerName } from "../model/tenant-names";
import type { TenantSpec } from "../model/tenant-spec";

/** `listenerSet`: its own ListenerSet; `gateway`: on the console Gateway itself; `none`: no Gateway API. */
export type TenantListenerHome = "listenerSet" | "gateway" | "none";

export function tenantListenerHome(tenant: TenantSpec, spec: Pick<SovereignSpec, "gateways" | "tenancy">): TenantListenerHome {
    if (spec.gateways.management === "none") {
        return "none";
    }
    // The published chart's parentRef has no `kind`, so its route can only parent the Gateway itself.
    return tenant.implementation === "chart" || spec.tenancy.listeners === "gateway" ? "gateway" : "listenerSet";
}

export function tenantListenerHostname(tenant: TenantSpec): string {
    if (tenant.domain.mode === "free-subdomain") return `*.${tenant.domain.primary}`;
    return tenant.implementation === "chart" ? mailHostname(tenant.domain.primary) : tenant.web.host;
}

/**
 * DNS names the tenant's certificate must cover: it serves both the listener (the web host) and
 * Stalwart's own TLS (the MX host). BYO: each name is one `_acme-challenge` delegation the tenant adds.
 */
export function tenantCertificateDnsNames(tenant: TenantSpec): string[] {
    return tenant.domain.mode === "free-subdomain"
        ? [`*.${tenant.domain.primary}`, tenant.domain.primary]
        : [mailHostname(tenant.domain.primary), tenant.web.host];
}

export function tenantListeners(tenant: TenantSpec, ports: { httpsPort: number; httpPort: number }): Listener[] {
    const hostname = tenantListenerHostname(tenant);
    const names = stalwartNames(tenant.slug);
    return [
        {
            name: tenantListenerName(tenant.slug, "https"),
            hostname,
            port: ports.httpsPort,
            protocol: "HTTPS",
            tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: names.tlsSecret, namespace: names.namespace }] },
            // Only the tenant's own namespace may attach routes to its host.
            allowedRoutes: { namespaces: { from: "Selector", selector: { matchLabels: { "kubernetes.io/metadata.name": names.namespace } } } },
        },
        {
            name: tenantListenerName(tenant.slug, "http"),
            hostname,
            port: ports.httpPort,
            protocol: "HTTP",
            allowedRoutes: { namespaces: { from: "Selector", selector: { matchLabels: { "kubernetes.io/metadata.name": names.namespace } } } },
        },
    ];
}
