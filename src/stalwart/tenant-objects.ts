// Manifests of a native tenant that are not Stalwart's own: its certificate, the grant that lets the
// console Gateway read that certificate, and the Traefik Ingress used when the Sovereign has no Gateway.

import { GATEWAY_API_GROUP } from "../model/gateway-api";
import { tenantMailLabels } from "../model/labels";
import { HTTP_PORT } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import type { TenantCertificatePlan, TenantPlan } from "../plan/tenant-plan";

export function tenantCertificate(slug: string, cert: TenantCertificatePlan) {
    return {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: cert.name, namespace: cert.namespace, labels: tenantMailLabels(slug) },
        spec: {
            secretName: cert.secretName,
            dnsNames: cert.dnsNames,
            issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: cert.issuer },
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        },
    };
}

/** When the tenant's listeners sit on the console Gateway itself, it reads the tenant's Secret across namespaces. */
export function consoleTlsReferenceGrant(slug: string, gatewayNamespace: string) {
    const names = stalwartNames(slug);
    return {
        apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
        kind: "ReferenceGrant",
        metadata: { name: `${names.statefulSet}-console-tls`, namespace: names.namespace, labels: tenantMailLabels(slug) },
        spec: {
            from: [{ group: GATEWAY_API_GROUP, kind: "Gateway", namespace: gatewayNamespace }],
            to: [{ group: "", kind: "Secret", name: names.tlsSecret }],
        },
    };
}

/** A Sovereign without Gateway API: webmail through Traefik, with the tenant's certificate. */
export function traefikWebmailIngress(plan: TenantPlan) {
    const names = stalwartNames(plan.tenant.slug);
    return {
        apiVersion: "networking.k8s.io/v1" as const,
        kind: "Ingress" as const,
        metadata: { name: `${names.statefulSet}-webmail`, namespace: names.namespace, labels: tenantMailLabels(plan.tenant.slug) },
        spec: {
            ingressClassName: "traefik",
            tls: [{ hosts: [plan.mailHost], secretName: names.tlsSecret }],
            rules: [
                {
                    host: plan.mailHost,
                    http: { paths: [{ path: "/", pathType: "Prefix" as const, backend: { service: { name: names.webService, port: { number: HTTP_PORT } } } }] },
                },
            ],
        },
    };
}
