// A small attachment report built by hand (not by the checker), so the formatter tests pin the formatting
// alone: a two-zone shared Gateway, a route that attaches by hostname, and the classic pinned `https` route.

import type { AttachmentReport, ParentRefStatus } from "../../../src/proof/attachment-checker";
import { CheckReport, reportFor } from "../../../src/tools/check/report";

const GW = "kube-system/cilium-gateway";

const parent = (route: string, extra: Partial<ParentRefStatus>): ParentRefStatus => {
    const [namespace, name] = route.split("/");
    return {
        route: { namespace, name },
        parentRefIndex: 0,
        parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "kube-system", name: "cilium-gateway" },
        gateway: GW,
        relevantListeners: [],
        attachedListeners: [],
        status: "True",
        accepted: true,
        reason: "Accepted",
        message: "Accepted HTTPRoute",
        warnings: [],
        ...extra,
    };
};

export function smallAttachment(): AttachmentReport {
    return {
        mode: "cilium",
        parents: [
            parent("gitea/gitea", { relevantListeners: ["https-omani-works", "https-omani-homes"], attachedListeners: ["https-omani-works"] }),
            parent("keycloak/keycloak", {
                parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "kube-system", name: "cilium-gateway", sectionName: "https" },
                status: "False",
                accepted: false,
                reason: "NoMatchingParent",
                message: "No matching listener with sectionName https",
            }),
        ],
        listeners: [
            { gateway: GW, listener: "https-omani-works", protocol: "HTTPS", port: 443, hostname: "*.omani.works", active: true, attachedRoutes: 1, routes: ["gitea/gitea"] },
            { gateway: GW, listener: "https-omani-homes", protocol: "HTTPS", port: 443, hostname: "*.omani.homes", active: true, attachedRoutes: 0, routes: [] },
        ],
        routes: [
            {
                route: "gitea/gitea",
                hostnames: ["git.omani.works"],
                serving: [{ hostname: "git.omani.works", gateway: GW, listener: "https-omani-works", protocol: "HTTPS", port: 443, attached: true }],
                warnings: [],
            },
            { route: "keycloak/keycloak", hostnames: ["auth.omani.works"], serving: [], warnings: ["hostname auth.omani.works is served only over plain HTTP"] },
        ],
    };
}

export function smallReport(): CheckReport {
    return reportFor({ stack: "demo", stackFile: "stacks/Pulumi.demo.yaml", zones: ["omani.works", "omani.homes"], mode: "cilium", notes: [] }, smallAttachment());
}
