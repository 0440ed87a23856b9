// The chart values that make a blueprint's HTTPRoute attach on any zone count: the route switched on,
// its host, its parent Gateway, and no sectionName unless the operator pinned one. Each chart reads
// these from its own paths (see catalog.ts); this module is the single place that writes them.

import type { BlueprintDefinition } from "../model/blueprint-catalog";
import { Values, setPath } from "../rules/value-paths";

export interface RouteTarget {
    host: string;
    /** The parent Gateway of the route. */
    parent: { name: string; namespace: string };
    /** Operator-pinned listener name (already validated against the Gateway's listeners). */
    sectionName?: string;
    fqdn: string;
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

/**
 * The route values for one chart. bp-harbor's alias route needs nothing extra: from 1.2.49 it takes the
 * main route's parentRef block, and older versions with the alias on are refused by the config reader.
 */
export function gatewayValues(def: BlueprintDefinition, target: RouteTarget): Values {
    const route = def.route;
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
    return values;
}
