// Dotted value paths ("gateway.parentRef.name") over nested Helm values.

import { isPlainObject, setOwn } from "./plain-object";

export type Values = Record<string, unknown>;

export function getPath(values: Values, path: string): unknown {
    let node: unknown = values;
    for (const key of path.split(".")) {
        if (!isPlainObject(node)) {
            return undefined;
        }
        node = node[key];
    }
    return node;
}

/** Returns a copy of `values` with `path` set, creating intermediate mappings. */
export function setPath(values: Values, path: string, value: unknown): Values {
    const [head, ...rest] = path.split(".");
    if (rest.length === 0) {
        return { ...values, [head]: value };
    }
    const child = isPlainObject(values[head]) ? (values[head] as Values) : {};
    return { ...values, [head]: setPath(child, rest.join("."), value) };
}

/** Deep merge where `over` wins; lists are replaced, not concatenated (Helm's own rule). */
export function deepMerge(base: Values, over: Values): Values {
    const out: Values = { ...base };
    for (const [key, value] of Object.entries(over)) {
        const current = Object.hasOwn(out, key) ? out[key] : undefined;
        // setOwn: a chart value named __proto__ stays a value (an assignment would replace the prototype).
        setOwn(out, key, isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value);
    }
    return out;
}

/** Every leaf path set in `values` (mappings are walked, lists and scalars are leaves). */
export function leafPaths(values: Values, prefix = ""): string[] {
    return Object.entries(values).flatMap(([key, value]) => {
        const path = prefix === "" ? key : `${prefix}.${key}`;
        return isPlainObject(value) && Object.keys(value).length > 0 ? leafPaths(value, path) : [path];
    });
}

/** Whether two paths overlap: equal, or one is inside the other. */
export function pathsOverlap(a: string, b: string): boolean {
    return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
