// The program's own proof that every route attaches: the Gateways and ListenerSets it plans, every
// HTTPRoute it creates, and every route a chart will render (predicted from the values it passes),
// checked with the Gateway API checker in Cilium mode before anything is registered.

import { AttachmentInput, AttachmentReport, CheckMode, checkAttachment } from "./attachment-checker";
import type { HTTPRoute } from "../model/gateway-api";
import { routeFailures } from "./attachment-failures";
import { gatewayManifest } from "../topology/listeners";
import type { SovereignPlan } from "../plan/sovereign-plan";

/** The checker's input for a plan: its Gateways, ListenerSets and namespaces, with the given routes. */
export function attachmentInputFor(
    plan: Pick<SovereignPlan, "gateways" | "listenerSets" | "namespaces">,
    routes: readonly HTTPRoute[],
    mode: CheckMode,
): AttachmentInput {
    return { gateways: plan.gateways.map((g) => gatewayManifest(g, {})), listenerSets: plan.listenerSets, routes, namespaces: plan.namespaces, mode };
}

export function checkSovereignAttachment(plan: SovereignPlan): AttachmentReport {
    return checkAttachment(attachmentInputFor(plan, plan.routes, "cilium"));
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
