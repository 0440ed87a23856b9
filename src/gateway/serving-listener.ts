// Which listener actually serves a precise hostname. Gateway API wildcards match one or more labels, so
// several listeners can match; with listener isolation (GatewayHTTPListenerIsolation, supported by
// Cilium) the request goes to the most specific one: exact hostname, then the longest wildcard suffix,
// then a listener without hostname.

import type { Listener, ListenerProtocol } from "./api-types";

/** Whether a listener hostname (possibly `*.suffix`, possibly absent) matches a precise host. */
export function listenerHostnameMatches(listenerHostname: string | undefined, host: string): boolean {
    if (listenerHostname === undefined || listenerHostname === "") {
        return true;
    }
    if (listenerHostname.startsWith("*.")) {
        return host.endsWith(listenerHostname.slice(1)) && host.length > listenerHostname.length - 1;
    }
    return listenerHostname === host;
}

function specificity(listenerHostname: string | undefined): number {
    if (listenerHostname === undefined || listenerHostname === "") {
        return 0;
    }
    // Exact names outrank every wildcard; among wildcards the longer suffix is more specific.
    return listenerHostname.startsWith("*.") ? 1 + listenerHostname.length : 10_000;
}

/** The most specific listener of `protocol` that matches `host`, or undefined when none does. */
export function servingListener(listeners: readonly Listener[], host: string, protocol: ListenerProtocol): Listener | undefined {
    let best: Listener | undefined;
    for (const l of listeners) {
        if (l.protocol !== protocol || !listenerHostnameMatches(l.hostname, host)) {
            continue;
        }
        if (best === undefined || specificity(l.hostname) > specificity(best.hostname)) {
            best = l;
        }
    }
    return best;
}
