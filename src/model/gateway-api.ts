// The subset of Gateway API v1 (v1.6.1, standard channel) object shapes this project reads and writes.
// Field names follow the upstream Go types so manifests round-trip unchanged.

export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";
export const GATEWAY_API_VERSION = `${GATEWAY_API_GROUP}/v1`;

export type ListenerProtocol = "HTTP" | "HTTPS" | "TLS" | "TCP" | "UDP";

export interface LabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: {
        key: string;
        operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
        values?: string[];
    }[];
}

export interface RouteGroupKind {
    group?: string;
    kind: string;
}

export interface AllowedRoutes {
    namespaces?: {
        from?: "All" | "Same" | "Selector";
        selector?: LabelSelector;
    };
    kinds?: RouteGroupKind[];
}

export interface SecretObjectReference {
    group?: string;
    kind?: string;
    name: string;
    namespace?: string;
}

export interface Listener {
    name: string;
    hostname?: string;
    port: number;
    protocol: ListenerProtocol;
    tls?: {
        mode?: "Terminate" | "Passthrough";
        certificateRefs?: SecretObjectReference[];
    };
    allowedRoutes?: AllowedRoutes;
}

export interface ObjectMeta {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

/** Which namespaces may attach ListenerSets to a Gateway; the CRD default is `from: None`. */
export interface AllowedListeners {
    namespaces?: {
        from?: "All" | "Same" | "Selector" | "None";
        selector?: LabelSelector;
    };
}

export interface Gateway {
    apiVersion: typeof GATEWAY_API_VERSION;
    kind: "Gateway";
    metadata: ObjectMeta;
    spec: {
        gatewayClassName: string;
        listeners: Listener[];
        infrastructure?: { annotations?: Record<string, string>; labels?: Record<string, string> };
        allowedListeners?: AllowedListeners;
    };
}

/** A ListenerSet's reference to its Gateway (ParentGatewayReference); namespace defaults to the ListenerSet's. */
export interface ParentGatewayReference {
    group?: string;
    kind?: string;
    name: string;
    namespace?: string;
}

/** ListenerSet (GEP-1713; v1, standard channel since v1.5): extra listeners merged into a parent Gateway. */
export interface ListenerSet {
    apiVersion: typeof GATEWAY_API_VERSION;
    kind: "ListenerSet";
    metadata: ObjectMeta;
    spec: {
        parentRef: ParentGatewayReference;
        /** ListenerEntry has the same fields as a Gateway Listener. */
        listeners: Listener[];
    };
}

export interface ParentReference {
    group?: string;
    kind?: string;
    namespace?: string;
    name: string;
    sectionName?: string;
    port?: number;
}

export interface BackendRef {
    group?: string;
    kind?: string;
    name: string;
    namespace?: string;
    port?: number;
    weight?: number;
}

export interface HTTPRouteRule {
    matches?: {
        path?: { type?: "Exact" | "PathPrefix" | "RegularExpression"; value?: string };
    }[];
    filters?: Record<string, unknown>[];
    backendRefs?: BackendRef[];
}

export interface HTTPRoute {
    apiVersion: typeof GATEWAY_API_VERSION;
    kind: "HTTPRoute";
    metadata: ObjectMeta;
    spec: {
        parentRefs?: ParentReference[];
        hostnames?: string[];
        rules?: HTTPRouteRule[];
    };
}

/** `namespace/name`, the key under which Gateways are looked up. */
export function gatewayKey(namespace: string, name: string): string {
    return `${namespace}/${name}`;
}

/** A namespace and its labels, for `allowedRoutes`/`allowedListeners` Selectors. */
export interface NamespaceInfo {
    name: string;
    labels: Record<string, string>;
}
