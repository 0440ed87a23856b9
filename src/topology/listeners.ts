// The Sovereign's Gateway listeners, derived from its zones exactly as OpenOva's bp-sovereign-tls-vars
// renders them (docs/attachment.md, "The listener rule"), then checked against Gateway API's own limits, which
// OpenOva's "sanitisation" (dots to dashes, nothing else) does not enforce.

import { dashed } from "../rules/name-rules";
import type { GatewaySettings, SovereignSpec, Zone } from "../model/sovereign-spec";
import type { GatewayRole } from "../model/blueprint-catalog";
import { tenantListenerHome, tenantListeners } from "./tenant-listeners";
import { AllowedListeners, GATEWAY_API_VERSION, Gateway, Listener, gatewayKey } from "../model/gateway-api";
import { compareCodeUnits } from "../rules/code-unit-order";

/** Namespace label that lets a namespace's ListenerSets attach to the console Gateway. */
export const LISTENER_SETS_LABEL = "sovereign-stacks/console-listener-sets";

export const MAX_LISTENERS_PER_GATEWAY = 64;
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Gateway this program creates (or, when managed elsewhere, expects), with its computed listeners. */
export interface GatewayPlan {
    role: GatewayRole;
    namespace: string;
    name: string;
    className: string;
    listeners: Listener[];
    infrastructureAnnotations: Record<string, string>;
    /** Which namespaces may attach ListenerSets (the console Gateway, when tenants use them). */
    allowedListeners?: AllowedListeners;
}

export interface ListenerPorts {
    httpsPort: number;
    httpPort: number;
}

/** Secret holding the per-Sovereign (per-prov) wildcard certificate `*.<fqdn>`. */
export function sovereignWildcardSecret(fqdn: string): string {
    return `sovereign-wildcard-tls-${dashed(fqdn)}`;
}

function listenerPair(
    suffix: string,
    hostname: string,
    secretName: string,
    namespace: string,
    ports: ListenerPorts,
): Listener[] {
    const withSuffix = (base: string) => (suffix === "" ? base : `${base}-${suffix}`);
    return [
        {
            name: withSuffix("https"),
            hostname,
            port: ports.httpsPort,
            protocol: "HTTPS",
            tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: secretName, namespace }] },
            allowedRoutes: { namespaces: { from: "All" } },
        },
        {
            name: withSuffix("http"),
            hostname,
            port: ports.httpPort,
            protocol: "HTTP",
            allowedRoutes: { namespaces: { from: "All" } },
        },
    ];
}

/**
 * Listeners of the shared Gateway (`cilium-gateway`):
 * - one zone: `https` / `http` on `*.<zone>`;
 * - two or more zones: `https-<zone-dashed>` / `http-<zone-dashed>` per zone;
 * - and, whenever the FQDN is not itself a zone, `https-<fqdn-dashed>` / `http-<fqdn-dashed>` on `*.<fqdn>`.
 * An org-pool zone other than the FQDN carries its own wildcard Secret; everything else the per-prov one.
 */
export function sharedGatewayListeners(fqdn: string, zones: readonly Zone[], namespace: string, ports: ListenerPorts): Listener[] {
    // Stryker disable next-line StringLiteral: the default zone is named after the FQDN, so its role never selects a Secret
    const effective: Zone[] = zones.length > 0 ? [...zones] : [{ name: fqdn, role: "primary" }];
    const perProvSecret = sovereignWildcardSecret(fqdn);
    const listeners: Listener[] = [];
    for (const zone of effective) {
        const suffix = effective.length === 1 ? "" : dashed(zone.name);
        // Stryker disable next-line ConditionalExpression: an org-pool zone equal to the FQDN would get sovereignWildcardSecret(fqdn), the per-prov Secret, anyway
        const secret = zone.role === "org-pool" && zone.name !== fqdn ? sovereignWildcardSecret(zone.name) : perProvSecret;
        listeners.push(...listenerPair(suffix, `*.${zone.name}`, secret, namespace, ports));
    }
    if (!effective.some((z) => z.name === fqdn)) {
        listeners.push(...listenerPair(dashed(fqdn), `*.${fqdn}`, perProvSecret, namespace, ports));
    }
    return listeners;
}

/** Listeners of the console Gateway: per host, never wildcard (`console-https` on `console.<fqdn>`, ...). */
export function consoleGatewayListeners(fqdn: string, hostPrefixes: readonly string[], namespace: string, ports: ListenerPorts): Listener[] {
    const secret = sovereignWildcardSecret(fqdn);
    return hostPrefixes.flatMap((prefix) =>
        listenerPair("", `${prefix}.${fqdn}`, secret, namespace, ports).map((l) => ({
            ...l,
            name: `${prefix}-${l.name}`,
        })),
    );
}

