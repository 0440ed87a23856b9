// The lines a reviewer reads first: one per stack (verdict, objects to create/update/delete, what to look
// at), and per changed stack one line per kind and action (with the changed key paths of each update).
// Pure, deterministic; long lists are cut to a few items and a count.

import { mdCode } from "../check/markdown";
import { compareCodeUnits } from "../../rules/code-unit-order";
import type { RouteChange } from "./attachment-changes";
import type { ObjectChange } from "./object-changes";
import { StackReview, isUnchanged, sideRendered, verdictChanged } from "./stack-review";
import { describeChange } from "./value-changes";

/** Items shown in one list before "+N more". */
const LIST_ITEMS = 4;
/** Changed key paths shown per updated object. */
const PATHS_SHOWN = 3;

export function firstFew(items: readonly string[], noun = "", max = LIST_ITEMS): string {
    const shown = items.slice(0, max).join(", ");
    return items.length > max ? `${shown} and ${items.length - max} more${noun === "" ? "" : ` ${noun}`}` : shown;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function verdictText(r: StackReview): string {
    const head = r.head;
    if (head === undefined) {
        return "stack removed";
    }
    const now = (() => {
        switch (head.outcome.kind) {
            case "checked":
                return r.passedHead ? "attachment passed" : "attachment **FAILED**";
            case "refused":
                return "**refused** by the program";
            case "error":
                return "**render error**";
            default:
                return "attachment not checked";
        }
    })();
    if (r.base === undefined) {
        return `new stack, ${now}`;
    }
    return verdictChanged(r) && r.passedBase !== undefined ? `${now} (${r.passedBase ? "passed" : "failed"} on base)` : now;
}

function countsText(r: StackReview): string {
    if (!sideRendered(r.base) || !sideRendered(r.head)) {
        return `objects not compared: the ${sideRendered(r.head) ? "base" : "head"} did not render`;
    }
    return `${r.counts.create} to create, ${r.counts.update} to update, ${r.counts.delete} to delete`;
}

/** `a, b → c` listing only what differs, when both sides are listener lists; else both lines whole. */
export function listDelta(before: string, after: string): string {
    const a = before.split(", ");
    const b = after.split(", ");
    if (before.startsWith("not attached") || after.startsWith("not attached") || before.includes(";") || after.includes(";")) {
        return `${before} → ${after}`;
    }
    const gone = a.filter((x) => !b.includes(x));
    const came = b.filter((x) => !a.includes(x));
    return `${gone.length > 0 ? gone.join(", ") : "(none)"} → ${came.length > 0 ? came.join(", ") : "(none)"}`;
}

/** What changed for one route, without its name (routes with the same change are listed together). */
export function routeChangeText(c: RouteChange): string {
    if (c.before === undefined) {
        // A new route that attaches is described by what it serves; one that does not, by why.
        const after = c.after!;
        return `added, ${after.attached.startsWith("not attached") ? after.attached : `serves ${after.serving}`}`;
    }
    if (c.after === undefined) {
        return "removed";
    }
    return [
        ...(c.before.attached === c.after.attached ? [] : [`attached ${listDelta(c.before.attached, c.after.attached)}`]),
        ...(c.before.serving === c.after.serving ? [] : [`serves ${c.before.serving} → ${c.after.serving}`]),
    ].join(", ");
}

function routeItem(routes: readonly RouteChange[]): string {
    const groups = new Map<string, string[]>();
    for (const c of routes) {
        const text = routeChangeText(c);
        groups.set(text, [...(groups.get(text) ?? []), mdCode(c.route)]);
    }
    const entries = [...groups.entries()];
    const shown = entries.slice(0, LIST_ITEMS).map(([text, names]) => `${firstFew(names)} ${text}`);
    const rest = entries.slice(LIST_ITEMS).reduce((n, [, names]) => n + names.length, 0);
    return `${routes.length === 1 ? "route" : plural(routes.length, "route")}: ${shown.join("; ")}${rest > 0 ? `; and ${rest} more` : ""}`;
}

/** What a reviewer must look at, one phrase each. */
export function attentionItems(r: StackReview): string[] {
    const codes = (items: readonly string[]) => items.map(mdCode);
    const items: string[] = [];
    if (r.tenantsAdded.length > 0) {
        items.push(`${r.tenantsAdded.length === 1 ? "tenant" : "tenants"} added: ${firstFew(codes(r.tenantsAdded), "tenants")}`);
    }
    if (r.tenantsRemoved.length > 0) {
        items.push(`${r.tenantsRemoved.length === 1 ? "tenant" : "tenants"} removed: ${firstFew(codes(r.tenantsRemoved), "tenants")}`);
    }
    for (const c of r.charts) {
        items.push(`chart ${mdCode(c.name)} ${c.before} → ${c.after}`);
    }
    for (const l of r.attachment.listeners) {
        const changes = [...(l.added.length > 0 ? [`added ${firstFew(codes(l.added), "listeners")}`] : []), ...(l.removed.length > 0 ? [`removed ${firstFew(codes(l.removed), "listeners")}`] : [])];
        items.push(`${l.parent} listeners ${changes.join("; ")}`);
    }
    if (r.attachment.routes.length > 0) {
        items.push(routeItem(r.attachment.routes));
    }
    return items;
}

/** `- <stack>: verdict · counts · items`, or `- <stack>: verdict · no change`. */
export function stackSummaryLine(r: StackReview): string {
    const parts = isUnchanged(r) ? [verdictText(r), "no change"] : [verdictText(r), countsText(r), ...attentionItems(r)];
    return `- ${mdCode(r.stack)}: ${parts.join(" · ")}`;
}

function objectLabel(c: ObjectChange): string {
    return mdCode(c.namespace === undefined ? c.name : `${c.namespace}/${c.name}`);
}

function updateText(c: ObjectChange): string {
    const shown = c.changes.slice(0, PATHS_SHOWN).map(describeChange).join("; ");
    const more = c.changes.length > PATHS_SHOWN ? `; and ${c.changes.length - PATHS_SHOWN} more` : "";
    return `- update **${c.kind}** ${objectLabel(c)}: ${shown}${more}`;
}

/** Changed objects grouped by kind: one line per kind for creates and deletes, one per updated object. */
export function objectChangeLines(changes: readonly ObjectChange[]): string[] {
    const kinds = [...new Set(changes.map((c) => c.kind))].sort(compareCodeUnits);
    return kinds.flatMap((kind) => {
        const of = (action: ObjectChange["action"]) => changes.filter((c) => c.kind === kind && c.action === action);
        const group = (action: "create" | "delete") => {
            const list = of(action);
            return list.length === 0 ? [] : [`- ${action} **${kind}** ${firstFew(list.map(objectLabel), "", 6)}`];
        };
        return [...group("create"), ...of("update").map(updateText), ...group("delete")];
    });
}
