// Which routes do not attach, one line each naming route, parent, reason and fix. The one definition the
// program (when it refuses to plan), `npm run check` and the CrossGuard policy all use, so they agree on
// what fails and say it in the same words. Pure: no Pulumi, no I/O.

import type { AttachmentReport, ParentRefStatus } from "./attachment-checker";

export interface RouteFailure {
    route: { namespace: string; name: string };
    message: string;
    /** The failing parentRef; absent for a route without parentRefs. */
    parent?: ParentRefStatus;
}

/** Not attached: Accepted=False, or Accepted=True with no listener (Cilium difference 2 serves nothing). */
export function isAttached(p: ParentRefStatus): boolean {
    return p.accepted && p.attachedListeners.length > 0;
}

function fixFor(status: ParentRefStatus): string {
    switch (status.reason) {
        case "NoMatchingParent":
            return "remove sectionName (and port) from the parentRef so the route attaches by hostname";
        case "NoMatchingListenerHostname":
            return "use a hostname under one of the parent's listener hostnames, or add the zone to the Sovereign";
        case "NotAllowedByListeners":
            return "allow the route's namespace and kind in the listeners' allowedRoutes";
        case "InvalidHTTPRoute":
            return "point the parentRef at a Gateway (or ListenerSet) this Sovereign has";
        default:
            return "check the parentRef against the listeners";
    }
}

/** The line for one parentRef that does not attach: route, parent, status, reason, fix. */
function parentFailureLine(p: ParentRefStatus): string {
    const ref = p.parentRef;
    const parent = `${ref.kind} ${ref.namespace}/${ref.name}${ref.sectionName !== undefined ? ` sectionName ${ref.sectionName}` : ""}`;
    const status = p.accepted ? "Accepted=True but attached to no listener" : `Accepted=False, reason ${p.reason}`;
    return `HTTPRoute ${p.route.namespace}/${p.route.name} -> ${parent}: ${status} (${p.message}). Fix: ${fixFor(p)}`;
}

function splitKey(key: string): { namespace: string; name: string } {
    const slash = key.indexOf("/");
    return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Routes whose parentRefs list is empty attach to nothing; the checker only warns, a deployment must not. */
function unparentedRoutes(report: AttachmentReport): string[] {
    const parented = new Set(report.parents.map((p) => `${p.route.namespace}/${p.route.name}`));
    return report.routes.map((r) => r.route).filter((key) => !parented.has(key));
}

/** Accepted with no listener has no reason of its own; the checker's first warning says why (e.g. an inactive ListenerSet). */
function withCause(line: string, p: ParentRefStatus): string {
    const cause = p.accepted ? p.warnings[0] : undefined;
    return cause === undefined ? line : `${line}. Cause: ${cause}`;
}

/** Every failure of the report, in report order: failing parentRefs first, then routes without parentRefs. */
export function routeFailures(report: AttachmentReport): RouteFailure[] {
    const parents = report.parents
        .filter((p) => !isAttached(p))
        .map((p) => ({ route: p.route, message: withCause(parentFailureLine(p), p), parent: p }));
    const unparented = unparentedRoutes(report).map((key) => ({
        route: splitKey(key),
        message: `HTTPRoute ${key} has no parentRefs, so it attaches to nothing. Fix: add a parentRef to the Gateway whose listeners serve its hostnames`,
    }));
    return [...parents, ...unparented];
}

export interface RouteCount {
    routes: number;
    attached: number;
}

/** A route counts as attached when it has parentRefs and every one of them attaches to a listener. */
export function countRoutes(report: AttachmentReport): RouteCount {
    const failing = new Set(routeFailures(report).map((f) => `${f.route.namespace}/${f.route.name}`));
    return { routes: report.routes.length, attached: report.routes.filter((r) => !failing.has(r.route)).length };
}
