// What a Sovereign stack exports for its tenant-shard stacks (output `sovereign`): everything a shard
// needs to plan tenants against the Sovereign's Gateways and zones without owning them.

import type { GatewaySettings, TenancySettings, Zone } from "./sovereign-spec";

// v2: tenancy carries the tenant web, egress, ACME delegation and first-boot resource settings; a v1
// output lacks them, so a shard asks for the Sovereign stack to be updated first.
export const REFERENCE_FORMAT = "sovereign-stacks/v2";

export interface SovereignReference {
    format: typeof REFERENCE_FORMAT;
    stack: string;
    fqdn: string;
    zones: Zone[];
    gateways: GatewaySettings;
    tenancy: TenancySettings;
    /** Platform blueprints: where they live (tenant NetworkPolicies reach Keycloak and PowerDNS). */
    blueprints: { name: string; namespace: string; host: string }[];
    /** Hosts a tenant domain may not take. */
    reservedHosts: string[];
    /** Tenants the Sovereign stack itself owns; shards may not reuse their slugs or domains. */
    tenants: { slug: string; domain: string }[];
    /** `ListenerSet ns/name` or `Gateway ns/name` per tenant. */
    listenerContainers: Record<string, string>;
}
