// What each row of the attachment table says, independent of how it is drawn (text or Markdown): one row
// per parentRef (one per route without parentRefs), one row per listener. Cells are lists of lines.
// Pure: no Pulumi, no I/O.

import type { AttachmentReport, ListenerAttachment, ParentRefStatus, RouteReport } from "../../proof/attachment-checker";
import { isAttached } from "../../proof/attachment-failures";

export interface RouteRow {
    route: string;
    hosts: string[];
    parent: string[];
    listeners: string[];
    status: string;
    attached: boolean;
    serving: string[];
}

export interface ListenerRow {
    /** "Gateway ns/name" or "ListenerSet ns/name". */
    parent: string;
    listener: string;
    protocol: string;
    port: number;
    hostname: string;
    attachedRoutes: number;
    /** False for a ListenerSet listener its Gateway does not accept (never programmed). */
    active: boolean;
}

export function parentLabel(p: ParentRefStatus): string[] {
    const ref = p.parentRef;
    return [
        `${ref.kind} ${ref.namespace}/${ref.name}`,
        ...(ref.sectionName === undefined ? [] : [`sectionName ${ref.sectionName}`]),
        ...(ref.port === undefined ? [] : [`port ${ref.port}`]),
    ];
}

export function statusLabel(p: ParentRefStatus): string {
    if (!p.accepted) {
        return p.reason;
    }
    return p.attachedListeners.length > 0 ? "Accepted" : "Accepted, no listener";
}

/**
 * Which listener receives each hostname through this parent's Gateway (listener isolation: the most specific
 * one), one line per listener. Hosts are named only when the route has several; "(not attached)" marks a
 * capturing listener the route is not attached to, whose requests never reach it.
 */
export function servingLines(route: RouteReport, p: ParentRefStatus): string[] {
    if (!isAttached(p)) {
        return [];
    }
    const serving = route.serving.filter((s) => s.gateway === p.gateway);
    const named = route.hostnames.length > 1 || new Set(serving.map((s) => s.hostname)).size > 1;
    return serving.map((s) => `${named ? `${s.hostname}: ` : ""}${s.listener}${s.attached ? "" : " (not attached)"}`);
}

export function routeRows(report: AttachmentReport): RouteRow[] {
    return report.routes.flatMap((route): RouteRow[] => {
        const parents = report.parents.filter((p) => `${p.route.namespace}/${p.route.name}` === route.route);
        if (parents.length === 0) {
            return [{ route: route.route, hosts: route.hostnames, parent: ["(no parentRefs)"], listeners: [], status: "no parentRefs", attached: false, serving: [] }];
        }
        return parents.map((p) => ({
            route: route.route,
            hosts: route.hostnames,
            parent: parentLabel(p),
            listeners: p.attachedListeners,
            status: statusLabel(p),
            attached: isAttached(p),
            serving: servingLines(route, p),
        }));
    });
}

function listenerParent(l: ListenerAttachment): string {
    return l.listenerSet === undefined ? `Gateway ${l.gateway}` : `ListenerSet ${l.listenerSet}`;
}

export function listenerRows(report: AttachmentReport): ListenerRow[] {
    return report.listeners.map((l) => ({
        parent: listenerParent(l),
        listener: l.listener,
        protocol: l.protocol,
        port: l.port,
        hostname: l.hostname ?? "(any)",
        attachedRoutes: l.attachedRoutes,
        active: l.active,
    }));
}
