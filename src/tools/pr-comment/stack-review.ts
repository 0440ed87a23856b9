// Everything the comment says about one stack, computed once from its base and head snapshots: the verdict
// on each side, the object changes and their counts, and what a reviewer must look at (tenants, chart
// versions, Gateway listeners, routes whose attachment or serving listener changed). Pure, deterministic.

import { isPlainObject } from "../../rules/plain-object";
import type { RenderedDocument } from "../render/documents";
import { LABEL_TENANT } from "../../model/labels";
import { compareCodeUnits } from "../../rules/code-unit-order";
import { AttachmentChanges, attachmentChanges } from "./attachment-changes";
import { ChangeCounts, ObjectChange, countChanges, objectChanges } from "./object-changes";
import { StackSnapshot, stackPassed } from "./snapshot";

export interface ChartVersionChange {
    /** Release name. */
    name: string;
    before: string;
    after: string;
}

export interface StackReview {
    stack: string;
    base?: StackSnapshot;
    head?: StackSnapshot;
    /** True/false: passed/failed; undefined: not checked (or the stack is absent on that side). */
    passedBase: boolean | undefined;
    passedHead: boolean | undefined;
    objects: ObjectChange[];
    counts: ChangeCounts;
    tenantsAdded: string[];
    tenantsRemoved: string[];
    charts: ChartVersionChange[];
    attachment: AttachmentChanges;
}

/** Tenants a stack deploys: the tenant label on its Namespace objects. */
export function tenantsOf(objects: readonly RenderedDocument[]): string[] {
    const slugs = objects.flatMap((d) => {
        const meta = d.kind === "Namespace" && isPlainObject(d.body.metadata) ? d.body.metadata : {};
        const labels = isPlainObject(meta.labels) ? meta.labels : {};
        return typeof labels[LABEL_TENANT] === "string" ? [labels[LABEL_TENANT]] : [];
    });
    return [...new Set(slugs)].sort(compareCodeUnits);
}

/** HelmChart release (`namespace/name` when not its own namespace) -> chart version. */
function chartVersions(objects: readonly RenderedDocument[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const d of objects) {
        const spec = d.kind === "HelmChart" && isPlainObject(d.body.spec) ? d.body.spec : undefined;
        if (spec !== undefined && typeof spec.version === "string") {
            out.set(d.namespace === undefined || d.namespace === d.name ? d.name : `${d.namespace}/${d.name}`, spec.version);
        }
    }
    return out;
}

export function chartVersionChanges(base: readonly RenderedDocument[], head: readonly RenderedDocument[]): ChartVersionChange[] {
    const a = chartVersions(base);
    const b = chartVersions(head);
    return [...b.keys()]
        .filter((name) => a.has(name) && a.get(name) !== b.get(name))
        .sort(compareCodeUnits)
        .map((name) => ({ name, before: a.get(name)!, after: b.get(name)! }));
}

const report = (s: StackSnapshot | undefined) => (s?.outcome.kind === "checked" ? s.outcome.report.attachment : undefined);

/** Absent (no objects) or rendered; a refused or crashed render has no objects to compare. */
export function sideRendered(s: StackSnapshot | undefined): boolean {
    return s === undefined || s.outcome.kind === "checked" || s.outcome.kind === "unchecked";
}

export function reviewStack(stack: string, base: StackSnapshot | undefined, head: StackSnapshot | undefined): StackReview {
    // When one side did not render, comparing its empty object list would report every object deleted.
    const compared = sideRendered(base) && sideRendered(head);
    const baseObjects = compared ? base?.objects ?? [] : [];
    const headObjects = compared ? head?.objects ?? [] : [];
    const objects = objectChanges(stack, baseObjects, headObjects);
    const tenantsBefore = tenantsOf(baseObjects);
    const tenantsAfter = tenantsOf(headObjects);
    // A side that was not checked has nothing to compare routes with: compare head with head (no change).
    const baseReport = base === undefined ? undefined : base.outcome.kind === "unchecked" ? report(head) : report(base);
    return {
        stack,
        ...(base === undefined ? {} : { base }),
        ...(head === undefined ? {} : { head }),
        passedBase: base === undefined ? undefined : stackPassed(base),
        passedHead: head === undefined ? undefined : stackPassed(head),
        objects,
        counts: countChanges(objects),
        tenantsAdded: tenantsAfter.filter((t) => !tenantsBefore.includes(t)),
        tenantsRemoved: tenantsBefore.filter((t) => !tenantsAfter.includes(t)),
        charts: chartVersionChanges(baseObjects, headObjects),
        attachment: compared ? attachmentChanges(baseReport, report(head)) : { routes: [], listeners: [] },
    };
}

/** Passed on one side and not the other; a base that was not checked has no verdict to compare. */
export function verdictChanged(r: StackReview): boolean {
    return r.base?.outcome.kind !== "unchecked" && r.passedBase !== r.passedHead;
}

/** Nothing for a reviewer here: same objects, same verdict, same attachment, same outcome. */
export function isUnchanged(r: StackReview): boolean {
    return (
        r.base !== undefined &&
        r.head !== undefined &&
        r.objects.length === 0 &&
        !verdictChanged(r) &&
        r.attachment.routes.length === 0 &&
        r.attachment.listeners.length === 0 &&
        outcomeMessage(r.base) === outcomeMessage(r.head)
    );
}

/** The refusal or crash message of a stack, if it has one. */
export function outcomeMessage(s: StackSnapshot | undefined): string | undefined {
    return s !== undefined && (s.outcome.kind === "refused" || s.outcome.kind === "error") ? s.outcome.message : undefined;
}

/** Routes, listeners or verdict changed, or the head fails: the stack's attachment detail is worth showing. */
export function attachmentWorthShowing(r: StackReview): boolean {
    return r.passedHead === false || verdictChanged(r) || r.attachment.routes.length > 0 || r.attachment.listeners.length > 0;
}
