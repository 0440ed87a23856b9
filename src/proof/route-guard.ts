// The last line of defence against the pinned-listener outage: given an HTTPRoute a chart rendered,
// drop every parentRef `sectionName` that names no listener of its (known) parent Gateway, so the
// route attaches by hostname instead of being rejected with NoMatchingParent.

import { GATEWAY_API_GROUP, gatewayKey } from "../model/gateway-api";
import { isPlainObject } from "../rules/plain-object";
import type { ListenerIndex } from "../topology/listeners";


export interface RemovedSection {
    gateway: string;
    sectionName: string;
    why: "no-such-listener" | "merged-with-whole-gateway-ref";
}

export interface GuardResult {
    /** The route with corrected parentRefs (a new object; the input is not modified). */
    route: Record<string, unknown>;
    removed: RemovedSection[];
}

function parentKey(ref: Record<string, unknown>, routeNamespace: string): string | undefined {
    const group = ref.group ?? GATEWAY_API_GROUP;
    const kind = ref.kind ?? "Gateway";
    if (group !== GATEWAY_API_GROUP || kind !== "Gateway" || typeof ref.name !== "string") {
        return undefined;
    }
    return gatewayKey(typeof ref.namespace === "string" ? ref.namespace : routeNamespace, ref.name);
}

export function guardRouteParentRefs(route: Record<string, unknown>, listeners: ListenerIndex, defaultNamespace: string): GuardResult {
    const spec = isPlainObject(route.spec) ? route.spec : undefined;
    const refs = spec && Array.isArray(spec.parentRefs) ? spec.parentRefs : undefined;
    if (!spec || !refs) {
        return { route, removed: [] };
    }
    const metadata = isPlainObject(route.metadata) ? route.metadata : {};
    const routeNamespace = typeof metadata.namespace === "string" ? metadata.namespace : defaultNamespace;
    const removed: RemovedSection[] = [];

    const fixed = refs.map((ref: unknown) => {
        if (!isPlainObject(ref) || typeof ref.sectionName !== "string") {
            return ref;
        }
        const key = parentKey(ref, routeNamespace);
        // Stryker disable next-line ConditionalExpression: the index has no undefined key, so get(undefined) is undefined too
        const names = key === undefined ? undefined : listeners.get(key);
        if (names === undefined || names.includes(ref.sectionName)) {
            return ref;
        }
        removed.push({ gateway: key!, sectionName: ref.sectionName, why: "no-such-listener" });
        const { sectionName: _dropped, ...rest } = ref;
        return rest;
    });

    // Gateway API's CEL rule forbids two refs to one parent unless both name distinct sections, so a
    // whole-Gateway ref absorbs every other ref to the same Gateway.
    const wholeGateway = new Set<string>();
    for (const ref of fixed) {
        const key = isPlainObject(ref) ? parentKey(ref, routeNamespace) : undefined;
        if (key !== undefined && isPlainObject(ref) && ref.sectionName === undefined && ref.port === undefined) {
            wholeGateway.add(key);
        }
    }
    const emitted = new Set<string>();
    const deduped = fixed.filter((ref: unknown) => {
        const key = isPlainObject(ref) ? parentKey(ref, routeNamespace) : undefined;
        if (key === undefined || !wholeGateway.has(key) || !isPlainObject(ref)) {
            return true;
        }
        if (ref.sectionName === undefined && ref.port === undefined && !emitted.has(key)) {
            emitted.add(key);
            return true;
        }
        if (typeof ref.sectionName === "string") {
            removed.push({ gateway: key, sectionName: ref.sectionName, why: "merged-with-whole-gateway-ref" });
        }
        return false;
    });

    if (removed.length === 0 && deduped.length === refs.length) {
        return { route, removed };
    }
    return { route: { ...route, spec: { ...spec, parentRefs: deduped } }, removed };
}
