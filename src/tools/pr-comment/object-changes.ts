// Which rendered objects a pull request creates, updates and deletes in one stack, matched by kind,
// namespace and name, each with the key paths that changed and its own unified diff. Pure, deterministic.

import type { RenderedDocument } from "../render/documents";
import { compareDocuments } from "../render/documents";
import { toYamlStream } from "../render/manifest-files";
import { unifiedDiff } from "./line-diff";
import { ValueChange, valueChanges } from "./value-changes";

export type ObjectAction = "create" | "update" | "delete";

export interface ObjectChange {
    action: ObjectAction;
    kind: string;
    namespace: string | undefined;
    name: string;
    /** For an update: the leaf paths that differ (HelmChart paths relative to `spec`, as the chart sees them). */
    changes: ValueChange[];
    /** Unified diff of the object's YAML as `npm run render` writes it. */
    diff: string;
    /** The head object (the base one for a delete). */
    document: RenderedDocument;
}

export interface ChangeCounts {
    create: number;
    update: number;
    delete: number;
}

export function objectKey(d: Pick<RenderedDocument, "kind" | "namespace" | "name">): string {
    return `${d.kind} ${d.namespace === undefined ? "" : `${d.namespace}/`}${d.name}`;
}

/** The object's YAML exactly as in the rendered files (without the document separator). */
export function objectYaml(d: RenderedDocument): string {
    return toYamlStream([d]).replace(/^---\n/, "");
}

/** HelmChart request documents: what changed is the chart request (`spec`), shown from there. */
function comparable(d: RenderedDocument): unknown {
    return d.kind === "HelmChart" ? d.body.spec : d.body;
}

function diffFor(stack: string, base: RenderedDocument | undefined, head: RenderedDocument | undefined): string {
    const key = objectKey((head ?? base)!).replace(/ /g, "/");
    return unifiedDiff(base === undefined ? "/dev/null" : `base/${stack}/${key}`, head === undefined ? "/dev/null" : `head/${stack}/${key}`, base === undefined ? "" : objectYaml(base), head === undefined ? "" : objectYaml(head));
}

/** Every object that differs between base and head, in rendered-document order (deletes where they were). */
export function objectChanges(stack: string, base: readonly RenderedDocument[], head: readonly RenderedDocument[]): ObjectChange[] {
    const baseByKey = new Map(base.map((d) => [objectKey(d), d]));
    const headKeys = new Set(head.map(objectKey));
    const out: ObjectChange[] = [];
    for (const d of head) {
        const before = baseByKey.get(objectKey(d));
        if (before === undefined) {
            out.push({ action: "create", kind: d.kind, namespace: d.namespace, name: d.name, changes: [], diff: diffFor(stack, undefined, d), document: d });
            continue;
        }
        const changes = valueChanges(comparable(before), comparable(d));
        if (changes.length > 0) {
            out.push({ action: "update", kind: d.kind, namespace: d.namespace, name: d.name, changes, diff: diffFor(stack, before, d), document: d });
        }
    }
    for (const d of base) {
        if (!headKeys.has(objectKey(d))) {
            out.push({ action: "delete", kind: d.kind, namespace: d.namespace, name: d.name, changes: [], diff: diffFor(stack, d, undefined), document: d });
        }
    }
    return out.sort((a, b) => compareDocuments(a.document, b.document));
}

export function countChanges(changes: readonly ObjectChange[]): ChangeCounts {
    return {
        create: changes.filter((c) => c.action === "create").length,
        update: changes.filter((c) => c.action === "update").length,
        delete: changes.filter((c) => c.action === "delete").length,
    };
}
