// One schema problem of one rendered object: which object, where in it, which rule. Formatted as one line
// an operator can act on without the value itself (values may be secret, so they are never printed).

export interface ObjectRef {
    apiVersion: string;
    kind: string;
    namespace: string | undefined;
    name: string;
}

export interface SchemaProblem {
    object: ObjectRef;
    /** Field path inside the object, e.g. `spec.listeners[2].hostname`; empty for the object itself. */
    path: string;
    /** The rule that failed, as the API server or the CRD states it (e.g. `maxLength: 63`, a CEL rule's message). */
    rule: string;
}

export function objectLabel(ref: ObjectRef): string {
    return `${ref.kind} ${ref.namespace === undefined ? "" : `${ref.namespace}/`}${ref.name}`;
}

export function formatSchemaProblem(p: SchemaProblem): string {
    return `${objectLabel(p.object)} (${p.object.apiVersion}): ${p.path === "" ? "(object)" : p.path}: ${p.rule}`;
}

/** `spec.ports[0].port` from path segments; numbers are list indexes, strings field names or map keys. */
export function joinPath(segments: readonly (string | number)[]): string {
    let out = "";
    for (const s of segments) {
        if (typeof s === "number") {
            out += `[${s}]`;
        } else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) {
            out += out === "" ? s : `.${s}`;
        } else {
            out += `[${JSON.stringify(s)}]`;
        }
    }
    return out;
}

/** Path segments from a JSON pointer (`/spec/ports/0/port`) into `root`: a segment is an index where the value is a list. */
export function pointerSegments(pointer: string, root: unknown): (string | number)[] {
    if (pointer === "") {
        return [];
    }
    const out: (string | number)[] = [];
    let at: unknown = root;
    for (const raw of pointer.slice(1).split("/")) {
        const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (Array.isArray(at)) {
            const i = Number(key);
            out.push(i);
            at = at[i];
        } else {
            out.push(key);
            at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
        }
    }
    return out;
}