/**
 * Both Gateways of a Sovereign, from one description. Tenants whose listeners live on the console
 * Gateway itself are appended in slug order (stable: a tenant's listeners never move); when tenants use
 * ListenerSets, the console Gateway admits them from namespaces carrying LISTENER_SETS_LABEL.
 */
export function gatewaysForSovereign(
    spec: Pick<SovereignSpec, "fqdn" | "zones" | "gateways"> & Partial<Pick<SovereignSpec, "tenants" | "tenancy">>,
): GatewayPlan[] {
    const g: GatewaySettings = spec.gateways;
    const tenants = spec.tenancy ? [...(spec.tenants ?? [])].sort((a, b) => compareCodeUnits(a.slug, b.slug)) : [];
    const homes = tenants.map((t) => tenantListenerHome(t, { gateways: g, tenancy: spec.tenancy! }));
    const onGateway = tenants.filter((_, i) => homes[i] === "gateway").flatMap((t) => tenantListeners(t, g));
    const useListenerSets = spec.tenancy?.listeners === "listenerSets" && g.management !== "none";
    return [
        {
            role: "shared",
            namespace: g.namespace,
            name: g.sharedName,
            className: g.className,
            listeners: sharedGatewayListeners(spec.fqdn, spec.zones, g.namespace, g),
            infrastructureAnnotations: g.infrastructureAnnotations,
        },
        {
            role: "console",
            namespace: g.namespace,
            name: g.consoleName,
            className: g.className,
            listeners: [...consoleGatewayListeners(spec.fqdn, g.consoleHostPrefixes, g.namespace, g), ...onGateway],
            infrastructureAnnotations: {},
            ...(useListenerSets
                ? { allowedListeners: { namespaces: { from: "Selector" as const, selector: { matchLabels: { [LISTENER_SETS_LABEL]: "true" } } } } }
                : {}),
        },
    ];
}

/**
 * Why a Gateway with these listeners would be rejected by the API server (CRD schema and CEL rules of
 * Gateway API v1.6.1): too many listeners, an invalid or duplicate name, or a duplicate
 * (port, protocol, hostname). Empty when valid.
 */
export function listenerProblems(plan: Pick<GatewayPlan, "namespace" | "name" | "listeners">): string[] {
    const where = `Gateway ${plan.namespace}/${plan.name}`;
    const problems: string[] = [];
    if (plan.listeners.length === 0) {
        problems.push(`${where} has no listeners; a Gateway needs at least one`);
    }
    if (plan.listeners.length > MAX_LISTENERS_PER_GATEWAY) {
        problems.push(`${where} would have ${plan.listeners.length} listeners; Gateway API allows at most ${MAX_LISTENERS_PER_GATEWAY}`);
    }
    const names = new Set<string>();
    const combos = new Set<string>();
    for (const l of plan.listeners) {
        if (l.name.length > 253 || !SECTION_NAME.test(l.name)) {
            problems.push(`${where}: listener name "${l.name}" is not a valid SectionName (lowercase RFC 1123 subdomain, at most 253 characters)`);
        }
        if (names.has(l.name)) {
            problems.push(`${where}: listener name "${l.name}" is used twice; listener names must be unique`);
        }
        names.add(l.name);
        // Stryker disable next-line StringLiteral: any placeholder for "no hostname" collides the same way (a hostname is never empty)
        const combo = `${l.port}/${l.protocol}/${l.hostname ?? ""}`;
        if (combos.has(combo)) {
            problems.push(`${where}: two listeners share port ${l.port}, protocol ${l.protocol} and hostname ${l.hostname ?? "(none)"}`);
        }
        combos.add(combo);
    }
    return problems;
}

export function gatewayManifest(plan: GatewayPlan, labels: Record<string, string>): Gateway {
    const annotations = plan.infrastructureAnnotations;
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "Gateway",
        metadata: { name: plan.name, namespace: plan.namespace, labels },
        spec: {
            gatewayClassName: plan.className,
            listeners: plan.listeners,
            ...(plan.allowedListeners ? { allowedListeners: plan.allowedListeners } : {}),
            ...(Object.keys(annotations).length > 0 ? { infrastructure: { annotations } } : {}),
        },
    };
}

/** Listener names per Gateway, keyed `namespace/name`, for the route guard. Gateways not in the index are left alone. */
export type ListenerIndex = ReadonlyMap<string, readonly string[]>;

export function listenerIndexOf(gateways: readonly GatewayPlan[]): ListenerIndex {
    return new Map(gateways.map((g) => [gatewayKey(g.namespace, g.name), g.listeners.map((l) => l.name)]));
}
