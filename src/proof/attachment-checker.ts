// Offline HTTPRoute attachment checker: given Gateways, ListenerSets, HTTPRoutes and namespace labels, say for
// every parentRef what the route's `status.parents[].conditions[Accepted]` would be, which listeners it attaches
// to, and what `status.listeners[].attachedRoutes` each listener would report. Two modes:
// - "spec": Gateway API v1.6.1, in the order its ParentReference and Listener docs give (docs/attachment.md);
// - "cilium" (default): Cilium's route checks in Cilium's order, with its three differences from the spec
//   (listed in docs/attachment.md).
// Both are always computed, so every parentRef on which they disagree carries `ciliumDifference`. In Cilium
// mode the attachment set of an accepted parentRef models what the data plane programs (every per-listener rule,
// with Cilium's hostname intersection); Cilium's translator itself is not reproduced.
// Pure: no Pulumi, no I/O.

import {
    GATEWAY_API_GROUP,
    Gateway,
    HTTPRoute,
    LabelSelector,
    Listener,
    ListenerProtocol,
    ListenerSet,
    gatewayKey,
    NamespaceInfo,
} from "../model/gateway-api";
import { HostnameMode, ciliumComputeHosts, hostnameProblem, intersectHostname, intersectHostnames, isWildcardHostname, labelsBelowWildcard } from "../topology/hostnames";
import { servingListenerIndex } from "../topology/serving-listener";
import { compareCodeUnits } from "../rules/code-unit-order";

export type CheckMode = HostnameMode;

export interface AttachmentInput {
    gateways: readonly Gateway[];
    listenerSets?: readonly ListenerSet[];
    routes: readonly HTTPRoute[];
    /** Labels for `allowedRoutes`/`allowedListeners` Selectors; a namespace not listed has only `kubernetes.io/metadata.name`. */
    namespaces?: readonly NamespaceInfo[];
    /** Defaults to "cilium". */
    mode?: CheckMode;
}

/**
 * Upstream Accepted reasons (apis/v1/shared_types.go), plus Cilium's non-standard `InvalidHTTPRoute` for a
 * parent that does not exist. `Pending` (Accepted=Unknown) marks a parentRef this checker does not evaluate.
 */
export type AcceptedReason = "Accepted" | "NoMatchingParent" | "NoMatchingListenerHostname" | "NotAllowedByListeners" | "Pending" | "InvalidHTTPRoute";

export type ConditionStatus = "True" | "False" | "Unknown";

/** A parentRef with the CRD defaults applied (group, kind, namespace = the route's). */
export interface DefaultedParentRef {
    group: string;
    kind: string;
    namespace: string;
    name: string;
    sectionName?: string;
    port?: number;
}

export interface ParentRefStatus {
    route: { namespace: string; name: string };
    parentRefIndex: number;
    parentRef: DefaultedParentRef;
    /** `namespace/name` of the Gateway whose listeners are involved (a ListenerSet's parent); "" when unknown. */
    gateway: string;
    /** `namespace/name` of the ListenerSet when the parentRef names one. */
    listenerSet?: string;
    /** Listener names of the parent selected by sectionName and port (the spec's "relevant" listeners). */
    relevantListeners: string[];
    /** Listener names the route is attached to through this parentRef, in the report's mode. */
    attachedListeners: string[];
    status: ConditionStatus;
    accepted: boolean;
    reason: AcceptedReason;
    message: string;
    warnings: string[];
    /** Set whenever spec mode and Cilium mode disagree on this parentRef: names the difference. */
    ciliumDifference?: string;
}

export interface ListenerAttachment {
    gateway: string;
    listenerSet?: string;
    listener: string;
    protocol: ListenerProtocol;
    port: number;
    hostname?: string;
    /** False for listeners of a ListenerSet that its Gateway does not accept: they are never programmed. */
    active: boolean;
    /** What `status.listeners[].attachedRoutes` would say: routes Accepted through a parentRef attached here. */
    attachedRoutes: number;
    routes: string[];
}

/** Which listener actually receives requests for one hostname of a route (listener isolation). */
export interface HostServing {
    hostname: string;
    gateway: string;
    listenerSet?: string;
    listener: string;
    protocol: ListenerProtocol;
    port: number;
    /** False when a more specific listener the route is not attached to captures this hostname. */
    attached: boolean;
}

export interface RouteReport {
    route: string;
    hostnames: string[];
    serving: HostServing[];
    warnings: string[];
}

export interface AttachmentReport {
    mode: CheckMode;
    parents: ParentRefStatus[];
    listeners: ListenerAttachment[];
    routes: RouteReport[];
}

