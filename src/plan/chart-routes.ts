// The HTTPRoutes a blueprint chart will render, predicted from the values the program gives it and the
// chart's template contract (catalog.ts): the same names, namespaces, hostnames and parentRefs `helm
// template` produces. Helm Chart v4 renders in the provider, so this is how the program checks chart
// routes before anything is registered; the contract tests prove the prediction equal to real `helm
// template` output of the fixture charts (and of the published charts via `npm run test:upstream`).

import { GATEWAY_API_VERSION, HTTPRoute, ParentReference } from "../model/gateway-api";
import { compareSemver } from "../rules/name-rules";
import type { BlueprintPlan } from "./blueprint-plan";
import type { AliasRoute, RouteValuesContract } from "../model/blueprint-catalog";
import { aliasRouteName, aliasRouteRenders, routeName } from "../rules/chart-route-names";
import { Values, getPath } from "../rules/value-paths";

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

function route(plan: BlueprintPlan, name: string, parent: ParentReference, hostnames: string[]): HTTPRoute {
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "HTTPRoute",
        metadata: { name, namespace: plan.namespace, annotations: { [PREDICTED_ANNOTATION]: `bp-${plan.definition.name} values` } },
        spec: { parentRefs: [parent], hostnames },
    };
}

/** Whether the chart renders its route at all: the enable values, and the guards it reads with its own defaults. */
export function routeRenders(contract: RouteValuesContract, values: Values): boolean {
    const guards = contract.renderGuards ?? [];
    return (
        contract.enable.every((e) => getPath(values, e.path) === e.value) &&
        guards.every((g) => {
            const value = getPath(values, g.path);
            return g.renders(value === undefined ? g.chartDefault : value);
        })
    );
}

/** The main route's hostnames: the host, then each non-empty extra host that differs from it. */
function hostnamesOf(contract: RouteValuesContract, values: Values, host: string): string[] {
    const extra = contract.extraHostsPath === undefined ? undefined : getPath(values, contract.extraHostsPath);
    const extras = Array.isArray(extra) ? extra.filter((h): h is string => typeof h === "string" && h !== "" && h !== host) : [];
    return [host, ...extras];
}

/** The alias route's parent: the main route's from `fixedIn` on, the legacy pinned keys before it. */
function aliasParent(alias: AliasRoute, version: string, values: Values, main: ParentReference, fallback: { name: string; namespace: string }): ParentReference {
    if (compareSemver(version, alias.fixedIn) >= 0) {
        return main;
    }
    const legacy = alias.legacyParent;
    return {
        name: text(getPath(values, legacy.namePath)) ?? fallback.name,
        namespace: text(getPath(values, legacy.namespacePath)) ?? fallback.namespace,
        sectionName: text(getPath(values, legacy.sectionNamePath)) ?? legacy.sectionNameDefault,
    };
}

export function chartRoutes(plan: BlueprintPlan): HTTPRoute[] {
    const r = plan.definition.route;
    const values = plan.values;
    const host = text(getPath(values, r.hostPath));
    if (!routeRenders(r, values) || host === undefined || plan.parent === undefined) {
        return [];
    }
    // Every chart defaults its parentRef to the shared Gateway names; the program always sets them.
    const fallbackParent = plan.parent;
    const parentPath = r.parentRefPath;
    const main = parentFrom(getPath(values, `${parentPath}.name`), getPath(values, `${parentPath}.namespace`), getPath(values, `${parentPath}.sectionName`), fallbackParent);
    const routes = [route(plan, routeName(r.name, values, plan.releaseName), main, hostnamesOf(r, values, host))];
    const alias = r.aliasRoute;
    const aliasHost = alias?.hostFor(host);
    if (alias && aliasHost !== undefined && aliasRouteRenders(alias, host, values)) {
        routes.push(route(plan, aliasRouteName(alias, values), aliasParent(alias, plan.version, values, main, fallbackParent), [aliasHost]));
    }
    return routes;
}
