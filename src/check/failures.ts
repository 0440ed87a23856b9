// Which routes do not attach, one line each naming route, parent, reason and fix. Shared by `npm run check`
// and the CrossGuard policy so both say exactly what the program says when it refuses to plan.
// Pure: no Pulumi, no I/O.

import type { AttachmentReport, ParentRefStatus } from "../gateway/attachment";
import { attachmentFailures } from "../sovereign/attachment";

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
        // attachmentFailures formats a whole report; one parentRef at a time keeps each line tied to its route.
        .map((p) => ({ route: p.route, message: withCause(attachmentFailures({ ...report, parents: [p] })[0], p), parent: p }));
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
