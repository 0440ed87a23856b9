// Everything the operator should read besides the verdict, one line each, in report order: notes about the
// input, per-parentRef warnings and spec-vs-Cilium differences, per-route warnings (hostnames, listener
// isolation, plain-HTTP-only hosts, certificate depth). Pure: no Pulumi, no I/O.

import type { ParentRefStatus } from "../../proof/attachment-checker";
import type { CheckReport } from "./report";

function parentPrefix(p: ParentRefStatus): string {
    const ref = p.parentRef;
    return `HTTPRoute ${p.route.namespace}/${p.route.name} -> ${ref.kind} ${ref.namespace}/${ref.name}`;
}

export function warningLines(report: CheckReport): string[] {
    const { parents, routes } = report.attachment;
    const perParent = parents.flatMap((p) => [
        ...p.warnings.map((w) => `${parentPrefix(p)}: ${w}`),
        // Set whenever the two modes disagree; in spec mode it says what Cilium would do instead, and vice versa.
        ...(p.ciliumDifference === undefined ? [] : [`${parentPrefix(p)}: ${p.ciliumDifference}`]),
    ]);
    const perRoute = routes.flatMap((r) => r.warnings.map((w) => `HTTPRoute ${r.route}: ${w}`));
    return [...report.notes, ...perParent, ...perRoute];
}
