// The program's own proof that every route attaches: the Gateways and ListenerSets it plans, every
// HTTPRoute it creates, and every route a chart will render (predicted from the values it passes),
// checked with the Gateway API checker in Cilium mode before anything is registered.

import { AttachmentReport, checkAttachment } from "../gateway/attachment";
import { routeFailures } from "../gateway/attachment-failures";
import { gatewayManifest } from "../gateway/listeners";
import type { SovereignPlan } from "./plan";

export function checkSovereignAttachment(plan: SovereignPlan): AttachmentReport {
    return checkAttachment({
        gateways: plan.gateways.map((g) => gatewayManifest(g, {})),
        listenerSets: plan.listenerSets,
        routes: plan.routes,
        namespaces: plan.namespaces,
        mode: "cilium",
    });
}

/** One line per route that would not attach (or attaches to nothing): route, parent, reason, fix. */
export function attachmentFailures(report: AttachmentReport): string[] {
    return routeFailures(report).map((f) => f.message);
}

export class AttachmentError extends Error {
    constructor(readonly failures: readonly string[]) {
        super(`${failures.length} route${failures.length === 1 ? "" : "s"} would not attach; nothing was registered:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
        this.name = "AttachmentError";
    }
}
