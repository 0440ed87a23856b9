// The validated, fully defaulted description of one Sovereign. Everything downstream (listeners,
// values, components, the renderer, the checker) reads this, never raw config.

import type { PlatformBlueprintName } from "./blueprint-names";
import type { TenantSpec } from "./tenant-spec";

export type ZoneRole = "primary" | "org-pool";

export interface Zone {
    name: string;
    role: ZoneRole;
}

/**
 * `managed`: this program creates both Gateways from the computed listeners.
 * `external`: the Gateways exist already (e.g. OpenOva's sovereign-tls Kustomization); routes are still
 * verified against the listeners computed here, which must match what that layer renders.
 * `none`: the Sovereign has no Gateway API; platform routes are switched off and tenant web hosts are
 * exposed through a Traefik Ingress.
 */
export type GatewayManagement = "managed" | "external" | "none";

export interface GatewaySettings {
    management: GatewayManagement;
    namespace: string;
    className: string;
    /** The shared (platform) Gateway, `cilium-gateway` by default. */
    sharedName: string;
    /** The console Gateway carrying per-host and per-tenant listeners, `cilium-gateway-console` by default. */
    consoleName: string;
    httpsPort: number;
    httpPort: number;
    /** Console Gateway per-host listener prefixes: `<prefix>-https` on `<prefix>.<fqdn>`. */
    consoleHostPrefixes: string[];
    /** `spec.infrastructure.annotations` of the shared Gateway (the CRD caps this map at 8 entries). */
    infrastructureAnnotations: Record<string, string>;
}

export interface BlueprintSettings {
    name: PlatformBlueprintName;
    enabled: boolean;
    version: string;
    namespace: string;
    releaseName: string;
    host: string;
    createNamespace: boolean;
    /** Operator-pinned listener name; absent means "attach by hostname" (the default and the fix). */
    sectionName?: string;
    /** Extra chart values, deep-merged under the program's gateway values. */
    values: Record<string, unknown>;
}

/**
 * Where each tenant's console listeners live. `listenerSets`: one ListenerSet per tenant attached to the
 * console Gateway (no 64-listener ceiling, and a tenant never touches another's object). `gateway`:
 * directly on the console Gateway, as OpenOva's catalyst-api does, for Cilium releases without
 * ListenerSet support; at most (64 - console listeners) / 2 such tenants.
 */
export type TenantListenerPlacement = "listenerSets" | "gateway";

export type ExternalSecretsApiVersion = "external-secrets.io/v1" | "external-secrets.io/v1beta1";

/** Sovereign-wide settings for the per-tenant mail servers. */
export interface TenancySettings {
    externalSecretsApiVersion: ExternalSecretsApiVersion;
    /** ClusterSecretStore backed by OpenBao. */
    secretStore: string;
    listeners: TenantListenerPlacement;
    /** ClusterIssuer for free-subdomain certificates (DNS-01 through the Sovereign's PowerDNS). */
    certificateIssuer: string;
    /**
     * ClusterIssuer for BYO hosts: DNS-01 through the Sovereign's PowerDNS, following the tenant's
     * `_acme-challenge` CNAMEs into `acmeDelegationDomain` (its solver needs `cnameStrategy: Follow`).
     */
    byoCertificateIssuer: string;
    /** A name in a PowerDNS-served zone under which BYO tenants' ACME challenges are answered. */
    acmeDelegationDomain: string;
    /** The host tenants' web hosts are CNAMEs of: a host of the console Gateway. */
    webCnameTarget: string;
    /** Where tenants' outbound SMTP leaves from, for SPF (and, on Cilium, pinned by an egress gateway). */
    egress: TenantEgressSettings;
    /** `webadmin.resource`: an https URL or an absolute path in the pod (air-gapped first boot). */
    webadminResource: string;
    /** `spam-filter.resource`: an https URL or an absolute path in the pod. */
    spamFilterResource: string;
    /** Pod, node and load-balancer CIDRs Stalwart must never auto-ban. */
    trustedCidrs: string[];
    /** Registry mirror prefixed to the pinned images ("" pulls from Docker Hub). */
    imageRegistry: string;
}

export interface TenantEgressSettings {
    /** Egress IPs or CIDRs, published as `ip4:` / `ip6:` in every tenant's SPF. */
    addresses: string[];
    /** A Sovereign SPF record listing the egress addresses, published as `include:`. */
    spfInclude?: string;
    /** Cilium egress gateway pinning each tenant's SMTP egress (a CiliumEgressGatewayPolicy per tenant). */
    ciliumGateway?: { nodeSelector: Record<string, string>; egressIP: string };
}

export interface SovereignSpec {
    /** Stack name, e.g. `omantel`. */
    stack: string;
    /** The stack file the spec was read from (for messages). */
    stackFile: string;
    fqdn: string;
    /** Parent zones; never empty (an empty config list means one zone equal to the FQDN). */
    zones: Zone[];
    gateways: GatewaySettings;
    blueprints: BlueprintSettings[];
    tenancy: TenancySettings;
    tenants: TenantSpec[];
}
