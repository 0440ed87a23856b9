// The program's own proof that every route attaches: the Gateways and ListenerSets it plans, every
// HTTPRoute it creates, and every route a chart will render (predicted from the values it passes),
// checked with the Gateway API checker in Cilium mode before anything is registered.

import { AttachmentReport, ParentRefStatus, checkAttachment } from "../gateway/attachment";
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

function fixFor(status: ParentRefStatus): string {
    switch (status.reason) {
        case "NoMatchingParent":
            return "remove sectionName (and port) from the parentRef so the route attaches by hostname";
        case "NoMatchingListenerHostname":
            return "use a hostname under one of the parent's listener hostnames, or add the zone to the Sovereign";
        case "NotAllowedByListeners":
            return "allow the route's namespace and kind in the listeners' allowedRoutes";
        case "InvalidHTTPRoute":
            return "point the parentRef at a Gateway (or ListenerSet) this Sovereign has";
        default:
            return "check the parentRef against the listeners";
    }
}

/** One line per parentRef that would not attach (or attaches to nothing): route, parent, reason, fix. */
export function attachmentFailures(report: AttachmentReport): string[] {
    return report.parents
        .filter((p) => !p.accepted || p.attachedListeners.length === 0)
        .map((p) => {
            const ref = p.parentRef;
            const parent = `${ref.kind} ${ref.namespace}/${ref.name}${ref.sectionName !== undefined ? ` sectionName ${ref.sectionName}` : ""}`;
            const status = p.accepted ? "Accepted=True but attached to no listener" : `Accepted=False, reason ${p.reason}`;
            return `HTTPRoute ${p.route.namespace}/${p.route.name} -> ${parent}: ${status} (${p.message}). Fix: ${fixFor(p)}`;
        });
}

export class AttachmentError extends Error {
    constructor(readonly failures: readonly string[]) {
        super(`${failures.length} route${failures.length === 1 ? "" : "s"} would not attach; nothing was registered:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
        this.name = "AttachmentError";
    }
}
