// What one checkout's stacks render to, as the pull-request comment compares them: per stack the rendered
// objects (secrets already `[secret]`, see src/tools/render/documents.ts) and the outcome of the attachment check.
// Written as JSON by `npm run preview:snapshot` in each checkout, so base and head are each rendered by
// their own code. Pure: building and reading only.

import { isPlainObject } from "../../rules/plain-object";
import type { RenderedDocument } from "../render/documents";
import type { CheckReport } from "../check/report";

export const SNAPSHOT_FORMAT = "sovereign-stacks/preview-snapshot/v1";

export type StackOutcome =
    /** Rendered and checked; `report.failures` empty means every route attaches. */
    | { kind: "checked"; report: CheckReport }
    /** The program refused the stack (invalid config, or a route it proved would not attach); nothing is registered. */
    | { kind: "refused"; message: string }
    /** The render crashed (a bug, not the config). */
    | { kind: "error"; message: string }
    /** Rendered by an older checkout without `preview:snapshot`: objects only, no attachment check. */
    | { kind: "unchecked" };

export interface StackSnapshot {
    stack: string;
    /** Relative to the checkout. */
    stackFile: string;
    outcome: StackOutcome;
    /** Empty when the stack did not render. */
    objects: RenderedDocument[];
}

export interface PreviewSnapshot {
    format: typeof SNAPSHOT_FORMAT;
    stacks: StackSnapshot[];
}

/** A stack passes when it rendered and every route attaches; refused and crashed stacks fail. */
export function stackPassed(snapshot: StackSnapshot): boolean | undefined {
    switch (snapshot.outcome.kind) {
        case "checked":
            return snapshot.outcome.report.failures.length === 0;
        case "unchecked":
            return undefined;
        default:
            return false;
    }
}

export function snapshotJson(snapshot: PreviewSnapshot): string {
    return `${JSON.stringify(snapshot, null, 1)}\n`;
}

/** Reads a snapshot file's text; throws naming the file when it is not one. */
export function parseSnapshot(text: string, file: string): PreviewSnapshot {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw new Error(`${file}: not JSON (${(err as Error).message})`);
    }
    if (!isPlainObject(doc) || doc.format !== SNAPSHOT_FORMAT || !Array.isArray(doc.stacks)) {
        throw new Error(`${file}: not a preview snapshot (expected "format": "${SNAPSHOT_FORMAT}" and a "stacks" list)`);
    }
    for (const [i, s] of doc.stacks.entries()) {
        if (!isPlainObject(s) || typeof s.stack !== "string" || !isPlainObject(s.outcome) || typeof s.outcome.kind !== "string" || !Array.isArray(s.objects)) {
            throw new Error(`${file}: stacks[${i}] is not a stack snapshot (stack, stackFile, outcome.kind, objects)`);
        }
    }
    // The writer is this module's own snapshotJson; the shape checks above catch a file of another kind.
    return doc as unknown as PreviewSnapshot;
}
