// Which listener actually serves a precise hostname. Gateway API wildcards match one or more labels, so
// several listeners can match; with listener isolation (GatewayHTTPListenerIsolation, supported by
// Cilium) the request goes to the most specific one: exact hostname, then the longest wildcard suffix,
// then a listener without hostname.

import type { Listener, ListenerProtocol } from "../model/gateway-api";
import { isWildcardHostname, wildcardCovers } from "./hostnames";

/** Whether a listener hostname (possibly `*.suffix`, possibly absent) matches a precise host. */
export function listenerHostnameMatches(listenerHostname: string | undefined, host: string): boolean {
    if (listenerHostname === undefined || listenerHostname === "") {
        return true;
    }
    return isWildcardHostname(listenerHostname) ? wildcardCovers(listenerHostname, host) : listenerHostname === host;
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

/**
 * `servingListener` for many lookups over one large listener list (a console Gateway merged with a
 * ListenerSet per tenant): built once in O(listeners), each lookup costs O(labels of the host) instead of
 * a scan of every listener. Returns exactly what `servingListener(listeners, host, protocol)` returns:
 * the candidates are, per protocol, the first listener with the exact hostname, the first one per
 * wildcard suffix that matches the host, and the first one without hostname; the original rule (highest
 * specificity, earliest on a tie) then picks among them in their original order.
 */
export function servingListenerIndex(listeners: readonly Listener[]): (host: string, protocol: ListenerProtocol) => Listener | undefined {
    interface Bucket {
        exact: Map<string, number>;
        /** Keyed by the wildcard's suffix with its leading dot (`*.a.b` -> `.a.b`). */
        wildcard: Map<string, number>;
        unset?: number;
    }
    const buckets = new Map<ListenerProtocol, Bucket>();
    listeners.forEach((l, i) => {
        let b = buckets.get(l.protocol);
        if (b === undefined) {
            b = { exact: new Map(), wildcard: new Map() };
            buckets.set(l.protocol, b);
        }
        const h = l.hostname;
        if (h === undefined || h === "") {
            b.unset ??= i;
        } else if (h.startsWith("*.")) {
            const suffix = h.slice(1);
            if (!b.wildcard.has(suffix)) {
                b.wildcard.set(suffix, i);
            }
        } else if (!b.exact.has(h)) {
            b.exact.set(h, i);
        }
    });
    return (host, protocol) => {
        const b = buckets.get(protocol);
        if (b === undefined) {
            return undefined;
        }
        const candidates: number[] = [];
        const exact = b.exact.get(host);
        if (exact !== undefined) {
            candidates.push(exact);
        }
        // A wildcard `*.s` matches when the host ends with `.s` and is longer: `.s` starts at a dot after position 0.
        // Stryker disable next-line StringLiteral,EqualityOperator: indexOf never returns 0 here, and a suffix is only found when it starts with "."
        for (let dot = host.indexOf(".", 1); dot > 0; dot = host.indexOf(".", dot + 1)) {
            const i = b.wildcard.get(host.slice(dot));
            if (i !== undefined) {
                candidates.push(i);
            }
        }
        if (b.unset !== undefined) {
            candidates.push(b.unset);
        }
        // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: candidates never tie (one exact, wildcards of distinct lengths, one unset), so their order cannot change the pick
        return servingListener(candidates.sort((x, y) => x - y).map((i) => listeners[i]), host, protocol);
    };
}
