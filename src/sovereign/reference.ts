// What a Sovereign stack exports for its tenant-shard stacks (output `sovereign`): everything a shard
// needs to plan tenants against the Sovereign's Gateways and zones without owning them.

import { isPlainObject } from "../config/reader";
import type { SovereignPlan } from "./plan";
import type { GatewaySettings, SovereignSpec, TenancySettings, Zone } from "./spec";

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

export function sovereignReference(spec: SovereignSpec, plan: SovereignPlan, listenerContainers: Record<string, string>): SovereignReference {
    return {
        format: REFERENCE_FORMAT,
        stack: spec.stack,
        fqdn: spec.fqdn,
        zones: spec.zones,
        gateways: spec.gateways,
        tenancy: spec.tenancy,
        blueprints: spec.blueprints.map((b) => ({ name: b.name, namespace: b.namespace, host: b.host })),
        reservedHosts: [
            ...plan.blueprints.map((b) => b.host),
            ...spec.gateways.consoleHostPrefixes.map((p) => `${p}.${spec.fqdn}`),
            spec.fqdn,
            ...spec.zones.map((z) => z.name),
            spec.tenancy.acmeDelegationDomain,
        ],
        tenants: spec.tenants.map((t) => ({ slug: t.slug, domain: t.domain.primary })),
        listenerContainers,
    };
}

/** Why a StackReference output is not a SovereignReference this program can use, if it is not. */
export function referenceProblem(value: unknown): string | undefined {
    if (value === undefined) {
        return "has no `sovereign` output; run `pulumi up` on the Sovereign stack first";
    }
    if (!isPlainObject(value) || value.format !== REFERENCE_FORMAT) {
        return `has a \`sovereign\` output that is not in format ${REFERENCE_FORMAT}; update the Sovereign stack to this version of the program first`;
    }
    for (const key of ["fqdn", "zones", "gateways", "tenancy", "blueprints", "reservedHosts", "tenants"]) {
        if (value[key] === undefined) {
            return `has a \`sovereign\` output without ${key}`;
        }
    }
    return undefined;
}