const ROUTE_KIND = "HTTPRoute";
const METADATA_NAME_LABEL = "kubernetes.io/metadata.name";
const ACCEPTED_MESSAGE = `Accepted ${ROUTE_KIND}`;
// Route kinds each protocol supports when `allowedRoutes.kinds` is empty (gateway_types.go, AllowedRoutes).
const PROTOCOL_KINDS: Record<ListenerProtocol, readonly string[]> = {
    HTTP: ["HTTPRoute", "GRPCRoute"],
    HTTPS: ["HTTPRoute", "GRPCRoute"],
    // Stryker disable next-line StringLiteral,ArrayDeclaration: only HTTPRoute is ever looked up, which no TLS, TCP or UDP listener supports
    TLS: ["TLSRoute"],
    // Stryker disable next-line StringLiteral,ArrayDeclaration: only HTTPRoute is ever looked up
    TCP: ["TCPRoute"],
    // Stryker disable next-line StringLiteral,ArrayDeclaration: only HTTPRoute is ever looked up
    UDP: ["UDPRoute"],
};
// HTTPRouteInput.GetValidProtocols in cilium operator/pkg/gateway-api/routechecks/httproute.go.
const CILIUM_HTTPROUTE_PROTOCOLS: readonly ListenerProtocol[] = ["HTTP", "HTTPS"];

// ---------------------------------------------------------------------------------------------------------
// Input model: listeners grouped by the resource that declares them.

interface Owner {
    kind: "Gateway" | "ListenerSet";
    namespace: string;
    name: string;
    /** Key of the Gateway these listeners are programmed on ("" when a ListenerSet's Gateway is missing). */
    gateway: string;
    listeners: Listener[];
    /** Always true for a Gateway; for a ListenerSet, whether its Gateway exists and allows it. */
    active: boolean;
    inactiveWhy?: string;
}

interface OwnedListener {
    owner: Owner;
    listener: Listener;
}

interface Model {
    gateways: Map<string, Owner>;
    listenerSets: Map<string, Owner>;
    /** Per Gateway key: its own listeners, then those of the ListenerSets it accepts (GEP-1713 merge order). */
    merged: Map<string, OwnedListener[]>;
    byListener: Map<Listener, OwnedListener>;
    labels: (namespace: string) => Record<string, string>;
    /** The serving listener of a precise host among one Gateway's merged listeners on one port (memoized). */
    serving: (gateway: string, port: number) => (host: string, protocol: ListenerProtocol) => Listener | undefined;
}

/** The CRD default `allowedRoutes: {namespaces: {from: Same}}`, applied because Cilium's code assumes it. */
function withDefaults(listener: Listener): Listener {
    const namespaces = listener.allowedRoutes?.namespaces;
    return {
        ...listener,
        allowedRoutes: { ...listener.allowedRoutes, namespaces: { ...namespaces, from: namespaces?.from ?? "Same" } },
    };
}

function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
    // A missing selector selects nothing (metav1.LabelSelectorAsSelector(nil)); an empty one selects everything.
    if (selector === undefined) {
        return false;
    }
    const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
    const byExpressions = (selector.matchExpressions ?? []).every((expr) => {
        const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
        // Stryker disable next-line ArrayDeclaration: In/NotIn without values match no label value either way
        const values = expr.values ?? [];
        switch (expr.operator) {
            case "In":
                return has && values.includes(labels[expr.key]);
            case "NotIn":
                return !has || !values.includes(labels[expr.key]);
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
        }
        return false;
    });
    return byLabels && byExpressions;
}

function namespaceLabels(namespaces: readonly NamespaceInfo[]): (namespace: string) => Record<string, string> {
    const known = new Map(namespaces.map((ns) => [ns.name, ns.labels]));
    // The API server always sets kubernetes.io/metadata.name, so selectors may rely on it.
    return (namespace) => ({ ...known.get(namespace), [METADATA_NAME_LABEL]: namespace });
}

function listenerSetAllowed(gateway: Gateway, listenerSet: ListenerSet, labels: Model["labels"]): string | undefined {
    const allowed = gateway.spec.allowedListeners?.namespaces;
    const from = allowed?.from ?? "None";
    const lsNamespace = listenerSet.metadata.namespace ?? "default";
    const gwNamespace = gateway.metadata.namespace ?? "default";
    const ok =
        from === "All" ||
        (from === "Same" && lsNamespace === gwNamespace) ||
        // Stryker disable next-line OptionalChaining: from is only "Selector" when allowed is set
        (from === "Selector" && selectorMatches(allowed?.selector, labels(lsNamespace)));
    return ok ? undefined : `its Gateway ${gatewayKey(gwNamespace, gateway.metadata.name)} does not allow it (allowedListeners.namespaces.from: ${from})`;
}

