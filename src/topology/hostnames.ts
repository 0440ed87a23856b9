// Hostname rules of Gateway API v1.6.1 (type `Hostname` in apis/v1/shared_types.go; the intersection rules and
// tables in site-src/concepts/hostnames.md) and the way Cilium computes the same intersection
// (cilium/cilium operator/pkg/model ComputeHosts, adapted from Envoy Gateway), which differs in one case.
//
// Wildcards: a hostname may start with one `*.` label, and that wildcard matches ONE OR MORE labels:
// `*.example.com` matches `a.example.com` and `a.b.example.com`, but not `example.com`. A TLS certificate
// wildcard (RFC 2818) covers exactly one label, so the two disagree below the first label; see
// `labelsBelowWildcard`.

import { isIP } from "node:net";

export type HostnameMode = "spec" | "cilium";

/** The CRD pattern of `Hostname` (PreciseHostname is the same without the optional `*.`). */
export const HOSTNAME_PATTERN = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_HOSTNAME_LENGTH = 253;

export function isWildcardHostname(hostname: string): boolean {
    return hostname.startsWith("*.");
}

/** An absent or empty listener hostname behaves like `*`: it matches every hostname. */
function isUnset(hostname: string | undefined): hostname is undefined | "" {
    return hostname === undefined || hostname === "";
}

/**
 * Why `hostname` is not a usable Gateway API hostname, or undefined when it is. Stricter than the CRD on
 * purpose: the CRD pattern accepts IP addresses such as `10.0.0.1`, but hostnames.md says IP addresses are
 * never valid hostnames (and calls the pattern's acceptance a known bug), so they are rejected here.
 */
export function hostnameProblem(hostname: string, options: { allowWildcard?: boolean } = {}): string | undefined {
    const allowWildcard = options.allowWildcard ?? true;
    if (hostname.length === 0) {
        return "is empty";
    }
    if (hostname.length > MAX_HOSTNAME_LENGTH) {
        return `is ${hostname.length} characters long; a hostname has at most ${MAX_HOSTNAME_LENGTH}`;
    }
    if (!HOSTNAME_PATTERN.test(hostname)) {
        return 'does not match the Hostname pattern (lowercase RFC 1123 labels, at most one leading "*." label, no trailing dot)';
    }
    if (!allowWildcard && isWildcardHostname(hostname)) {
        return "is a wildcard; a precise hostname is required here";
    }
    if (isIP(hostname) !== 0) {
        return "is an IP address; Gateway API hostnames are never IP addresses (the CRD pattern accepts them by mistake)";
    }
    return undefined;
}

export function isValidHostname(hostname: string, options: { allowWildcard?: boolean } = {}): boolean {
    return hostnameProblem(hostname, options) === undefined;
}

/**
 * Whether the wildcard `*.suffix` covers `name`, a precise hostname or another wildcard, in Gateway API terms:
 * one or more labels in place of the `*`. `*.example.com` covers `a.example.com`, `a.b.example.com`,
 * `*.b.example.com` and itself, but not `example.com`. The suffix keeps its leading dot, so matches always
 * end on a label boundary.
 */
export function wildcardCovers(wildcard: string, name: string): boolean {
    const suffix = wildcard.slice(1);
    return name.length > suffix.length && name.endsWith(suffix);
}

/** Gateway API intersection (hostnames.md): the hostname the data plane serves, or undefined when none. */
function intersectSpec(listenerHostname: string | undefined, routeHostname: string): string | undefined {
    if (isUnset(listenerHostname) || listenerHostname === routeHostname) {
        return routeHostname;
    }
    // Wildcards intersect whenever they overlap; the narrower side is what is served.
    if (isWildcardHostname(listenerHostname) && wildcardCovers(listenerHostname, routeHostname)) {
        return routeHostname;
    }
    if (isWildcardHostname(routeHostname) && wildcardCovers(routeHostname, listenerHostname)) {
        return listenerHostname;
    }
    return undefined;
}

/** Cilium's `hostnameMatchesWildcardHostname`: the wildcard's suffix plus at least one more character. */
function ciliumWildcardMatch(hostname: string, wildcardHostname: string): boolean {
    // Stryker disable next-line Regex: a wildcard hostname has its only "*" first, so anchoring the pattern changes nothing
    const suffix = wildcardHostname.replace(/^\*/, "");
    return hostname.endsWith(suffix) && hostname.length > suffix.length;
}

