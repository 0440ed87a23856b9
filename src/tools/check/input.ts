// What `npm run check` checks: the Gateways, ListenerSets and namespaces the plan has, and every HTTPRoute
// the stack will have. The plan predicts chart routes from values; the rendered documents hold the routes
// the program registers itself. Both are checked, so a route the plan does not know about is still proven.
// Pure: no Pulumi, no I/O.

import type { AttachmentInput, CheckMode } from "../../proof/attachment-checker";
import { GATEWAY_API_GROUP, HTTPRoute, gatewayKey } from "../../model/gateway-api";
import { attachmentInputFor } from "../../proof/sovereign-attachment";
import type { RenderedDocument } from "../render/documents";
import type { SovereignPlan } from "../../plan/sovereign-plan";
import { compareCodeUnits } from "../../rules/code-unit-order";
import { isPlainObject } from "../../rules/plain-object";

export interface CheckInput {
    input: AttachmentInput;
    /** Things the operator should know about the input itself (e.g. a rendered route the plan predicted differently). */
    notes: string[];
}

export function routeKey(route: HTTPRoute): string {
    return gatewayKey(route.metadata.namespace ?? "default", route.metadata.name);
}

/** A rendered HTTPRoute document as the checker's type; undefined for any other document. */
export function routeFromDocument(doc: RenderedDocument): HTTPRoute | undefined {
    const body = doc.body;
    const apiVersion = typeof body.apiVersion === "string" ? body.apiVersion : "";
    if (body.kind !== "HTTPRoute" || !apiVersion.startsWith(`${GATEWAY_API_GROUP}/`)) {
        return undefined;
    }
    const spec = isPlainObject(body.spec) ? body.spec : {};
    const parentRefs = Array.isArray(spec.parentRefs) ? spec.parentRefs.filter((r) => isPlainObject(r) && typeof r.name === "string") : [];
    const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.filter((h): h is string => typeof h === "string") : [];
    return {
        // The checker only reads the fields below; the rendered object is the program's own, so its shapes hold.
        apiVersion: body.apiVersion as HTTPRoute["apiVersion"],
        kind: "HTTPRoute",
        metadata: { name: doc.name, ...(doc.namespace === undefined ? {} : { namespace: doc.namespace }) },
        spec: {
            ...(Array.isArray(spec.parentRefs) ? { parentRefs: parentRefs as unknown as NonNullable<HTTPRoute["spec"]["parentRefs"]> } : {}),
            ...(Array.isArray(spec.hostnames) ? { hostnames } : {}),
        },
    };
}

/** What decides attachment: parentRefs and hostnames, in a form that compares equal when they agree. */
function attachmentFields(route: HTTPRoute): string {
    const refs = (route.spec.parentRefs ?? []).map((r) =>
        JSON.stringify([r.group ?? GATEWAY_API_GROUP, r.kind ?? "Gateway", r.namespace ?? route.metadata.namespace ?? "default", r.name, r.sectionName ?? null, r.port ?? null]),
    );
    return JSON.stringify([refs, route.spec.hostnames ?? []]);
}


/**
 * The union of the plan's routes and the rendered HTTPRoute documents, one per namespace/name, sorted. A rendered
 * route wins over the plan's prediction of the same route (it is what the stack creates); a disagreement is noted.
 */
export function unionRoutes(planned: readonly HTTPRoute[], documents: readonly RenderedDocument[]): { routes: HTTPRoute[]; notes: string[] } {
    const routes = new Map<string, HTTPRoute>();
    for (const route of planned) {
        routes.set(routeKey(route), route);
    }
    const notes: string[] = [];
    for (const route of documents.map(routeFromDocument)) {
        if (route === undefined) {
            continue;
        }
        const key = routeKey(route);
        const predicted = routes.get(key);
        if (predicted !== undefined && attachmentFields(predicted) !== attachmentFields(route)) {
            notes.push(`HTTPRoute ${key}: the rendered object's parentRefs/hostnames differ from the plan's prediction; the rendered one is checked`);
        }
        routes.set(key, route);
    }
    return { routes: [...routes.keys()].sort(compareCodeUnits).map((k) => routes.get(k)!), notes };
}

export function checkInput(plan: Pick<SovereignPlan, "gateways" | "listenerSets" | "namespaces" | "routes">, documents: readonly RenderedDocument[], mode: CheckMode): CheckInput {
    const { routes, notes } = unionRoutes(plan.routes, documents);
    return {
        // Same Gateways, ListenerSets and namespaces as the program's own proof.
        input: attachmentInputFor(plan, routes, mode),
        notes,
    };
}
