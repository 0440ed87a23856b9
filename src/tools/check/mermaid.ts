// A Mermaid `flowchart LR` of an attachment report: each Gateway is a subgraph of its listeners (a ListenerSet
// is a subgraph nested in the Gateway that accepts it, or a top-level one marked inactive), and each route
// has an edge from every listener it attaches to. A parentRef that does not attach is a dotted edge from its
// parent, labelled with the reason. Pure and deterministic: report order, stable ids.

import type { AttachmentReport, ListenerAttachment, ParentRefStatus } from "../../proof/attachment-checker";
import { isAttached } from "../../proof/attachment-failures";

/** The id part Mermaid accepts everywhere: letters, digits and underscores (dashes, dots and slashes are not safe). */
export function sanitiseMermaidId(text: string): string {
    return text.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * Stable, unique node ids. A prefix per kind keeps ids off Mermaid's keywords (`end`, `graph`, `subgraph`)
 * and off the `o`/`x` edge endings; a suffix separates keys that sanitise alike (`a-b` and `a.b`).
 */
export class MermaidIds {
    private readonly byKey = new Map<string, string>();
    private readonly used = new Set<string>();

    id(prefix: string, key: string): string {
        const full = `${prefix}\u0000${key}`;
        const known = this.byKey.get(full);
        if (known !== undefined) {
            return known;
        }
        const base = [prefix, sanitiseMermaidId(key)].filter((s) => s !== "").join("_");
        let id = base;
        for (let n = 2; this.used.has(id); n++) {
            id = `${base}_${n}`;
        }
        this.used.add(id);
        this.byKey.set(full, id);
        return id;
    }
}

/** Text for a quoted label: Mermaid entity codes for the characters that would end or break it. */
export function mermaidText(text: string): string {
    return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

const label = (...lines: string[]) => `["${lines.map(mermaidText).join("<br/>")}"]`;

interface Owner {
    kind: "Gateway" | "ListenerSet";
    key: string;
    gateway: string;
    active: boolean;
    listeners: ListenerAttachment[];
}

/** Listener owners in report order: Gateways first, then ListenerSets (as the checker lists them). */
function ownersOf(report: AttachmentReport): Owner[] {
    const owners = new Map<string, Owner>();
    for (const l of report.listeners) {
        const kind = l.listenerSet === undefined ? "Gateway" : "ListenerSet";
        const key = l.listenerSet ?? l.gateway;
        const id = `${kind} ${key}`;
        const owner = owners.get(id) ?? { kind, key, gateway: l.gateway, active: l.active, listeners: [] };
        owner.listeners.push(l);
        owners.set(id, owner);
    }
    return [...owners.values()];
}

const ownerPrefix = (kind: Owner["kind"]) => (kind === "Gateway" ? "gw" : "ls");
const listenerKey = (kind: Owner["kind"], owner: string, listener: string) => `${ownerPrefix(kind)}/${owner}/${listener}`;

function listenerNode(ids: MermaidIds, owner: Owner, l: ListenerAttachment, indent: string): string {
    const where = `${l.protocol} :${l.port}${l.hostname === undefined ? "" : ` ${l.hostname}`}`;
    return `${indent}${ids.id("l", listenerKey(owner.kind, owner.key, l.listener))}${label(l.listener, where)}`;
}

function ownerSubgraph(ids: MermaidIds, owner: Owner, nested: readonly Owner[], indent: string): string[] {
    const title = owner.active ? `${owner.kind} ${owner.key}` : `${owner.kind} ${owner.key} (inactive)`;
    return [
        `${indent}subgraph ${ids.id(ownerPrefix(owner.kind), owner.key)}${label(title)}`,
        ...owner.listeners.map((l) => listenerNode(ids, owner, l, `${indent}  `)),
        ...nested.flatMap((child) => ownerSubgraph(ids, child, [], `${indent}  `)),
        `${indent}end`,
    ];
}

function parentOwnerKey(p: ParentRefStatus): { kind: Owner["kind"]; key: string } {
    return p.listenerSet !== undefined ? { kind: "ListenerSet", key: p.listenerSet } : { kind: "Gateway", key: p.gateway };
}

export function attachmentFlowchart(report: AttachmentReport): string {
    const ids = new MermaidIds();
    const owners = ownersOf(report);
    const gateways = owners.filter((o) => o.kind === "Gateway");
    const known = new Set(owners.map((o) => `${o.kind} ${o.key}`));
    // Active ListenerSets sit inside their Gateway; inactive or orphaned ones stand alone.
    const nestedIn = (gw: Owner) => owners.filter((o) => o.kind === "ListenerSet" && o.active && o.gateway === gw.key);
    const standalone = owners.filter((o) => o.kind === "ListenerSet" && (!o.active || !gateways.some((g) => g.key === o.gateway)));
    const lines = ["flowchart LR", ...gateways.flatMap((g) => ownerSubgraph(ids, g, nestedIn(g), "  ")), ...standalone.flatMap((o) => ownerSubgraph(ids, o, [], "  "))];

    const failed = new Set<string>();
    const edges: string[] = [];
    for (const p of report.parents) {
        const route = ids.id("r", `${p.route.namespace}/${p.route.name}`);
        const owner = parentOwnerKey(p);
        if (isAttached(p)) {
            edges.push(...p.attachedListeners.map((l) => `  ${ids.id("l", listenerKey(owner.kind, owner.key, l))} --> ${route}`));
            continue;
        }
        failed.add(route);
        // A parent missing from the report (e.g. InvalidHTTPRoute) gets a node of its own, so the edge has a source.
        const ref = p.parentRef;
        const parentKey = `${ref.namespace}/${ref.name}`;
        const parentId = ids.id(ref.kind === "ListenerSet" ? "ls" : "gw", parentKey);
        if (!known.has(`${ref.kind} ${parentKey}`)) {
            known.add(`${ref.kind} ${parentKey}`);
            lines.push(`  ${parentId}${label(`${ref.kind} ${parentKey} (not found)`)}`);
        }
        edges.push(`  ${parentId} -.->|${mermaidText(p.accepted ? "no listener" : p.reason)}| ${route}`);
    }
    for (const r of report.routes) {
        const route = ids.id("r", r.route);
        const hasParents = report.parents.some((p) => `${p.route.namespace}/${p.route.name}` === r.route);
        if (!hasParents) {
            failed.add(route);
        }
        lines.push(`  ${route}${label(r.route, ...r.hostnames)}`);
    }
    lines.push(...edges);
    if (failed.size > 0) {
        lines.push("  classDef notAttached stroke:#c00,stroke-width:3px,color:#c00", `  class ${[...failed].join(",")} notAttached`);
    }
    return `${lines.join("\n")}\n`;
}
