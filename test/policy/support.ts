// Hand-built stack resources for the CrossGuard policy, shaped as the policy server builds them: props
// wrapped in @pulumi/policy's unknownCheckingProxy, unknown values as the engine's sentinel strings.

import * as policySdk from "@pulumi/policy";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import type { Listener } from "../../src/model/gateway-api";

// Exported at run time by @pulumi/policy 1.21.0 but missing from its .d.ts.
const sdk = policySdk as unknown as { unknownCheckingProxy: <T extends object>(props: T) => T };

/** The engine's sentinel for a string not known until deploy (@pulumi/policy proxy.js `unknownStringValue`). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const TYPES = {
    gateway: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
    listenerSet: "kubernetes:gateway.networking.k8s.io/v1:ListenerSet",
    httpRoute: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
    namespace: "kubernetes:core/v1:Namespace",
};

export const urnOf = (type: string, name: string) => `urn:pulumi:omantel::sovereign-stacks::${type}::${name}`;

export function resource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: sdk.unknownCheckingProxy(props),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    };
}

export function stackArgs(resources: PolicyResource[], config: object = {}): StackValidationArgs {
    return {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string) => {
            throw new Error(`notApplicable called: ${reason}`);
        },
    };
}

/** `https-<zone>`/`http-<zone>` on `*.<zone>` per zone, admitting routes from all namespaces (OpenOva's rule). */
export function zoneListeners(...zones: string[]): Listener[] {
    return zones.flatMap((zone): Listener[] => {
        const suffix = zone.replace(/\./g, "-");
        return [
            { name: `https-${suffix}`, hostname: `*.${zone}`, port: 443, protocol: "HTTPS", allowedRoutes: { namespaces: { from: "All" } } },
            { name: `http-${suffix}`, hostname: `*.${zone}`, port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } },
        ];
    });
}

export function gatewayProps(listeners: unknown[], name = "cilium-gateway", namespace = "kube-system"): Record<string, unknown> {
    return {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name, namespace },
        spec: { gatewayClassName: "cilium", listeners },
    };
}

export function routeProps(namespace: string, name: string, hostnames: unknown[], parentRef: Record<string, unknown>): Record<string, unknown> {
    return {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name, namespace },
        spec: { parentRefs: [parentRef], hostnames, rules: [{ backendRefs: [{ name, port: 8080 }] }] },
    };
}

export interface Reported {
    message: string;
    urn?: string;
}

export function collect(): { reported: Reported[]; report: (message: string, urn?: string) => void } {
    const reported: Reported[] = [];
    return { reported, report: (message, urn) => reported.push({ message, ...(urn === undefined ? {} : { urn }) }) };
}
