// The names bp-* charts give their HTTPRoutes, so the program's predicted routes (and every report and
// proof message built from them) carry the names `kubectl get httproute` shows.

import type { AliasRoute, RouteNameRule } from "./catalog";
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
