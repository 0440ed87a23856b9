// Everything a Sovereign stack will create, computed purely from its spec: the Gateways and their
// listeners, and each blueprint's chart request. Components, the renderer and the checker share it.

import { BlueprintPlan, planBlueprint, platformBlueprintInstall } from "./blueprint-plan";
import { CATALOG } from "../model/blueprint-catalog";
import { chartRoutes } from "./chart-routes";
import type { HTTPRoute, ListenerSet, NamespaceInfo } from "../model/gateway-api";
import { GatewayPlan, ListenerIndex, gatewaysForSovereign, listenerIndexOf, listenerProblems } from "../topology/listeners";
import type { SovereignSpec } from "../model/sovereign-spec";
import { TenantPlan, planTenant } from "./tenant-plan";

export interface SovereignPlan {
    gateways: GatewayPlan[];
    blueprints: BlueprintPlan[];
    tenants: TenantPlan[];
    /** ListenerSets attached to the Gateways (per-tenant listeners). */
    listenerSets: ListenerSet[];
    /** Every HTTPRoute the stack will have: created by the program, or rendered by a chart (predicted). */
    routes: HTTPRoute[];
    /** Namespaces the program creates, with their labels (for allowedRoutes/allowedListeners selectors). */
    namespaces: NamespaceInfo[];
    /** Listener names per Gateway, for the route guard. */
    listenerIndex: ListenerIndex;
}

export function planSovereign(spec: SovereignSpec): SovereignPlan {
    const gateways = gatewaysForSovereign(spec);
    // Validation already rejects these; failing here keeps an invalid Gateway from ever being emitted
    // even if a caller skipped validation.
    const problems = gateways.flatMap(listenerProblems);
    if (problems.length > 0) {
        throw new Error(`refusing to plan invalid Gateways:\n  - ${problems.join("\n  - ")}`);
    }
    const parentFor = (role: GatewayPlan["role"]) => (spec.gateways.management === "none" ? undefined : gateways.find((g) => g.role === role));
    const blueprints = spec.blueprints
        .filter((b) => b.enabled)
        .map((b) => planBlueprint(platformBlueprintInstall(b), parentFor(CATALOG[b.name].gateway), spec.fqdn));
    const tenants = spec.tenants.map((t) => planTenant(t, spec, gateways));
    const tenantRoutes = tenants.flatMap((t) => (t.chart ? chartRoutes(t.chart) : t.webRoute ? [t.webRoute] : []));
    return {
        gateways,
        blueprints,
        tenants,
        listenerSets: tenants.flatMap((t) => (t.listenerSet ? [t.listenerSet] : [])),
        routes: [...blueprints.flatMap(chartRoutes), ...tenantRoutes],
        namespaces: tenants.map((t) => ({ name: t.namespace, labels: t.namespaceLabels })),
        listenerIndex: listenerIndexOf(gateways),
    };
}
