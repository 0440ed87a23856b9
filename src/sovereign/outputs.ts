// Stack outputs: what an operator (and a tenant-shard stack) needs to know about a deployed Sovereign.

import type { SovereignPlan } from "./plan";
import type { SovereignSpec } from "./spec";

export interface SovereignOutputs {
    fqdn: string;
    zones: string[];
    /** Host per installed blueprint. */
    hosts: Record<string, string>;
    /** Gateways as `namespace/name`, and whether this stack manages them. */
    gateways: { role: string; ref: string; managedHere: boolean }[];
    /** Listener names per Gateway role. */
    listeners: Record<string, string[]>;
}

export function sovereignOutputs(spec: SovereignSpec, plan: SovereignPlan): SovereignOutputs {
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
    };
}
