// OpenAPI v3 validation of a custom object against its CRD's structural schema, as the API server does it
// (k8s.io/apiextensions-apiserver/pkg/apiserver/validation): defaults first, then types, enums, lengths,
// patterns, formats, list-type uniqueness, and unknown fields (which strict field validation rejects and
// pruning would otherwise drop silently).

import { isPlainObject } from "../../rules/plain-object";
import type { CrdSchema } from "./crd-schema";
import { isOfflinePlaceholder } from "./placeholders";

export type PathSegment = string | number;

export interface FieldProblem {
    segments: PathSegment[];
    rule: string;
}

/** The value with every `default` of the schema applied where a field is absent (deep; input untouched). */
export function applyDefaults(value: unknown, schema: CrdSchema): unknown {
    if (Array.isArray(value)) {
        return schema.items === undefined ? value : value.map((v) => applyDefaults(v, schema.items!));
    }
    if (!isPlainObject(value)) {
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
        out[k] = child === undefined ? v : applyDefaults(v, child);
    }
    for (const [k, child] of Object.entries(schema.properties ?? {})) {
        if (out[k] === undefined && child.default !== undefined) {
            out[k] = applyDefaults(structuredClone(child.default), child);
        }
    }
    return out;
}

function typeOf(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return isPlainObject(value) ? "object" : typeof value;
}

function typeMatches(value: unknown, schema: CrdSchema): boolean {
    const actual = typeOf(value);
    if (schema["x-kubernetes-int-or-string"] === true) {
        return actual === "integer" || actual === "string";
    }
    if (schema.type === undefined) {
        return true;
    }
    return actual === schema.type || (schema.type === "number" && actual === "integer");
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
    let re = patterns.get(source);
    if (re === undefined) {
        re = new RegExp(source);
        patterns.set(source, re);
    }
    return re;
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isIpv6(s: string): boolean {
    if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.split("::").length > 2) {
        return false;
    }
    try {
        return new URL(`http://[${s}]/`).hostname.length > 2;
    } catch {
        return false;
    }
}

/** Formats kube-openapi checks on strings and numbers; others are accepted like the API server does. */
function formatProblem(value: unknown, format: string): string | undefined {
    if (typeof value === "number") {
        if (format === "int32" && (value < -2147483648 || value > 2147483647)) {
            return "must fit in a 32-bit integer (format int32)";
        }
        return undefined;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    if (format === "ipv4" && !IPV4.test(value)) {
        return "must be an IPv4 address (format ipv4)";
    }
    if (format === "ipv6" && !isIpv6(value)) {
        return "must be an IPv6 address (format ipv6)";
    }
    if (format === "date-time" && !DATE_TIME.test(value)) {
        return "must be an RFC 3339 date-time (format date-time)";
    }
    return undefined;
}

function lengthOf(s: string): number {
    return [...s].length; // the API server counts runes, not UTF-16 units
}

function isDeepEqual(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

interface Walk {
    problems: FieldProblem[];
    /** False inside anyOf/oneOf/allOf/not branches, which constrain values but do not declare fields. */
    declaresFields: boolean;
}

function checkScalar(value: unknown, schema: CrdSchema, at: PathSegment[], walk: Walk): void {
    const add = (rule: string) => walk.problems.push({ segments: at, rule });
    if (schema.enum !== undefined && !schema.enum.some((e) => isDeepEqual(e, value))) {
        add(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")} (enum)`);
    }
    if (typeof value === "string") {
        if (schema.maxLength !== undefined && lengthOf(value) > schema.maxLength) {
            add(`must be at most ${schema.maxLength} characters (maxLength ${schema.maxLength})`);
        }
        if (schema.minLength !== undefined && lengthOf(value) < schema.minLength) {
            add(`must be at least ${schema.minLength} characters (minLength ${schema.minLength})`);
        }
        if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) {
            add(`must match ${schema.pattern} (pattern)`);
        }
    }
    if (typeof value === "number") {
        if (schema.maximum !== undefined && (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)) {
            add(`must be ${schema.exclusiveMaximum === true ? "less than" : "at most"} ${schema.maximum} (maximum ${schema.maximum})`);
        }
        if (schema.minimum !== undefined && (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)) {
            add(`must be ${schema.exclusiveMinimum === true ? "greater than" : "at least"} ${schema.minimum} (minimum ${schema.minimum})`);
        }
    }
    if (schema.format !== undefined) {
        const p = formatProblem(value, schema.format);
        if (p !== undefined) {
            add(p);
        }
    }
}

function checkArray(value: unknown[], schema: CrdSchema, at: PathSegment[], walk: Walk): void {
    const add = (rule: string) => walk.problems.push({ segments: at, rule });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        add(`must have at most ${schema.maxItems} items (maxItems ${schema.maxItems})`);
    }
    if (schema.minItems !== undefined && value.length < schema.minItems) {
        add(`must have at least ${schema.minItems} items (minItems ${schema.minItems})`);
    }
    const listType = schema["x-kubernetes-list-type"];
    if (listType === "set" || listType === "map") {
        const keys = schema["x-kubernetes-list-map-keys"] ?? [];
        const seen = new Map<string, number>();
        value.forEach((item, i) => {
            const key = listType === "set" ? JSON.stringify(item) : JSON.stringify(keys.map((k) => (isPlainObject(item) ? item[k] : undefined) ?? null));
            const first = seen.get(key);
            if (first !== undefined) {
                walk.problems.push({
                    segments: [...at, i],
                    rule: `duplicates item ${first} (x-kubernetes-list-type ${listType}${listType === "map" ? ` keyed by ${keys.join(", ")}` : ""})`,
                });
            } else {
                seen.set(key, i);
            }
        });
    }
    if (schema.items !== undefined) {
        value.forEach((item, i) => visit(item, schema.items!, [...at, i], walk));
    }
}

function checkObject(value: Record<string, unknown>, schema: CrdSchema, at: PathSegment[], walk: Walk, isRoot: boolean): void {
    const add = (rule: string) => walk.problems.push({ segments: at, rule });
    const count = Object.keys(value).length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties) {
        add(`must have at most ${schema.maxProperties} entries (maxProperties ${schema.maxProperties})`);
    }
    if (schema.minProperties !== undefined && count < schema.minProperties) {
        add(`must have at least ${schema.minProperties} entries (minProperties ${schema.minProperties})`);
    }
    for (const name of schema.required ?? []) {
        if (value[name] === undefined) {
            walk.problems.push({ segments: [...at, name], rule: "is required (required)" });
        }
    }
    const open = schema["x-kubernetes-preserve-unknown-fields"] === true;
    for (const [k, v] of Object.entries(value)) {
        if (isRoot && k === "metadata") {
            continue; // ObjectMeta is validated by the API server itself (name-rules.ts), not by the CRD
        }
        const declared = schema.properties?.[k];
        if (declared !== undefined) {
            visit(v, declared, [...at, k], walk);
        } else if (typeof schema.additionalProperties === "object") {
            visit(v, schema.additionalProperties, [...at, k], walk);
        } else if (walk.declaresFields && schema.properties !== undefined && !open && schema.additionalProperties !== true) {
            walk.problems.push({ segments: [...at, k], rule: "unknown field: the schema declares no such field (strict field validation)" });
        }
    }
}

