// The key paths that differ between two versions of one object, for the one-line "what changed" of an
// update (`values.gateway.host git.t28.omani.works → code.t28.omani.works`). Pure, deterministic.

import { isPlainObject } from "../../rules/plain-object";
import { compareCodeUnits } from "../../rules/code-unit-order";

export interface ValueChange {
    /** Dotted key path; list items as `[i]`, or `[name=x]` in lists of named items (listeners, containers). */
    path: string;
    /** Absent when the key is new. */
    before?: unknown;
    /** Absent when the key was removed. */
    after?: unknown;
}

/** Every item is a mapping with a distinct string `name`: match items by name, not by position. */
function namedItems(list: readonly unknown[]): Map<string, unknown> | undefined {
    const byName = new Map<string, unknown>();
    for (const item of list) {
        if (!isPlainObject(item) || typeof item.name !== "string" || byName.has(item.name)) {
            return undefined;
        }
        byName.set(item.name, item);
    }
    return byName;
}

const join = (path: string, key: string) => (path === "" ? key : /^[A-Za-z0-9_-]+$/.test(key) ? `${path}.${key}` : `${path}["${key}"]`);

function collect(before: unknown, after: unknown, path: string, out: ValueChange[]): void {
    if (isPlainObject(before) && isPlainObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareCodeUnits);
        for (const key of keys) {
            const sub = join(path, key);
            if (!(key in before)) {
                out.push({ path: sub, after: after[key] });
            } else if (!(key in after)) {
                out.push({ path: sub, before: before[key] });
            } else {
                collect(before[key], after[key], sub, out);
            }
        }
        return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        const a = namedItems(before);
        const b = namedItems(after);
        if (a !== undefined && b !== undefined) {
            // Removed and changed items in the old order, then added ones in the new order.
            for (const [name, item] of a) {
                const sub = `${path}[name=${name}]`;
                if (b.has(name)) {
                    collect(item, b.get(name), sub, out);
                } else {
                    out.push({ path: sub, before: item });
                }
            }
            for (const [name, item] of b) {
                if (!a.has(name)) {
                    out.push({ path: `${path}[name=${name}]`, after: item });
                }
            }
            return;
        }
        for (let i = 0; i < Math.max(before.length, after.length); i++) {
            const sub = `${path}[${i}]`;
            if (i >= before.length) {
                out.push({ path: sub, after: after[i] });
            } else if (i >= after.length) {
                out.push({ path: sub, before: before[i] });
            } else {
                collect(before[i], after[i], sub, out);
            }
        }
        return;
    }
    if (JSON.stringify(before) !== JSON.stringify(after)) {
        out.push({ path, before, after });
    }
}

/** The leaf paths where `after` differs from `before`, in key order. */
export function valueChanges(before: unknown, after: unknown): ValueChange[] {
    const out: ValueChange[] = [];
    collect(before, after, "", out);
    return out;
}

/** A value in one short line: strings as they are (cut to `max` characters), mappings and lists by size. */
export function shortValue(value: unknown, max = 40): string {
    let text: string;
    if (isPlainObject(value)) {
        const n = Object.keys(value).length;
        text = `{${n} key${n === 1 ? "" : "s"}}`;
    } else if (Array.isArray(value)) {
        text = `[${value.length} item${value.length === 1 ? "" : "s"}]`;
    } else if (typeof value === "string") {
        text = value === "" ? '""' : value;
    } else {
        text = JSON.stringify(value) ?? String(value);
    }
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `path before → after`, `path (added) after`, `path (removed)`. */
export function describeChange(change: ValueChange): string {
    if (!("before" in change)) {
        return `${change.path} (added) ${shortValue(change.after)}`;
    }
    if (!("after" in change)) {
        return `${change.path} (removed)`;
    }
    return `${change.path} ${shortValue(change.before)} → ${shortValue(change.after)}`;
}
