// What a pull request changes in how routes attach, from the base and head attachment reports of one stack:
// routes whose attached listeners or serving listeners (or served hosts) changed, or that appear or
// disappear, and listeners
// added to or removed from a Gateway or ListenerSet that both sides have. Pure, deterministic.

import type { AttachmentReport, ListenerAttachment, RouteReport } from "../../proof/attachment-checker";
import { isAttached } from "../../proof/attachment-failures";
import { compareCodeUnits } from "../../rules/code-unit-order";

/** How one route attaches, in words that compare equal when nothing a reviewer cares about changed. */
export interface RouteState {
    /** The listeners it attaches to, or why it does not (per parentRef). */
    attached: string;
    /** Per hostname, the listeners that receive its requests (listener isolation: the most specific one). */
    serving: string;
}

export interface RouteChange {
    /** `namespace/name` */
    route: string;
    /** Absent: no such route on that side. */
    before?: RouteState;
    after?: RouteState;
}

export interface ListenerChange {
    /** "Gateway ns/name" or "ListenerSet ns/name". */
    parent: string;
    added: string[];
    removed: string[];
}

export interface AttachmentChanges {
    routes: RouteChange[];
    listeners: ListenerChange[];
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort(compareCodeUnits);

export function routeState(report: AttachmentReport, route: RouteReport): RouteState {
    const parents = report.parents.filter((p) => `${p.route.namespace}/${p.route.name}` === route.route);
    const attached = parents.length === 0 ? "not attached (no parentRefs)" : sorted(parents.map((p) => (isAttached(p) ? sorted(p.attachedListeners).join(", ") : `not attached (${p.accepted ? "no listener" : p.reason})`))).join("; ");
    const hosts = sorted(route.serving.map((s) => s.hostname));
    const serving = hosts
        .map((h) => {
            const listeners = route.serving.filter((s) => s.hostname === h).map((s) => `${s.listener}${s.attached ? "" : " (not attached)"}`);
            return `${h} via ${sorted(listeners).join(", ")}`;
        })
        .join("; ");
    return { attached, serving: serving === "" ? "nothing" : serving };
}

function routeStates(report: AttachmentReport | undefined): Map<string, RouteState> {
    return new Map((report?.routes ?? []).map((r) => [r.route, routeState(report!, r)]));
}

function listenerOwner(l: ListenerAttachment): string {
    return l.listenerSet === undefined ? `Gateway ${l.gateway}` : `ListenerSet ${l.listenerSet}`;
}

function listenersByOwner(report: AttachmentReport | undefined): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const l of report?.listeners ?? []) {
        const owner = listenerOwner(l);
        out.set(owner, (out.get(owner) ?? new Set()).add(l.listener));
    }
    return out;
}

/**
 * Base and head compared. Without a base report (new stack, or a base that was not checked) every head
 * route counts as added and no listener change is reported: there is nothing to compare them with.
 */
export function attachmentChanges(base: AttachmentReport | undefined, head: AttachmentReport | undefined): AttachmentChanges {
    const before = routeStates(base);
    const after = routeStates(head);
    const routes: RouteChange[] = [];
    for (const route of sorted([...before.keys(), ...after.keys()])) {
        const a = before.get(route);
        const b = after.get(route);
        if (a?.attached !== b?.attached || a?.serving !== b?.serving) {
            routes.push({ route, ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
        }
    }
    const baseOwners = listenersByOwner(base);
    const headOwners = listenersByOwner(head);
    const listeners: ListenerChange[] = [];
    // Only parents both sides have: a whole new Gateway or tenant ListenerSet shows as created objects.
    for (const parent of sorted([...baseOwners.keys()].filter((k) => headOwners.has(k)))) {
        const a = baseOwners.get(parent)!;
        const b = headOwners.get(parent)!;
        const added = sorted([...b].filter((l) => !a.has(l)));
        const removed = sorted([...a].filter((l) => !b.has(l)));
        if (added.length > 0 || removed.length > 0) {
            listeners.push({ parent, added, removed });
        }
    }
    return { routes, listeners };
}