function branchPasses(value: unknown, branch: CrdSchema, at: PathSegment[]): boolean {
    const inner: Walk = { problems: [], declaresFields: false };
    visit(value, branch, at, inner);
    return inner.problems.length === 0;
}

function checkCombinators(value: unknown, schema: CrdSchema, at: PathSegment[], walk: Walk): void {
    const add = (rule: string) => walk.problems.push({ segments: at, rule });
    if (schema.allOf !== undefined && !schema.allOf.every((b) => branchPasses(value, b, at))) {
        add("must match every schema in allOf (allOf)");
    }
    if (schema.anyOf !== undefined && !schema.anyOf.some((b) => branchPasses(value, b, at))) {
        add(`must match at least one of: ${schema.anyOf.map(describeBranch).join("; ")} (anyOf)`);
    }
    if (schema.oneOf !== undefined) {
        const passing = schema.oneOf.filter((b) => branchPasses(value, b, at)).length;
        if (passing !== 1) {
            add(`must match exactly one of: ${schema.oneOf.map(describeBranch).join("; ")}, matches ${passing} (oneOf)`);
        }
    }
    if (schema.not !== undefined && branchPasses(value, schema.not, at)) {
        add(`must not match ${describeBranch(schema.not)} (not)`);
    }
}

/** A short description of a combinator branch (they are mostly "has field X" in CRDs). */
function describeBranch(b: CrdSchema): string {
    if (b.required !== undefined && b.required.length > 0) {
        return `has ${b.required.join(" and ")}`;
    }
    return JSON.stringify(b).slice(0, 60);
}

function visit(value: unknown, schema: CrdSchema, at: PathSegment[], walk: Walk, isRoot = false): void {
    if (value === undefined || isOfflinePlaceholder(value)) {
        return;
    }
    if (value === null) {
        if (schema.nullable !== true && walk.declaresFields) {
            walk.problems.push({ segments: at, rule: "must not be null (nullable false)" });
        }
        return;
    }
    if (!typeMatches(value, schema)) {
        const wanted = schema["x-kubernetes-int-or-string"] === true ? "integer or string" : String(schema.type);
        walk.problems.push({ segments: at, rule: `must be ${wanted === "object" ? "a mapping" : wanted === "array" ? "a list" : wanted} (type)` });
        return;
    }
    checkScalar(value, schema, at, walk);
    if (Array.isArray(value)) {
        checkArray(value, schema, at, walk);
    } else if (isPlainObject(value)) {
        checkObject(value, schema, at, walk, isRoot);
    }
    checkCombinators(value, schema, at, walk);
}

/** Problems of an object (already defaulted) against the CRD version's schema. */
export function structuralProblems(body: Record<string, unknown>, schema: CrdSchema): FieldProblem[] {
    const walk: Walk = { problems: [], declaresFields: true };
    visit(body, schema, [], walk, true);
    return walk.problems;
}
