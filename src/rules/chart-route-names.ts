// The names bp-* charts give their HTTPRoutes, so the program's predicted routes (and every report and
// proof message built from them) carry the names `kubectl get httproute` shows, and whether a chart
// renders its alias route at all (config validation refuses pre-fix harbor only when it does).

import type { AliasRoute, RouteNameRule } from "../model/blueprint-catalog";
import { templateTruthy } from "../model/template-truthiness";
import { Values, getPath } from "./value-paths";

/** Helm's `trunc 63 | trimSuffix "-"` (trimSuffix removes one trailing "-"). */
function truncName(name: string): string {
    const cut = name.slice(0, 63);
    return cut.endsWith("-") ? cut.slice(0, -1) : cut;
}

function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The `helm create` fullname: `fullnameOverride`, else the release name when it already contains the
 * chart name (`nameOverride` or the chart's own), else `<release>-<chart>`.
 */
export function helmFullname(values: Values, release: string, chart: string): string {
    const override = text(values.fullnameOverride);
    if (override !== undefined) {
        return truncName(override);
    }
    const name = text(values.nameOverride) ?? chart;
    return truncName(release.includes(name) ? release : `${release}-${name}`);
}

/** The name a chart gives its route for these values and release. */
export function routeName(rule: RouteNameRule, values: Values, release: string): string {
    if (rule.kind === "value") {
        return text(getPath(values, rule.path)) ?? rule.fallback;
    }
    return `${helmFullname(values, release, rule.chart)}${rule.suffix}`;
}

/** bp-harbor's alias route name: `<fullnameOverride or "harbor">-alias-redirect`, whatever the release. */
export function aliasRouteName(alias: AliasRoute, values: Values): string {
    return `${truncName(text(getPath(values, alias.name.overridePath)) ?? alias.name.fallback)}${alias.name.suffix}`;
}

/** Whether the chart renders its alias route for this host and values (independent of the version). */
export function aliasRouteRenders(alias: AliasRoute, host: string, values: Values): boolean {
    const on = getPath(values, alias.enabledPath);
    // The chart defaults the switch to true; only an explicit falsy value turns it off.
    return alias.hostFor(host) !== undefined && (on === undefined || templateTruthy(on));
}
