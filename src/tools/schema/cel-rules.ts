// Evaluates a CRD's `x-kubernetes-validations` CEL rules the way the API server does on create
// (k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel): `self` is the value at the rule's schema
// node, typed by the schema (integers are CEL ints, objects with declared properties are accessed by
// their escaped names), rules whose node is absent do not run, and transition rules (`oldSelf`) do not
// apply to a create. Evaluated with @bufbuild/cel plus its strings extension; a rule that needs a function
// the evaluator lacks (Kubernetes' own CEL libraries: ip, cidr, url, quantity, lists...) is reported as not
// evaluated, never passed silently.

import { celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import type { CelInput, CelResult } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { isPlainObject } from "../../rules/plain-object";
import type { CrdSchema, ValidationRule } from "./crd-schema";
import type { FieldProblem, PathSegment } from "./structural";

// CEL reserved words (k8s.io/apiserver/pkg/cel/escaping.go): a property with such a name is `__name__`.
const CEL_RESERVED = new Set([
    "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
    "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
]);

/** The name a schema property has in CEL, or undefined when CEL cannot address it. */
export function escapeCelProperty(name: string): string | undefined {
    if (CEL_RESERVED.has(name)) {
        return `__${name}__`;
    }
    if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) {
        return undefined;
    }
    return name.replace(/__/g, "__underscores__").replace(/\./g, "__dot__").replace(/-/g, "__dash__").replace(/\//g, "__slash__");
}

/** A JSON value as CEL sees it under a schema. */
export function celValueOf(value: unknown, schema: CrdSchema | undefined): CelInput {
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value === "number") {
        const isInt = schema?.type === "integer" || (schema?.type !== "number" && Number.isInteger(value));
        return isInt && Number.isInteger(value) ? BigInt(value) : value;
    }
    if (typeof value === "string" || typeof value === "boolean") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => celValueOf(v, schema?.items));
    }
    if (!isPlainObject(value)) {
        return null;
    }
    const out = new Map<string, CelInput>();
    const additional = typeof schema?.additionalProperties === "object" ? schema.additionalProperties : undefined;
    for (const [k, v] of Object.entries(value)) {
        const declared = schema?.properties?.[k];
        if (declared !== undefined) {
            const name = escapeCelProperty(k);
            if (name !== undefined) {
                out.set(name, celValueOf(v, declared));
            }
        } else if (additional !== undefined || schema?.properties === undefined) {
            out.set(k, celValueOf(v, additional)); // map keys are data, not field names: not escaped
        } else if (schema["x-kubernetes-preserve-unknown-fields"] === true) {
            const name = escapeCelProperty(k);
            if (name !== undefined) {
                out.set(name, celValueOf(v, undefined));
            }
        }
    }
    return out;
}

type Program = (bindings: { self: CelInput }) => CelResult;

const ENV = celEnv({ funcs: strings });
const programs = new Map<string, Program | { unsupported: string }>();

function compile(source: string): Program | { unsupported: string } {
    let program = programs.get(source);
    if (program === undefined) {
        try {
            program = plan(ENV, parse(source)) as Program;
        } catch (err) {
            program = { unsupported: `cannot parse: ${(err as Error).message}` };
        }
        programs.set(source, program);
    }
    return program;
}

export interface CelTally {
    /** Rule evaluations that ran to a boolean (passing or failing). */
    evaluated: number;
    /** Transition rules (`oldSelf`), which apply to updates only. */
    transitionRulesSkipped: number;
    /** Rules the evaluator could not run, with the reason; each is also a problem. */
    unsupported: { rule: string; reason: string }[];
}

export function emptyTally(): CelTally {
    return { evaluated: 0, transitionRulesSkipped: 0, unsupported: [] };
}

function usesOldSelf(rule: ValidationRule): boolean {
    return /\boldSelf\b/.test(rule.rule);
}

/** `fieldPath` (`.spec.x`, `.x['y']`, `.list[0]`) as path segments. */
export function fieldPathSegments(fieldPath: string): PathSegment[] {
    const out: PathSegment[] = [];
    const re = /\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(fieldPath)) !== null) {
        out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
    }
    return out;
}

function shortRule(rule: string): string {
    const oneLine = rule.replace(/\s+/g, " ").trim();
    return oneLine.length > 160 ? `${oneLine.slice(0, 157)}...` : oneLine;
}

function messageOf(rule: ValidationRule, self: CelInput): string {
    if (rule.messageExpression !== undefined) {
        const program = compile(rule.messageExpression);
        if (typeof program === "function") {
            const message = program({ self });
            if (typeof message === "string" && message.trim() !== "") {
                return message;
            }
        }
    }
    return rule.message ?? `failed rule: ${shortRule(rule.rule)}`;
}

function runRules(value: unknown, schema: CrdSchema, at: PathSegment[], problems: FieldProblem[], tally: CelTally): void {
    const rules = schema["x-kubernetes-validations"] ?? [];
    if (rules.length === 0) {
        return;
    }
    const self = celValueOf(value, schema);
    for (const rule of rules) {
        if (usesOldSelf(rule)) {
            tally.transitionRulesSkipped++;
            continue;
        }
        const where = rule.fieldPath === undefined ? at : [...at, ...fieldPathSegments(rule.fieldPath)];
        const program = compile(rule.rule);
        const result = typeof program === "function" ? program({ self }) : undefined;
        const unsupported =
            typeof program !== "function"
                ? program.unsupported
                : isCelError(result) && /^unbound function/.test(result.message)
                  ? result.message
                  : undefined;
        if (unsupported !== undefined) {
            tally.unsupported.push({ rule: rule.rule, reason: unsupported });
            problems.push({ segments: where, rule: `CEL rule not evaluated offline (${unsupported}): ${shortRule(rule.rule)}` });
        } else if (isCelError(result)) {
            // The API server rejects an object whose rule errors (e.g. a field the rule reads is absent).
            tally.evaluated++;
            problems.push({ segments: where, rule: `CEL rule errors (${result.message}): ${shortRule(rule.rule)}` });
        } else if (result !== true) {
            tally.evaluated++;
            problems.push({ segments: where, rule: `${messageOf(rule, self)} (x-kubernetes-validations: ${shortRule(rule.rule)})` });
        } else {
            tally.evaluated++;
        }
    }
}

function walk(value: unknown, schema: CrdSchema, at: PathSegment[], problems: FieldProblem[], tally: CelTally): void {
    if (value === undefined || value === null) {
        return;
    }
    runRules(value, schema, at, problems, tally);
    if (Array.isArray(value)) {
        if (schema.items !== undefined) {
            value.forEach((v, i) => walk(v, schema.items!, [...at, i], problems, tally));
        }
        return;
    }
    if (!isPlainObject(value)) {
        return;
    }
    for (const [k, v] of Object.entries(value)) {
        const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
        if (child !== undefined) {
            walk(v, child, [...at, k], problems, tally);
        }
    }
}

/** Runs every CEL rule of the schema that applies to the (defaulted) object; counts into `tally`. */
export function celProblems(body: Record<string, unknown>, schema: CrdSchema, tally: CelTally): FieldProblem[] {
    const problems: FieldProblem[] = [];
    walk(body, schema, [], problems, tally);
    return problems;
}
