// What a pull request changes in how routes attach, from the base and head attachment reports of one stack:
// routes whose attached listeners or serving listener changed (or that appear or disappear), and listeners
// added to or removed from a Gateway or ListenerSet that both sides have. Pure, deterministic.

import type { AttachmentReport, ListenerAttachment, RouteReport } from "../../gateway/attachment";
import { isAttached } from "../../gateway/attachment-failures";
import { compareCodeUnits } from "../../code-unit-order";

export interface RouteChange {
    /** `namespace/name` */
    route: string;
    /** One line each side: the listeners it attaches to and, when different, the one serving each host. Absent: no such route. */
    before?: string;
    after?: string;
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

/**
 * One route's attachment in a line: the listeners it attaches to (or why not), then which listener serves
 * each host when that is not simply the attached one. Equal lines mean nothing a reviewer needs changed.
 */
export function routeAttachmentLine(report: AttachmentReport, route: RouteReport): string {
    const parents = report.parents.filter((p) => `${p.route.namespace}/${p.route.name}` === route.route);
    if (parents.length === 0) {
        return "no parentRefs";
    }
    const parts = parents.map((p) => (isAttached(p) ? sorted(p.attachedListeners).join(", ") : `not attached (${p.accepted ? "no listener" : p.reason})`));
    const attached = new Set(parents.filter(isAttached).flatMap((p) => p.attachedListeners));
    const serving = route.serving.filter((s) => !(attached.has(s.listener) && s.attached)).map((s) => `${s.hostname} served by ${s.listener}${s.attached ? "" : " (not attached)"}`);
    return [...sorted(parts), ...serving].join("; ");
}

function routeLines(report: AttachmentReport | undefined): Map<string, string> {
    return new Map((report?.routes ?? []).map((r) => [r.route, routeAttachmentLine(report!, r)]));
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
    const before = routeLines(base);
    const after = routeLines(head);
    const routes: RouteChange[] = [];
    for (const route of sorted([...before.keys(), ...after.keys()])) {
        const a = before.get(route);
        const b = after.get(route);
        if (a !== b) {
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