function buildModel(input: AttachmentInput): Model {
    // Stryker disable next-line ArrayDeclaration: a bogus entry names no namespace
    const labels = namespaceLabels(input.namespaces ?? []);
    const gateways = new Map<string, Owner>();
    const gatewayObjects = new Map<string, Gateway>();
    for (const gw of input.gateways) {
        const namespace = gw.metadata.namespace ?? "default";
        const key = gatewayKey(namespace, gw.metadata.name);
        if (!gateways.has(key)) {
            gatewayObjects.set(key, gw);
            const listeners = gw.spec.listeners.map(withDefaults);
            gateways.set(key, { kind: "Gateway", namespace, name: gw.metadata.name, gateway: key, listeners, active: true });
        }
    }
    const listenerSets = new Map<string, Owner>();
    for (const ls of input.listenerSets ?? []) {
        const namespace = ls.metadata.namespace ?? "default";
        const key = gatewayKey(namespace, ls.metadata.name);
        const ref = ls.spec.parentRef;
        const isGatewayRef = (ref.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && (ref.kind ?? "Gateway") === "Gateway";
        const gwKey = gatewayKey(ref.namespace ?? namespace, ref.name);
        const gw = isGatewayRef ? gatewayObjects.get(gwKey) : undefined;
        const inactiveWhy = gw === undefined ? `its parent Gateway ${gwKey} is not in the input` : listenerSetAllowed(gw, ls, labels);
        if (!listenerSets.has(key)) {
            listenerSets.set(key, {
                kind: "ListenerSet",
                namespace,
                name: ls.metadata.name,
                gateway: gw === undefined ? "" : gwKey,
                listeners: ls.spec.listeners.map(withDefaults),
                active: inactiveWhy === undefined,
                // Stryker disable next-line ConditionalExpression: inactiveWhy is only read when the owner is inactive
                ...(inactiveWhy === undefined ? {} : { inactiveWhy }),
            });
        }
    }
    const merged = new Map<string, OwnedListener[]>();
    const byListener = new Map<Listener, OwnedListener>();
    const own = (owner: Owner) => owner.listeners.map((listener) => ({ owner, listener }));
    for (const [key, gw] of gateways) {
        // GEP-1713 merge precedence: the Gateway, then ListenerSets (no creationTimestamp here, so by ns/name).
        const sets = [...listenerSets.entries()]
            .filter(([, ls]) => ls.active && ls.gateway === key)
            .sort(([a], [b]) => compareCodeUnits(a, b))
            .map(([, ls]) => ls);
        merged.set(key, [gw, ...sets].flatMap(own));
    }
    for (const owner of [...gateways.values(), ...listenerSets.values()]) {
        for (const owned of own(owner)) {
            byListener.set(owned.listener, owned);
        }
    }
    // Built once per (Gateway, port) and shared by every route: a per-route scan of the merged listeners
    // (one ListenerSet per tenant) made the proof quadratic in the number of tenants.
    const servingIndexes = new Map<string, ReturnType<typeof servingListenerIndex>>();
    const serving = (gateway: string, port: number) => {
        const key = `${gateway} ${port}`;
        let index = servingIndexes.get(key);
        // Stryker disable next-line ConditionalExpression: memoization only; a rebuilt index answers the same
        if (index === undefined) {
            // Stryker disable next-line ArrayDeclaration: serving is only asked for active owners, whose Gateway is in merged
            index = servingListenerIndex((merged.get(gateway) ?? []).filter((o) => o.listener.port === port).map((o) => o.listener));
            servingIndexes.set(key, index);
        }
        return index;
    };
    return { gateways, listenerSets, merged, byListener, labels, serving };
}

// ---------------------------------------------------------------------------------------------------------
// Per-listener predicates shared by both modes.

interface RouteContext {
    namespace: string;
    name: string;
    hostnames: readonly string[];
}

function defaultParentRef(ref: NonNullable<HTTPRoute["spec"]["parentRefs"]>[number], routeNamespace: string): DefaultedParentRef {
    return {
        group: ref.group ?? GATEWAY_API_GROUP,
        kind: ref.kind ?? "Gateway",
        namespace: ref.namespace ?? routeNamespace,
        name: ref.name,
        ...(ref.sectionName === undefined ? {} : { sectionName: ref.sectionName }),
        ...(ref.port === undefined ? {} : { port: ref.port }),
    };
}

function matchesSectionAndPort(listener: Listener, ref: DefaultedParentRef): boolean {
    return (ref.sectionName === undefined || listener.name === ref.sectionName) && (ref.port === undefined || listener.port === ref.port);
}

/** Explicit kinds count only where the protocol supports them (unsupported ones are InvalidRouteKinds). */
function acceptsHTTPRoute(listener: Listener): boolean {
    // Stryker disable next-line ArrayDeclaration: an unknown protocol supports no HTTPRoute either way
    const supported = PROTOCOL_KINDS[listener.protocol] ?? [];
    // Stryker disable next-line OptionalChaining: withDefaults gives every listener allowedRoutes with namespaces.from
    const explicit = listener.allowedRoutes?.kinds ?? [];
    if (explicit.length === 0) {
        return supported.includes(ROUTE_KIND);
    }
    return explicit.some((k) => (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && k.kind === ROUTE_KIND && supported.includes(k.kind));
}

function allowsNamespace(listener: Listener, owner: Owner, route: RouteContext, model: Model): boolean {
    // Stryker disable next-line OptionalChaining: withDefaults gives every listener allowedRoutes with namespaces.from
    const namespaces = listener.allowedRoutes?.namespaces;
    // Stryker disable next-line OptionalChaining,StringLiteral: withDefaults gives every listener allowedRoutes with namespaces.from
    switch (namespaces?.from ?? "Same") {
        case "All":
            return true;
        case "Same":
            return route.namespace === owner.namespace;
        case "Selector":
            // Stryker disable next-line OptionalChaining: withDefaults gives every listener allowedRoutes with namespaces.from
            return selectorMatches(namespaces?.selector, model.labels(route.namespace));
    }
    return false;
}

function intersects(listener: Listener, route: RouteContext, mode: HostnameMode): boolean {
    return intersectHostnames(listener.hostname, route.hostnames, mode).length > 0;
}

/** The listeners a parentRef attaches to: relevant, kind, namespace and hostname all satisfied. */
function attachmentSet(owner: Owner, ref: DefaultedParentRef, route: RouteContext, model: Model, mode: HostnameMode): Listener[] {
    return owner.listeners.filter(
        (l) => matchesSectionAndPort(l, ref) && acceptsHTTPRoute(l) && allowsNamespace(l, owner, route, model) && intersects(l, route, mode),
    );
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation.

interface Evaluation {
    status: ConditionStatus;
    reason: AcceptedReason;
    message: string;
    attached: Listener[];
}

type CiliumCheck = "protocol" | "routeKind" | "ports" | "hostnames" | "section" | "namespace";

interface CiliumEvaluation extends Evaluation {
    failedCheck?: CiliumCheck;
    /** Check 6 found no candidate listener and left the initial Accepted=True in place (difference 2). */
    noCandidate: boolean;
    /** Check 6 stopped at a Selector listener that does not select the route's namespace. */
    selectorShortCircuit: boolean;
    /** The listener whose explicit kinds made check 2 fail. */
    kindBlocker?: string;
}

const accepted = (attached: Listener[]): Evaluation => ({ status: "True", reason: "Accepted", message: ACCEPTED_MESSAGE, attached });
const rejected = (reason: AcceptedReason, message: string): Evaluation => ({ status: "False", reason, message, attached: [] });

function noMatchingParentMessage(owner: Owner, ref: DefaultedParentRef): string {
    const hasSection = ref.sectionName === undefined || owner.listeners.some((l) => l.name === ref.sectionName);
    const hasPort = ref.port === undefined || owner.listeners.some((l) => l.port === ref.port);
    if (!hasSection) {
        return `No matching listener with sectionName ${ref.sectionName}`;
    }
    if (!hasPort) {
        return `No matching listener with port ${ref.port}`;
    }
    return `No matching listener with sectionName ${ref.sectionName} and port ${ref.port}`;
}

const kindMessage = (owner: Owner) => `${ROUTE_KIND} is not allowed to attach to this ${owner.kind} due to route kind restrictions`;
const namespaceMessage = (owner: Owner) => `${ROUTE_KIND} is not allowed to attach to this ${owner.kind} due to namespace restrictions`;
const HOSTNAME_MESSAGE = "No matching listener hostname";

/** Gateway API v1.6.1, in its order: sectionName/port, kind, namespace, hostname. */
function evaluateSpec(owner: Owner, ref: DefaultedParentRef, route: RouteContext, model: Model): Evaluation {
    const relevant = owner.listeners.filter((l) => matchesSectionAndPort(l, ref));
    if (relevant.length === 0) {
        return rejected("NoMatchingParent", noMatchingParentMessage(owner, ref));
    }
    const byKind = relevant.filter(acceptsHTTPRoute);
    if (byKind.length === 0) {
        return rejected("NotAllowedByListeners", kindMessage(owner));
    }
    const byNamespace = byKind.filter((l) => allowsNamespace(l, owner, route, model));
    if (byNamespace.length === 0) {
        return rejected("NotAllowedByListeners", namespaceMessage(owner));
    }
    const byHostname = byNamespace.filter((l) => intersects(l, route, "spec"));
    if (byHostname.length === 0) {
        return rejected("NoMatchingListenerHostname", HOSTNAME_MESSAGE);
    }
    return accepted(byHostname);
}

function ciliumRejected(check: CiliumCheck, reason: AcceptedReason, message: string, extra: Partial<CiliumEvaluation> = {}): CiliumEvaluation {
    return { ...rejected(reason, message), failedCheck: check, noCandidate: false, selectorShortCircuit: false, ...extra };
}

const listsHTTPRoute = (l: Listener) =>
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: only called for listeners with explicit kinds
    (l.allowedRoutes?.kinds ?? []).some((k) => (k.group === undefined || k.group === GATEWAY_API_GROUP) && k.kind === ROUTE_KIND);
// Stryker disable next-line OptionalChaining: withDefaults gives every listener allowedRoutes with namespaces.from
const hasExplicitKinds = (l: Listener) => (l.allowedRoutes?.kinds ?? []).length > 0;

/**
 * Check 2. For a Gateway (CheckGatewayRouteKindAllowed) every listener with explicit kinds must list
 * HTTPRoute, whatever the sectionName (difference 3). For a ListenerSet (CheckListenerSetRouteKindAllowed)
 * the listeners are filtered by sectionName and port, and one with explicit kinds listing HTTPRoute suffices.
 */
function ciliumKindBlocker(owner: Owner, ref: DefaultedParentRef): string | undefined {
    if (owner.kind === "Gateway") {
        return owner.listeners.find((l) => hasExplicitKinds(l) && !listsHTTPRoute(l))?.name;
    }
    const restricted = owner.listeners.filter((l) => matchesSectionAndPort(l, ref) && hasExplicitKinds(l));
    return restricted.length > 0 && !restricted.some(listsHTTPRoute) ? restricted[0].name : undefined;
}

/** Check 6 (CheckGatewayAllowedForNamespace / CheckListenerSetAllowedForNamespace), as of Cilium's 2026 main. */
function ciliumNamespaceCheck(owner: Owner, ref: DefaultedParentRef, route: RouteContext, model: Model): CiliumEvaluation | "allowed" {
    // Stryker disable next-line ArrayDeclaration: a bogus entry equals no route hostname and is no wildcard
    const allHostnames = owner.listeners.flatMap((l) => (l.hostname ? [l.hostname] : []));
    let hasRestriction = false;
    for (const l of owner.listeners) {
        if (!matchesSectionAndPort(l, ref)) {
            continue;
        }
        if (l.hostname && ciliumComputeHosts(route.hostnames, l.hostname, allHostnames).length === 0) {
            continue;
        }
        hasRestriction = true;
        // Stryker disable next-line OptionalChaining: withDefaults gives every listener allowedRoutes with namespaces.from
        const namespaces = l.allowedRoutes?.namespaces;
        // Stryker disable next-line OptionalChaining,StringLiteral: withDefaults gives every listener allowedRoutes with namespaces.from
        const from = namespaces?.from ?? "Same";
        if (from === "All" || (from === "Same" && route.namespace === owner.namespace)) {
            return "allowed";
        }
        if (from === "Selector") {
            // Stryker disable next-line OptionalChaining: withDefaults gives every listener allowedRoutes with namespaces.from
            if (selectorMatches(namespaces?.selector, model.labels(route.namespace))) {
                return "allowed";
            }
            // The Gateway variant gives up at the first Selector that does not match; the ListenerSet one goes on.
            if (owner.kind === "Gateway") {
                return ciliumRejected(
                    // Stryker disable next-line StringLiteral: failedCheck is only compared with "routeKind" and "hostnames"
                    "namespace",
                    "NotAllowedByListeners",
                    `${ROUTE_KIND} is not allowed to attach to this Gateway due to namespace selector restrictions`,
                    { selectorShortCircuit: true },
                );
            }
        }
    }
    if (hasRestriction) {
        return ciliumRejected("namespace", "NotAllowedByListeners", namespaceMessage(owner));
    }
    // No candidate: the check returns without a condition, so the initial Accepted=True stays (difference 2).
    return { ...accepted([]), noCandidate: true, selectorShortCircuit: false };
}

/** Cilium's route checks in its order; the first failure wins. */
function evaluateCilium(owner: Owner, ref: DefaultedParentRef, route: RouteContext, model: Model): CiliumEvaluation {
    const all = owner.listeners;
    if (!all.some((l) => CILIUM_HTTPROUTE_PROTOCOLS.includes(l.protocol))) {
        const allowed = CILIUM_HTTPROUTE_PROTOCOLS.join(" ");
        return ciliumRejected("protocol", "NotAllowedByListeners", `No Listener with matching Protocol. Allowed protocols: [${allowed}]`);
    }
    const kindBlocker = ciliumKindBlocker(owner, ref);
    if (kindBlocker !== undefined) {
        return ciliumRejected("routeKind", "NotAllowedByListeners", kindMessage(owner), { kindBlocker });
    }
    if (ref.port !== undefined && !all.some((l) => l.port === ref.port)) {
        return ciliumRejected("ports", "NoMatchingParent", `No matching listener with port ${ref.port}`);
    }
    // Difference 2: the hostname check looks at every listener, whatever the sectionName and port.
    // Stryker disable next-line ArrayDeclaration: a bogus other-listener entry equals no route hostname and is no wildcard
    if (!all.some((l) => ciliumComputeHosts(route.hostnames, l.hostname, []).length > 0)) {
        return ciliumRejected("hostnames", "NoMatchingListenerHostname", HOSTNAME_MESSAGE);
    }
    if (ref.sectionName !== undefined && !all.some((l) => l.name === ref.sectionName)) {
        return ciliumRejected("section", "NoMatchingParent", `No matching listener with sectionName ${ref.sectionName}`);
    }
    const namespace = ciliumNamespaceCheck(owner, ref, route, model);
    if (namespace !== "allowed") {
        return namespace;
    }
    // What the data plane gets: the listeners that pass every per-listener rule, with Cilium's intersection.
    // Stryker disable next-line StringLiteral: every mode but "spec" intersects the Cilium way
    return { ...accepted(attachmentSet(owner, ref, route, model, "cilium")), noCandidate: false, selectorShortCircuit: false };
}

// ---------------------------------------------------------------------------------------------------------
// Naming the Cilium difference.

const names = (ls: readonly Listener[]) => ls.map((l) => l.name);
const sameListeners = (a: readonly Listener[], b: readonly Listener[]) => names(a).join("\n") === names(b).join("\n");
const describe = (e: Evaluation) => (e.status === "True" ? `Accepted (listeners: ${names(e.attached).join(", ") || "none"})` : `${e.reason} ("${e.message}")`);

/** (listener hostname, route hostname) pairs the spec intersects and Cilium does not (difference 1). */
function wildcardPairs(listeners: readonly Listener[], route: RouteContext): [string, string][] {
    const pairs: [string, string][] = [];
    for (const l of listeners) {
        for (const h of route.hostnames) {
            if (intersectHostname(l.hostname, h, "spec") !== undefined && intersectHostname(l.hostname, h, "cilium") === undefined) {
                // Stryker disable next-line StringLiteral: a listener without hostname intersects in both modes, so it is never in a pair
                pairs.push([l.hostname ?? "", h]);
            }
        }
    }
    return pairs;
}

function difference1(pairs: [string, string][], spec: Evaluation, cilium: Evaluation): string {
    const [listener, routeHost] = pairs[0];
    return (
        `Cilium difference 1 (wildcard vs wildcard): the spec intersects listener hostname ${listener} with the broader route ` +
        `wildcard ${routeHost} as ${listener}, but Cilium's listener-wildcard case wins even when its test fails, so they do not ` +
        `intersect; Cilium: ${describe(cilium)}, spec: ${describe(spec)}.`
    );
}

function explainDifference(owner: Owner, route: RouteContext, spec: Evaluation, cilium: CiliumEvaluation): string | undefined {
    if (spec.status === cilium.status && spec.reason === cilium.reason && sameListeners(spec.attached, cilium.attached)) {
        return undefined;
    }
    const pairs = wildcardPairs(owner.listeners, route);
    if (cilium.failedCheck === "routeKind") {
        return owner.kind === "Gateway"
            ? `Cilium difference 3 (route kinds across all listeners): Cilium's route-kind check rejects the route because listener ` +
                  `${cilium.kindBlocker} lists allowedRoutes.kinds without HTTPRoute, although sectionName/port do not select it; ` +
                  `the spec only looks at the relevant listeners: ${describe(spec)}.`
            : `Cilium difference 3 (route kinds): Cilium's ListenerSet route-kind check only looks at listeners with explicit ` +
                  `allowedRoutes.kinds (${cilium.kindBlocker}) and rejects when none lists HTTPRoute, ignoring listeners that accept ` +
                  `HTTPRoute by protocol; spec: ${describe(spec)}.`;
    }
    if (cilium.failedCheck === "hostnames" && pairs.length > 0) {
        return difference1(pairs, spec, cilium);
    }
    if (cilium.selectorShortCircuit) {
        return (
            `Cilium's namespace check stops at the first selected listener whose Selector does not match namespace ` +
            `${route.namespace} and rejects, without trying later listeners; spec: ${describe(spec)}.`
        );
    }
    if (cilium.noCandidate) {
        const isolation = spec.status === "True" ? " (Cilium's listener isolation also removes hostnames that a more specific listener claims)" : "";
        return (
            `Cilium difference 2 (hostname check ignores sectionName and port): the hostname check passed on another listener, and ` +
            `the namespace check found no candidate among the selected listeners${isolation}, so Cilium leaves Accepted=True while ` +
            `the route is attached to no listener; spec: ${describe(spec)}.`
        );
    }
    if (cilium.status === "True" && spec.status === "False" && spec.reason === "NotAllowedByListeners") {
        return (
            `Cilium difference 3 (protocol and route kinds across all listeners): Cilium's protocol and route-kind checks look at ` +
            `every listener of the ${owner.kind}, ignoring sectionName and port, so it accepts the route although no relevant ` +
            `listener takes an HTTPRoute; it is attached to ${names(cilium.attached).join(", ") || "no listener"}; spec: ${describe(spec)}.`
        );
    }
    if (pairs.length > 0) {
        return difference1(pairs, spec, cilium);
    }
    return (
        `Cilium's check order (protocol, route kind, ports, hostnames, sectionName, namespace) gives ${describe(cilium)} ` +
        `where the spec's order gives ${describe(spec)}.`
    );
}

// ---------------------------------------------------------------------------------------------------------
// Per parentRef.

interface ParentResult {
    status: ParentRefStatus;
    /** Listeners actually attached in the report's mode (only when Accepted=True). */
    attached: Listener[];
}

function resolveOwner(ref: DefaultedParentRef, model: Model): Owner | undefined {
    const key = gatewayKey(ref.namespace, ref.name);
    return ref.kind === "Gateway" ? model.gateways.get(key) : model.listenerSets.get(key);
}

/** A parentRef that is not evaluated against listeners (unsupported kind, missing parent). */
type StatusBase = Pick<ParentRefStatus, "route" | "parentRefIndex" | "parentRef" | "gateway" | "listenerSet">;

function unevaluated(base: StatusBase, status: ConditionStatus, reason: AcceptedReason, message: string): ParentResult {
    return { status: { ...base, relevantListeners: [], attachedListeners: [], status, accepted: false, reason, message, warnings: [] }, attached: [] };
}

function checkParentRef(route: RouteContext, index: number, ref: DefaultedParentRef, model: Model, mode: CheckMode): ParentResult {
    const key = gatewayKey(ref.namespace, ref.name);
    const base = {
        route: { namespace: route.namespace, name: route.name },
        parentRefIndex: index,
        parentRef: ref,
        ...(ref.kind === "ListenerSet" ? { listenerSet: key } : {}),
    };
    if (ref.group !== GATEWAY_API_GROUP || (ref.kind !== "Gateway" && ref.kind !== "ListenerSet")) {
        const message = `parentRef ${ref.kind} ${key} (group "${ref.group}") is not a Gateway or ListenerSet; this checker does not evaluate it`;
        return unevaluated({ ...base, gateway: "" }, "Unknown", "Pending", message);
    }
    const owner = resolveOwner(ref, model);
    if (owner === undefined) {
        // Upstream leaves a missing parent unspecified; Cilium reports "Invalid" + route kind.
        const message =
            `${ref.kind} ${key} not found. InvalidHTTPRoute is Cilium's non-standard reason ("Invalid" + route kind); ` +
            `Gateway API does not specify a reason for a missing parent.`;
        return unevaluated({ ...base, gateway: ref.kind === "Gateway" ? key : "" }, "False", "InvalidHTTPRoute", message);
    }
    const spec = evaluateSpec(owner, ref, route, model);
    const cilium = evaluateCilium(owner, ref, route, model);
    const chosen: Evaluation = mode === "spec" ? spec : cilium;
    const ciliumDifference = explainDifference(owner, route, spec, cilium);
    const warnings: string[] = [];
    let attached = chosen.attached;
    if (chosen.status === "True" && !owner.active) {
        warnings.push(`ListenerSet ${key} is not attached: ${owner.inactiveWhy}; its listeners are not programmed, so this parentRef serves nothing`);
        attached = [];
    }
    if (chosen.status === "True" && attached.length === 0) {
        warnings.push("Accepted=True but attached to no listener: the route serves nothing through this parentRef");
    }
    if (ref.port !== undefined) {
        warnings.push(
            "parentRefs[].port is unsupported on Cilium (HTTPRouteParentRefPort is listed unsupported in Cilium v1.20.0's " +
                "conformance report); use sectionName or hostnames instead",
        );
    }
    return {
        status: {
            ...base,
            gateway: owner.gateway,
            relevantListeners: names(owner.listeners.filter((l) => matchesSectionAndPort(l, ref))),
            attachedListeners: names(attached),
            status: chosen.status,
            accepted: chosen.status === "True",
            reason: chosen.reason,
            message: chosen.message,
            warnings,
            ...(ciliumDifference === undefined ? {} : { ciliumDifference }),
        },
        attached,
    };
}

// ---------------------------------------------------------------------------------------------------------
// Per route: which listener serves each hostname, and the warnings that follow from it.

/** A HostServing plus the listener object behind it, for the warnings. */
interface Served {
    entry: HostServing;
    listener: Listener;
}

function servingEntry(owned: OwnedListener, hostname: string, attached: ReadonlySet<Listener>): Served {
    const entry: HostServing = {
        hostname,
        gateway: owned.owner.gateway,
        ...(owned.owner.kind === "ListenerSet" ? { listenerSet: gatewayKey(owned.owner.namespace, owned.owner.name) } : {}),
        listener: owned.listener.name,
        protocol: owned.listener.protocol,
        port: owned.listener.port,
        attached: attached.has(owned.listener),
    };
    return { entry, listener: owned.listener };
}

/**
 * For each attached HTTP/HTTPS listener and each hostname it intersects: a precise hostname is served by the most
 * specific listener on that port and protocol across the merged Gateway (exact, then longest wildcard suffix,
 * then no hostname), which may not be one the route attaches to; a wildcard one by the listener itself.
 */
function servingFor(route: RouteContext, attached: readonly Listener[], model: Model, mode: CheckMode): Served[] {
    const attachedSet = new Set(attached);
    const served = new Map<string, Served>();
    for (const listener of attached) {
        const owned = model.byListener.get(listener);
        // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: attached listeners all accept HTTPRoute (so are HTTP/HTTPS) and are all in byListener
        if (owned === undefined || (listener.protocol !== "HTTP" && listener.protocol !== "HTTPS")) {
            continue;
        }
        const serving = model.serving(owned.owner.gateway, listener.port);
        for (const hostname of intersectHostnames(listener.hostname, route.hostnames, mode)) {
            const precise = hostname !== "*" && !isWildcardHostname(hostname);
            const winner = precise ? serving(hostname, listener.protocol) : undefined;
            const s = servingEntry((winner && model.byListener.get(winner)) || owned, hostname, attachedSet);
            served.set(`${s.entry.gateway} ${s.entry.port} ${s.entry.protocol} ${hostname}`, s);
        }
    }
    return [...served.values()];
}

function servingWarnings(route: RouteContext, served: readonly Served[]): string[] {
    const warnings: string[] = [];
    for (const { entry: s, listener } of served) {
        if (!s.attached) {
            warnings.push(
                `hostname ${s.hostname} on ${s.protocol} port ${s.port} is captured by the more specific listener ${s.listener}, to which ` +
                    `the route is not attached: with listener isolation those requests never reach this route`,
            );
            continue;
        }
        const wildcard = listener.hostname;
        if (s.protocol === "HTTPS" && wildcard !== undefined && isWildcardHostname(wildcard) && labelsBelowWildcard(s.hostname, wildcard) > 1) {
            warnings.push(
                `hostname ${s.hostname} is ${labelsBelowWildcard(s.hostname, wildcard)} labels below HTTPS listener ${s.listener}'s wildcard ` +
                    `${wildcard}: it attaches (a Gateway API wildcard matches one or more labels), but a ${wildcard} certificate covers one ` +
                    `label (RFC 2818), so the TLS handshake fails unless the certificate also covers ${s.hostname}`,
            );
        }
    }
    const byHost = new Map<string, HostServing[]>();
    for (const s of served.map((x) => x.entry).filter((x) => x.attached)) {
        byHost.set(s.hostname, [...(byHost.get(s.hostname) ?? []), s]);
    }
    for (const [hostname, list] of byHost) {
        // Stryker disable next-line MethodExpression,ConditionalExpression: plain is only used when list has no HTTPS entry, i.e. is all HTTP
        const plain = list.filter((s) => s.protocol === "HTTP");
        if (plain.length > 0 && !list.some((s) => s.protocol === "HTTPS")) {
            warnings.push(
                `hostname ${hostname} is served only over plain HTTP (listener ${plain.map((s) => s.listener).join(", ")}): no HTTPS ` +
                    `listener the route attaches to serves it`,
            );
        }
    }
    if (route.hostnames.length === 0 && byHost.size > 1) {
        warnings.push(
            `the route has no hostnames, so it attaches to every zone it can reach (${[...byHost.keys()].join(", ")}); ` +
                `set spec.hostnames to the hosts it serves`,
        );
    }
    return warnings;
}

function routeWarnings(route: HTTPRoute, context: RouteContext): string[] {
    const warnings = (route.spec.hostnames ?? []).flatMap((h) => {
        const problem = hostnameProblem(h);
        return problem === undefined ? [] : [`spec.hostnames: "${h}" ${problem}`];
    });
    if ((route.spec.parentRefs ?? []).length === 0) {
        warnings.push(`route ${gatewayKey(context.namespace, context.name)} has no parentRefs, so it attaches to nothing`);
    }
    return warnings;
}

// ---------------------------------------------------------------------------------------------------------

function listenerReport(model: Model, counts: ReadonlyMap<Listener, ReadonlySet<string>>): ListenerAttachment[] {
    const owners = [...model.gateways.values(), ...[...model.listenerSets.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, o]) => o)];
    return owners.flatMap((owner) =>
        owner.listeners.map((l) => {
            const routes = [...(counts.get(l) ?? [])].sort();
            return {
                gateway: owner.gateway,
                ...(owner.kind === "ListenerSet" ? { listenerSet: gatewayKey(owner.namespace, owner.name) } : {}),
                listener: l.name,
                protocol: l.protocol,
                port: l.port,
                ...(l.hostname === undefined ? {} : { hostname: l.hostname }),
                active: owner.active,
                attachedRoutes: routes.length,
                routes,
            };
        }),
    );
}

/**
 * Check every parentRef of every route. Notes on semantics:
 * - A parentRef to a Gateway attaches only to that Gateway's own `spec.listeners`, never to listeners its
 *   ListenerSets contribute: kubernetes-sigs/gateway-api, geps/gep-1713/index.md (GEP-1713, status Standard),
 *   section "Gateway parents and sectionName": such a route "MUST attach just to the Gateway listeners specified
 *   on .spec.listeners and MUST NOT ... attach to any listeners in the child ListenerSets", because listener
 *   names need not be unique across them. A route reaches ListenerSet listeners by naming the ListenerSet
 *   (kind ListenerSet) as a parentRef; without sectionName it then attaches to all of that set's listeners
 *   (same GEP, "Route Attachment"; site-src/api-types/listenerset.md). Listener isolation (`routes[].serving`)
 *   still uses the merged list, because traffic selection does.
 * - A ListenerSet's listeners are only programmed when its Gateway's `allowedListeners` admits it (default None).
 * - `Same` on a ListenerSet listener means the ListenerSet's namespace, as in Cilium's
 *   CheckListenerSetAllowedForNamespace (operator/pkg/gateway-api/routechecks/listenerset_checks.go).
 */
export function checkAttachment(input: AttachmentInput): AttachmentReport {
    const mode = input.mode ?? "cilium";
    const model = buildModel(input);
    const parents: ParentRefStatus[] = [];
    const routes: RouteReport[] = [];
    const counts = new Map<Listener, Set<string>>();
    for (const route of input.routes) {
        const namespace = route.metadata.namespace ?? "default";
        const context: RouteContext = { namespace, name: route.metadata.name, hostnames: route.spec.hostnames ?? [] };
        const routeKey = gatewayKey(namespace, route.metadata.name);
        // Stryker disable next-line ArrayDeclaration: a non-Listener entry matches nothing in counts or byListener
        const attached: Listener[] = [];
        (route.spec.parentRefs ?? []).forEach((ref, index) => {
            const result = checkParentRef(context, index, defaultParentRef(ref, namespace), model, mode);
            parents.push(result.status);
            attached.push(...result.attached);
        });
        for (const l of attached) {
            counts.set(l, (counts.get(l) ?? new Set<string>()).add(routeKey));
        }
        const served = servingFor(context, attached, model, mode);
        routes.push({
            route: routeKey,
            hostnames: [...context.hostnames],
            serving: served.map((s) => s.entry),
            warnings: [...routeWarnings(route, context), ...servingWarnings(context, served)],
        });
    }
    return { mode, parents, listeners: listenerReport(model, counts), routes };
}
