// NetworkPolicies of a tenant namespace: deny everything, then allow exactly what Stalwart and its
// bootstrap Job need. OpenOva's chart blocked its own setup Job in both directions; here the
// Job's egress to Stalwart 8080 and Stalwart's ingress from the Job are both explicit, matched on the
// component labels.
//
// Cilium Gateway: traffic from the Gateway's Envoy reaches the backend with Cilium's reserved `ingress`
// identity, not as a pod of the Gateway namespace, so the namespaceSelector rule below does not match
// it and the route answers 503. A Kubernetes NetworkPolicy cannot name that identity; on Cilium the
// operator must also apply `ciliumGatewayIngressPolicy` (a CiliumNetworkPolicy with
// `fromEntities: [ingress]` on 8080), which Cilium unions with these rules. The same applies if
// Keycloak is reached through its public host name (the Gateway) rather than the keycloak namespace.

import type { TenantSpec } from "../model/tenant-spec";
import {
    bootstrapLabels,
    Labels,
    bootstrapSelectorLabels,
    certificateReloadLabels,
    certificateReloadSelectorLabels,
    stalwartLabels,
    stalwartSelectorLabels,
    tenantMailLabels,
} from "../model/labels";
import { HTTP_PORT, IMAPS_PORT, IMAP_PORT, SMTP_PORT, SUBMISSIONS_PORT, SUBMISSION_PORT } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
export const DNS_NAMESPACE = "kube-system";
export const RFC1918: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

type Protocol = "TCP" | "UDP";

export interface PolicyPort {
    protocol: Protocol;
    port: number;
}

export interface PolicyPeer {
    namespaceSelector?: { matchLabels: Record<string, string> };
    podSelector?: { matchLabels: Record<string, string> };
    ipBlock?: { cidr: string; except: string[] };
}

export interface PolicyRule {
    ports: PolicyPort[];
    /** Absent: any source/destination. */
    from?: PolicyPeer[];
    to?: PolicyPeer[];
}

export interface NetworkPolicyManifest {
    apiVersion: "networking.k8s.io/v1";
    kind: "NetworkPolicy";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: {
        podSelector: { matchLabels?: Record<string, string> };
        policyTypes: ("Ingress" | "Egress")[];
        ingress?: PolicyRule[];
        egress?: PolicyRule[];
    };
}

export interface NamespacePort {
    namespace: string;
    port: number;
}

export interface StalwartNetworkPolicyOptions {
    /** Namespace of the Gateway whose route targets the web Service (`kube-system` for Cilium's). */
    gatewayNamespace: string;
    /** Keycloak, for token introspection (namespace and the pod port its Service targets). */
    keycloak: NamespacePort;
    /** PowerDNS API, if anything in the pod is to call it. */
    powerdns?: NamespacePort;
}

function tcp(...ports: number[]): PolicyPort[] {
    return ports.map((port) => ({ protocol: "TCP", port }));
}

function inNamespace(namespace: string): PolicyPeer {
    return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } };
}

const DNS_EGRESS: PolicyRule = {
    to: [inNamespace(DNS_NAMESPACE)],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

/** Namespace-wide: every pod in the tenant namespace starts with no traffic in or out. */
export function defaultDenyPolicy(tenant: TenantSpec): NetworkPolicyManifest {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: names.defaultDenyPolicy, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    };
}

export function stalwartNetworkPolicy(tenant: TenantSpec, opts: StalwartNetworkPolicyOptions): NetworkPolicyManifest {
    const names = stalwartNames(tenant.slug);
    const egress: PolicyRule[] = [
        DNS_EGRESS,
        { to: [inNamespace(opts.keycloak.namespace)], ports: tcp(opts.keycloak.port) },
    ];
    if (opts.powerdns !== undefined) egress.push({ to: [inNamespace(opts.powerdns.namespace)], ports: tcp(opts.powerdns.port) });
    // Outbound SMTP to other MXs, and HTTPS for the first-boot webadmin download (GitHub) and the
    // MTA-STS policies of recipient domains. Only the internet: not private addresses.
    egress.push({ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...RFC1918] } }], ports: tcp(SMTP_PORT, 443) });

    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: names.stalwartPolicy, namespace: names.namespace, labels: stalwartLabels(tenant.slug) },
        spec: {
            podSelector: { matchLabels: stalwartSelectorLabels(tenant.slug) },
            policyTypes: ["Ingress", "Egress"],
            ingress: [
                // Mail from anywhere (no `from`).
                { ports: tcp(SMTP_PORT, SUBMISSION_PORT, SUBMISSIONS_PORT, IMAP_PORT, IMAPS_PORT) },
                // HTTP from the Gateway's namespace and from this tenant's bootstrap Job and certificate-reload
                // CronJob only; 8080 trusts X-Forwarded-For (http.use-x-forwarded), so nothing else may reach
                // it. Kubelet probes come from the node, which CNIs (Cilium included) allow regardless of policy.
                {
                    from: [
                        inNamespace(opts.gatewayNamespace),
                        { podSelector: { matchLabels: bootstrapSelectorLabels(tenant.slug) } },
                        { podSelector: { matchLabels: certificateReloadSelectorLabels(tenant.slug) } },
                    ],
                    ports: tcp(HTTP_PORT),
                },
            ],
            egress,
        },
    };
}

