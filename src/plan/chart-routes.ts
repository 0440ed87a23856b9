// The HTTPRoutes a blueprint chart will render, predicted from the values the program gives it and the
// chart's documented template contract (catalog.ts). Helm Chart v4 renders in the provider, so this is
// how the program checks chart routes before anything is registered; the contract tests prove the
// prediction against real `helm template` output of the fixture charts.

import { GATEWAY_API_VERSION, HTTPRoute, ParentReference } from "../model/gateway-api";
import type { BlueprintPlan } from "./blueprint-plan";
import { getPath } from "../rules/value-paths";

export const PREDICTED_ANNOTATION = "sovereign-stacks/predicted-from";

function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

function parentFrom(name: unknown, namespace: unknown, sectionName: unknown, fallback: { name: string; namespace: string }): ParentReference {
    const section = text(sectionName);
    return {
        name: text(name) ?? fallback.name,
        namespace: text(namespace) ?? fallback.namespace,
        ...(section !== undefined ? { sectionName: section } : {}),
    };
}

function route(plan: BlueprintPlan, name: string, parent: ParentReference, host: string): HTTPRoute {
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "HTTPRoute",
        metadata: { name, namespace: plan.namespace, annotations: { [PREDICTED_ANNOTATION]: `bp-${plan.definition.name} values` } },
        spec: { parentRefs: [parent], hostnames: [host] },
    };
}

export function chartRoutes(plan: BlueprintPlan): HTTPRoute[] {
    const r = plan.definition.route;
    const values = plan.values;
    const on = r.enable.every((e) => getPath(values, e.path) === e.value);
    const host = text(getPath(values, r.hostPath));
    if (!on || host === undefined || plan.parent === undefined) {
        return [];
    }
    const fallbackParent = plan.parent;
    const parentPath = r.parentRefPath;
    const routes = [
        route(
            plan,
            plan.releaseName,
            parentFrom(getPath(values, `${parentPath}.name`), getPath(values, `${parentPath}.namespace`), getPath(values, `${parentPath}.sectionName`), fallbackParent),
            host,
        ),
    ];
    const pinned = r.pinnedSectionRoute;
    const pinnedHost = pinned?.hostFor(host);
    if (pinned && pinnedHost !== undefined && getPath(values, pinned.enabledPath) !== false) {
        const parent = parentFrom(getPath(values, pinned.parentNamePath), getPath(values, pinned.parentNamespacePath), getPath(values, pinned.sectionNamePath), fallbackParent);
        routes.push(route(plan, `${plan.releaseName}-${pinned.nameSuffix}`, { ...parent, sectionName: parent.sectionName ?? pinned.chartDefaultSectionName }, pinnedHost));
    }
    return routes;
}
