// The chart values that make a blueprint's HTTPRoute attach on any zone count: the route switched on,
// its host, its parent Gateway, and no sectionName unless the operator pinned one. Each chart reads
// these from its own paths (see catalog.ts); this module is the single place that writes them.

import type { Listener } from "../model/gateway-api";
import { servingListener } from "../topology/serving-listener";
import type { BlueprintDefinition } from "../model/blueprint-catalog";
import { Values, getPath, setPath } from "../rules/value-paths";

export interface RouteTarget {
    host: string;
    /** The parent Gateway of the route. */
    parent: { name: string; namespace: string };
    /** Listeners of that Gateway, as computed for this Sovereign. */
    listeners: readonly Listener[];
    /** Operator-pinned listener name (already validated against `listeners`). */
    sectionName?: string;
    fqdn: string;
}

export interface GatewayValues {
    values: Values;
    /** Decisions an operator should know about (logged as warnings, shown in renders). */
    notes: string[];
}

/**
 * Values for a Sovereign without Gateway API: the route switched off (and, for charts that offer one,
 * their Ingress on), the host still set where the chart derives other settings from it.
 */
export function routeOffValues(def: BlueprintDefinition, host: string): Values {
    let values: Values = {};
    for (const e of def.route.enable) {
        if (e.off !== undefined) {
            values = setPath(values, e.path, e.off);
        }
    }
    return setPath(values, def.route.hostPath, host);
}

export function gatewayValues(def: BlueprintDefinition, target: RouteTarget, operatorValues: Values): GatewayValues {
    const route = def.route;
    const notes: string[] = [];
    let values: Values = {};
    for (const e of route.enable) {
        values = setPath(values, e.path, e.value);
    }
    values = setPath(values, route.hostPath, target.host);
    const parentRef: Values = { name: target.parent.name, namespace: target.parent.namespace };
    if (target.sectionName !== undefined) {
        parentRef.sectionName = target.sectionName;
    }
    values = setPath(values, route.parentRefPath, parentRef);
    if (route.fqdnPath) {
        values = setPath(values, route.fqdnPath, target.fqdn);
    }

    const pinned = route.pinnedSectionRoute;
    if (pinned && getPath(operatorValues, pinned.enabledPath) !== false) {
        const pinnedHost = pinned.hostFor(target.host);
        if (pinnedHost !== undefined) {
            // This route always carries a sectionName (empty falls back to the chart default), so give it
            // the listener that really serves its host; if none does, switch the route off.
            const listener = servingListener(target.listeners, pinnedHost, "HTTPS");
            if (listener) {
                values = setPath(values, pinned.parentNamePath, target.parent.name);
                values = setPath(values, pinned.parentNamespacePath, target.parent.namespace);
                values = setPath(values, pinned.sectionNamePath, listener.name);
            } else {
                values = setPath(values, pinned.enabledPath, false);
                notes.push(
                    `${def.name}: the route for ${pinnedHost} always pins a listener and no HTTPS listener of ` +
                        `${target.parent.namespace}/${target.parent.name} serves that host, so it is switched off (${pinned.enabledPath}: false)`,
                );
            }
        }
    }
    return { values, notes };
}
