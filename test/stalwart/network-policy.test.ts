import * as assert from "node:assert/strict";
import {
    bootstrapNetworkPolicy,
    certificateReloadNetworkPolicy,
    ciliumEgressGatewayPolicy,
    ciliumGatewayIngressPolicy,
    defaultDenyPolicy,
    stalwartNetworkPolicy,
} from "../../src/stalwart/network-policy";
import { acmeTenant } from "./fixtures";

const STALWART = {
    "app.kubernetes.io/name": "stalwart",
    "app.kubernetes.io/instance": "stalwart-acme",
    "app.kubernetes.io/component": "mail-server",
};
const JOB = { ...STALWART, "app.kubernetes.io/component": "bootstrap" };
const RELOAD = { ...STALWART, "app.kubernetes.io/component": "certificate-reload" };
const DNS = {
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

describe("stalwart network policies", () => {
    it("denies everything in the tenant namespace by default", () => {
        const p = defaultDenyPolicy(acmeTenant());
        assert.equal(p.apiVersion, "networking.k8s.io/v1");
        assert.equal(p.metadata.name, "stalwart-acme-default-deny");
        assert.equal(p.metadata.namespace, "tenant-acme");
        assert.deepEqual(p.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    });

    it("allows Stalwart exactly its mail, gateway, job and egress traffic", () => {
        const p = stalwartNetworkPolicy(acmeTenant(), {
            gatewayNamespace: "kube-system",
            keycloak: { namespace: "keycloak", port: 8443 },
            powerdns: { namespace: "powerdns", port: 8081 },
        });
        assert.equal(p.metadata.name, "stalwart-acme");
        assert.equal(p.metadata.namespace, "tenant-acme");
        assert.deepEqual(p.spec, {
            podSelector: { matchLabels: STALWART },
            policyTypes: ["Ingress", "Egress"],
            ingress: [
                {
                    ports: [
                        { protocol: "TCP", port: 25 },
                        { protocol: "TCP", port: 587 },
                        { protocol: "TCP", port: 465 },
                        { protocol: "TCP", port: 143 },
                        { protocol: "TCP", port: 993 },
                    ],
                },
                {
                    from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }, { podSelector: { matchLabels: JOB } }, { podSelector: { matchLabels: RELOAD } }],
                    ports: [{ protocol: "TCP", port: 8080 }],
                },
            ],
            egress: [
                DNS,
                { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "keycloak" } } }], ports: [{ protocol: "TCP", port: 8443 }] },
                { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "powerdns" } } }], ports: [{ protocol: "TCP", port: 8081 }] },
                {
                    to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }],
                    ports: [
                        { protocol: "TCP", port: 25 },
                        { protocol: "TCP", port: 443 },
                    ],
                },
            ],
        });
    });

    it("leaves PowerDNS out when not asked for", () => {
        const p = stalwartNetworkPolicy(acmeTenant(), { gatewayNamespace: "gateway", keycloak: { namespace: "keycloak", port: 8080 } });
        assert.equal(p.spec.egress!.length, 3);
        assert.deepEqual(p.spec.ingress![1]!.from![0], { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway" } } });
    });

    it("lets the bootstrap Job reach only DNS and Stalwart's 8080", () => {
        const p = bootstrapNetworkPolicy(acmeTenant());
        assert.equal(p.metadata.name, "stalwart-acme-bootstrap");
        assert.equal(p.metadata.namespace, "tenant-acme");
        assert.equal(p.metadata.labels["app.kubernetes.io/component"], "bootstrap");
        assert.deepEqual(p.spec, {
            podSelector: { matchLabels: JOB },
            policyTypes: ["Ingress", "Egress"],
            ingress: [],
            egress: [DNS, { to: [{ podSelector: { matchLabels: STALWART } }], ports: [{ protocol: "TCP", port: 8080 }] }],
        });
    });

    it("admits Cilium's ingress identity to 8080", () => {
        assert.deepEqual(ciliumGatewayIngressPolicy(acmeTenant()), {
            apiVersion: "cilium.io/v2",
            kind: "CiliumNetworkPolicy",
            metadata: {
                name: "stalwart-acme-gateway-ingress",
                namespace: "tenant-acme",
                labels: {
                    "app.kubernetes.io/managed-by": "sovereign-stacks",
                    "app.kubernetes.io/name": "stalwart",
                    "app.kubernetes.io/instance": "stalwart-acme",
                    "app.kubernetes.io/part-of": "stalwart-tenant",
                    "catalyst.openova.io/tenant": "acme",
                    "app.kubernetes.io/component": "mail-server",
                },
            },
            spec: {
                endpointSelector: { matchLabels: STALWART },
                ingress: [{ fromEntities: ["ingress"], toPorts: [{ ports: [{ port: "8080", protocol: "TCP" }] }] }],
            },
        });
    });
});

describe("stalwart certificate-reload and egress gateway policies", () => {
    it("lets only the reload pods reach Stalwart's 8080, and nothing reach them", () => {
        const p = certificateReloadNetworkPolicy(acmeTenant());
        assert.equal(p.metadata.name, "stalwart-acme-cert-reload");
        assert.deepEqual(p.spec, {
            podSelector: { matchLabels: RELOAD },
            policyTypes: ["Ingress", "Egress"],
            ingress: [],
            egress: [
                { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
                { to: [{ podSelector: { matchLabels: STALWART } }], ports: [{ protocol: "TCP", port: 8080 }] },
            ],
        });
    });

    it("pins the tenant's outbound SMTP to the Cilium egress gateway address", () => {
        const p = ciliumEgressGatewayPolicy(acmeTenant(), { nodeSelector: { "egress-gateway": "true" }, egressIP: "203.0.113.25" });
        assert.equal(p.kind, "CiliumEgressGatewayPolicy");
        assert.equal(p.metadata.name, "tenant-acme-stalwart-acme-smtp-egress");
        assert.deepEqual(p.spec, {
            selectors: [{ podSelector: { matchLabels: { ...STALWART, "io.kubernetes.pod.namespace": "tenant-acme" } } }],
            destinationCIDRs: ["0.0.0.0/0"],
            excludedCIDRs: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
            egressGateway: { nodeSelector: { matchLabels: { "egress-gateway": "true" } }, egressIP: "203.0.113.25" },
        });
    });
});
