// Stack outputs: what an operator (and a tenant-shard stack) needs to know about a deployed Sovereign.

import type { TenantPlan } from "./tenant-plan";
import type { SovereignPlan } from "./sovereign-plan";
import { REFERENCE_FORMAT, SovereignReference } from "../model/sovereign-reference";
import type { SovereignSpec } from "../model/sovereign-spec";
import { reservedHosts } from "../topology/reserved-hosts";

export interface SovereignOutputs {
    fqdn: string;
    zones: string[];
    /** Host per installed blueprint. */
    hosts: Record<string, string>;
    /** Gateways as `namespace/name`, and whether this stack manages them. */
    gateways: { role: string; ref: string; managedHere: boolean }[];
    /** Listener names per Gateway role. */
    listeners: Record<string, string[]>;
    /** Per tenant: where its mail lives and where its web host is served from. */
    tenants: Record<string, TenantOutput>;
    /** What tenant-shard stacks read through a StackReference (Sovereign stacks only). */
    sovereign?: SovereignReference;
}

export interface TenantOutput {
    domain: string;
    mode: string;
    implementation: string;
    namespace: string;
    mailHost: string;
    /** The host users reach JMAP, DAV and self-service on (never the MX host). */
    webHost: string;
    /** `ListenerSet ns/name`, `Gateway ns/name`, or `Ingress` on a Sovereign without Gateway API. */
    listenerContainer: string;
}

function listenerContainer(t: TenantPlan, plan: SovereignPlan): string {
    if (t.listenerSet) {
        return `ListenerSet ${t.listenerSet.metadata.namespace}/${t.listenerSet.metadata.name}`;
    }
    const console = plan.gateways.find((g) => g.role === "console")!;
    return t.home === "gateway" ? `Gateway ${console.namespace}/${console.name}` : "Ingress";
}

export function sovereignOutputs(spec: SovereignSpec, plan: SovereignPlan, options: { isShard: boolean }): SovereignOutputs {
    const tenants: Record<string, TenantOutput> = Object.fromEntries(
        plan.tenants.map((t) => [
            t.tenant.slug,
            {
                domain: t.tenant.domain.primary,
                mode: t.tenant.domain.mode,
                implementation: t.tenant.implementation,
                namespace: t.namespace,
                mailHost: t.mailHost,
                webHost: t.webHost,
                listenerContainer: listenerContainer(t, plan),
            },
        ]),
    );
    const containers = Object.fromEntries(Object.entries(tenants).map(([slug, t]) => [slug, t.listenerContainer]));
    return {
        fqdn: spec.fqdn,
        zones: spec.zones.map((z) => z.name),
        hosts: Object.fromEntries(plan.blueprints.map((b) => [b.definition.name, b.host])),
        gateways: plan.gateways.map((g) => ({
            role: g.role,
            ref: `${g.namespace}/${g.name}`,
            managedHere: spec.gateways.management === "managed",
        })),
        listeners: Object.fromEntries(plan.gateways.map((g) => [g.role, g.listeners.map((l) => l.name)])),
        tenants,
        ...(options.isShard ? {} : { sovereign: sovereignReference(spec, plan, containers) }),
    };
}

/** The `sovereign` output: what tenant-shard stacks read through a StackReference. */
export function sovereignReference(spec: SovereignSpec, plan: SovereignPlan, listenerContainers: Record<string, string>): SovereignReference {
    return {
        format: REFERENCE_FORMAT,
        stack: spec.stack,
        fqdn: spec.fqdn,
        zones: spec.zones,
        gateways: spec.gateways,
        tenancy: spec.tenancy,
        blueprints: spec.blueprints.map((b) => ({ name: b.name, namespace: b.namespace, host: b.host })),
        reservedHosts: reservedHosts(spec.fqdn, spec.zones, spec.gateways.consoleHostPrefixes, plan.blueprints.map((b) => b.host), spec.tenancy.acmeDelegationDomain),
        tenants: spec.tenants.map((t) => ({ slug: t.slug, domain: t.domain.primary })),
        listenerContainers,
    };
}
