// Typed readers for untyped YAML/JSON config. Each reader reports a problem at its key path into the
// shared IssueList and returns a usable fallback, so validation continues and reports everything.

import { isPlainObject } from "../rules/plain-object";
import { IssueList, withheld } from "./issues";

export interface ConfigSite {
    readonly issues: IssueList;
    /** File the values being read came from. */
    readonly file: string;
}

/** A wrongly typed value for a message: scalars as they are, a mapping or list by its shape only. */
function shown(value: unknown): unknown {
    return typeof value === "object" && value !== null ? withheld(value) : value;
}

export function childPath(path: string, key: string | number): string {
    if (typeof key === "number") {
        return `${path}[${key}]`;
    }
    return path === "" ? key : `${path}.${key}`;
}

/** Levenshtein distance, for "did you mean" hints on mistyped keys. */
export function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

export function closestKey(key: string, allowed: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of allowed) {
        const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

export function unknownKeyFix(key: string, allowed: readonly string[], show: (key: string) => string = (k) => k): string {
    const guess = closestKey(key, allowed);
    const list = `valid keys here are: ${allowed.map(show).join(", ")}`;
    return guess ? `did you mean "${show(guess)}"? (${list})` : `remove it; ${list}`;
}

/**
 * Reads a mapping and reports keys outside `allowed` (typos would otherwise be silently ignored).
 * Returns `undefined` (after reporting) when the value is present but not a mapping.
 */
export function readObject(
    site: ConfigSite,
    path: string,
    value: unknown,
    allowed: readonly string[],
): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
        return {};
    }
    if (!isPlainObject(value)) {
        const shown = path === "" ? "(top level)" : path;
        site.issues.add(site.file, shown, withheld(value), "expected a mapping", `write ${shown} as a YAML mapping with keys ${allowed.join(", ")}`);
        return undefined;
    }
    for (const key of Object.keys(value).sort()) {
        if (!allowed.includes(key)) {
            site.issues.add(site.file, childPath(path, key), withheld(value[key]), "unknown key", unknownKeyFix(key, allowed));
        }
    }
    return value;
}

export function readString(site: ConfigSite, path: string, value: unknown, fallback: string): string;
export function readString(site: ConfigSite, path: string, value: unknown, fallback?: undefined): string | undefined;
export function readString(site: ConfigSite, path: string, value: unknown, fallback?: string): string | undefined {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== "string") {
        site.issues.add(site.file, path, shown(value), `expected a string, got ${typeName(value)}`, typeof value === "object" ? `write ${path} as one quoted string` : `quote the value, e.g. ${path}: "${String(value)}"`);
        return fallback;
    }
    return value;
}

export function requireString(site: ConfigSite, path: string, value: unknown, example: string): string | undefined {
    if (value === undefined || value === null || value === "") {
        site.issues.add(site.file, path, value, "required value is missing", `set ${path}, e.g. ${path}: ${example}`);
        return undefined;
    }
    return readString(site, path, value);
}

export function readBoolean(site: ConfigSite, path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== "boolean") {
        site.issues.add(site.file, path, shown(value), `expected true or false, got ${typeName(value)}`, `write ${path}: true or ${path}: false, unquoted`);
        return fallback;
    }
    return value;
}

export function readInteger(
    site: ConfigSite,
    path: string,
    value: unknown,
    fallback: number,
    range: { min: number; max: number },
): number {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
        site.issues.add(site.file, path, shown(value), `expected an integer from ${range.min} to ${range.max}`, `set ${path} to a whole number in that range, e.g. ${fallback}`);
        return fallback;
    }
    return value;
}

export function readEnum<T extends string>(
    site: ConfigSite,
    path: string,
    value: unknown,
    allowed: readonly T[],
    fallback: T,
): T {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        site.issues.add(site.file, path, shown(value), `not one of ${allowed.join(" | ")}`, `use one of: ${allowed.join(", ")}`);
        return fallback;
    }
    return value as T;
}

export function readList(site: ConfigSite, path: string, value: unknown): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        site.issues.add(site.file, path, shown(value), `expected a list, got ${typeName(value)}`, `write ${path} as a YAML list ("- item" per line)`);
        return [];
    }
    // An empty `- ` line reads as null: reported, so a half-written entry is never silently dropped.
    value.forEach((entry, i) => {
        if (entry === null || entry === undefined) {
            site.issues.add(site.file, childPath(path, i), undefined, "is an empty list entry", "give it a value, or remove the empty `-` line");
        }
    });
    return value;
}

export function readStringMap(site: ConfigSite, path: string, value: unknown): Record<string, string> {
    if (value === undefined || value === null) {
        return {};
    }
    if (!isPlainObject(value)) {
        site.issues.add(site.file, path, shown(value), `expected a mapping of strings, got ${typeName(value)}`, `write ${path} as key: "value" pairs`);
        return {};
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
        if (typeof v !== "string") {
            site.issues.add(site.file, childPath(path, k), shown(v), `expected a string, got ${typeName(v)}`, `quote the value`);
        } else {
            out[k] = v;
        }
    }
    return out;
}

export function typeName(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "object") {
        return "a mapping";
    }
    return `a ${typeof value}`;
}