/**
 * Cilium's per-hostname `switch` in ComputeHosts, case for case. Once the listener is a wildcard its case is
 * taken even if its test fails, so the "route wildcard covers listener" case is never reached for a wildcard
 * listener: listener `*.example.com` with route `*.com` gives nothing (Cilium difference 1).
 */
function intersectCilium(listenerHostname: string | undefined, routeHostname: string): string | undefined {
    if (isUnset(listenerHostname) || listenerHostname === routeHostname) {
        return routeHostname;
    }
    if (listenerHostname.startsWith("*")) {
        return ciliumWildcardMatch(routeHostname, listenerHostname) ? routeHostname : undefined;
    }
    if (routeHostname.startsWith("*")) {
        return ciliumWildcardMatch(listenerHostname, routeHostname) ? listenerHostname : undefined;
    }
    return undefined;
}

/**
 * The intersected hostname of one listener hostname (absent, precise or `*.suffix`) and one route hostname
 * (precise or `*.suffix`), or undefined when they do not intersect. A listener wildcard matches one or more
 * labels. Modes differ only for a route wildcard broader than the listener wildcard: "spec" intersects them
 * as the listener hostname, "cilium" does not intersect them.
 */
export function intersectHostname(listenerHostname: string | undefined, routeHostname: string, mode: HostnameMode): string | undefined {
    return mode === "spec" ? intersectSpec(listenerHostname, routeHostname) : intersectCilium(listenerHostname, routeHostname);
}

/**
 * The intersected hostnames of a listener and a route's `hostnames` (ORed), deduplicated and sorted. A route
 * without hostnames takes the listener's hostname, or `*` when the listener has none. Empty means the route
 * cannot attach to this listener by hostname.
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[], mode: HostnameMode): string[] {
    if (routeHostnames.length === 0) {
        return [isUnset(listenerHostname) ? "*" : listenerHostname];
    }
    const hosts = new Set<string>();
    for (const routeHostname of routeHostnames) {
        const host = intersectHostname(listenerHostname, routeHostname, mode);
        if (host !== undefined) {
            hosts.add(host);
        }
    }
    return [...hosts].sort();
}

/**
 * Cilium's listener isolation (`checkHostNameIsolation`): a route hostname is taken away from a listener
 * when it equals another listener's hostname, or falls under another, longer wildcard listener.
 */
function ciliumIsolated(routeHostname: string, listenerHostname: string, otherListenerHostnames: readonly string[]): boolean {
    return otherListenerHostnames.some(
        (other) =>
            // Stryker disable next-line ConditionalExpression: a listener never isolates itself: its hostname is not a longer wildcard, and isolation skips a route equal to it
            other !== listenerHostname &&
            (routeHostname === other ||
                // Stryker disable next-line EqualityOperator: two different wildcards of equal length cannot both match one route
                (other.startsWith("*") && ciliumWildcardMatch(routeHostname, other) && other.length > listenerHostname.length)),
    );
}

/**
 * Cilium's ComputeHosts(routeHostnames, listenerHostname, otherListenerHosts), as its namespace check calls it
 * with every listener hostname of the parent: Cilium intersection plus listener isolation for hostname-less
 * and wildcard listeners. Not sorted or deduplicated, like the original; only emptiness matters to callers.
 */
export function ciliumComputeHosts(
    routeHostnames: readonly string[],
    listenerHostname: string | undefined,
    otherListenerHostnames: readonly string[],
): string[] {
    const listener = listenerHostname ?? "";
    if (routeHostnames.length === 0) {
        return [listener === "" ? "*" : listener];
    }
    const hosts: string[] = [];
    for (const routeHostname of routeHostnames) {
        const host = intersectCilium(listener, routeHostname);
        if (host === undefined) {
            continue;
        }
        const isolationApplies =
            listener === "" ||
            (listener.startsWith("*") &&
                // Stryker disable next-line ConditionalExpression: no other listener equals or, as a longer wildcard, matches a route equal to this wildcard
                listener !== routeHostname);
        if (isolationApplies && ciliumIsolated(routeHostname, listener, otherListenerHostnames)) {
            continue;
        }
        hosts.push(host);
    }
    return hosts;
}

/**
 * How many labels `name` (precise or wildcard) has in place of the `*` of `wildcard`: `a.b.example.com`
 * under `*.example.com` gives 2. A certificate for `wildcard` only covers names where this is 1 (RFC 2818).
 */
export function labelsBelowWildcard(name: string, wildcard: string): number {
    return name.split(".").length - wildcard.slice(2).split(".").length;
}