/** A pod that calls Stalwart's API (api-client-pod.ts): DNS, and Stalwart's HTTP listener; nothing may connect to it. */
function apiClientNetworkPolicy(tenant: TenantSpec, name: string, labels: Labels, selector: Labels): NetworkPolicyManifest {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name, namespace: stalwartNames(tenant.slug).namespace, labels },
        spec: {
            podSelector: { matchLabels: selector },
            policyTypes: ["Ingress", "Egress"],
            ingress: [],
            egress: [DNS_EGRESS, { to: [{ podSelector: { matchLabels: stalwartSelectorLabels(tenant.slug) } }], ports: tcp(HTTP_PORT) }],
        },
    };
}

/** The bootstrap Job pod. */
export function bootstrapNetworkPolicy(tenant: TenantSpec): NetworkPolicyManifest {
    return apiClientNetworkPolicy(tenant, stalwartNames(tenant.slug).bootstrapPolicy, bootstrapLabels(tenant.slug), bootstrapSelectorLabels(tenant.slug));
}

/** The certificate-reload CronJob's pods. */
export function certificateReloadNetworkPolicy(tenant: TenantSpec): NetworkPolicyManifest {
    return apiClientNetworkPolicy(tenant, stalwartNames(tenant.slug).certificateReloadPolicy, certificateReloadLabels(tenant.slug), certificateReloadSelectorLabels(tenant.slug));
}

export interface CiliumNetworkPolicyManifest {
    apiVersion: "cilium.io/v2";
    kind: "CiliumNetworkPolicy";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: {
        endpointSelector: { matchLabels: Record<string, string> };
        ingress: { fromEntities: string[]; toPorts: { ports: { port: string; protocol: "TCP" }[] }[] }[];
    };
}

/** Cilium only: admits the Gateway's reserved `ingress` identity to Stalwart's 8080 (see the header). */
export function ciliumGatewayIngressPolicy(tenant: TenantSpec): CiliumNetworkPolicyManifest {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumNetworkPolicy",
        metadata: { name: names.gatewayIngressCiliumPolicy, namespace: names.namespace, labels: stalwartLabels(tenant.slug) },
        spec: {
            endpointSelector: { matchLabels: stalwartSelectorLabels(tenant.slug) },
            ingress: [{ fromEntities: ["ingress"], toPorts: [{ ports: [{ port: String(HTTP_PORT), protocol: "TCP" }] }] }],
        },
    };
}

/** Where Cilium's egress gateway sends a tenant's outbound SMTP out from (a Sovereign setting). */
export interface EgressGatewaySettings {
    /** Labels of the gateway node(s). */
    nodeSelector: Record<string, string>;
    /** The address mail leaves from; it must be on the gateway node and is published in SPF. */
    egressIP: string;
}

export interface CiliumEgressGatewayPolicyManifest {
    apiVersion: "cilium.io/v2";
    kind: "CiliumEgressGatewayPolicy";
    metadata: { name: string; labels: Record<string, string> };
    spec: {
        selectors: { podSelector: { matchLabels: Record<string, string> } }[];
        destinationCIDRs: string[];
        excludedCIDRs: string[];
        egressGateway: { nodeSelector: { matchLabels: Record<string, string> }; egressIP: string };
    };
}

/**
 * Cilium's egress gateway: the tenant's Stalwart pod reaches the internet from `egressIP`, the address
 * SPF publishes, instead of whichever node's SNAT address it runs on. Cluster-scoped, so the pod
 * selector names the namespace (`io.kubernetes.pod.namespace`). Private destinations stay direct.
 */
export function ciliumEgressGatewayPolicy(tenant: TenantSpec, gateway: EgressGatewaySettings): CiliumEgressGatewayPolicyManifest {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumEgressGatewayPolicy",
        metadata: { name: names.egressGatewayPolicy, labels: stalwartLabels(tenant.slug) },
        spec: {
            selectors: [{ podSelector: { matchLabels: { ...stalwartSelectorLabels(tenant.slug), "io.kubernetes.pod.namespace": names.namespace } } }],
            destinationCIDRs: ["0.0.0.0/0"],
            excludedCIDRs: [...RFC1918],
            egressGateway: { nodeSelector: { matchLabels: { ...gateway.nodeSelector } }, egressIP: gateway.egressIP },
        },
    };
}
