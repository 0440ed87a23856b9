// Manifests of a native tenant that are not Stalwart's own: its certificate, the grant that lets the
// console Gateway read that certificate, and the Traefik Ingress used when the Sovereign has no Gateway.
// BYO certificates use the same DNS-01 issuer as free subdomains: the tenant's `_acme-challenge` CNAMEs
// lead cert-manager (cnameStrategy: Follow on the issuer's solver) into a name PowerDNS serves, so
// nothing depends on HTTP-01 through the mail LoadBalancer.

import { GATEWAY_API_GROUP } from "../model/gateway-api";
import { tenantMailLabels } from "../model/labels";
import { HTTP_PORT } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import { USER_WEB_PATH_PREFIXES } from "../plan/tenant-plan";
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

/**
 * A Sovereign without Gateway API: the web host through Traefik, with the tenant's certificate. An
 * Ingress cannot send a path nowhere, so only the user paths are listed (no "/"): clients get JMAP,
 * DAV, discovery and OAuth; the web admin bundle's account pages need the Gateway API route.
 */
export function traefikUserWebIngress(plan: TenantPlan) {
    const names = stalwartNames(plan.tenant.slug);
    const backend = { service: { name: names.webService, port: { number: HTTP_PORT } } };
    return {
        apiVersion: "networking.k8s.io/v1" as const,
        kind: "Ingress" as const,
        metadata: { name: names.userWebRoute, namespace: names.namespace, labels: tenantMailLabels(plan.tenant.slug) },
        spec: {
            ingressClassName: "traefik",
            tls: [{ hosts: [plan.webHost], secretName: names.tlsSecret }],
            rules: [{ host: plan.webHost, http: { paths: USER_WEB_PATH_PREFIXES.map((path) => ({ path, pathType: "Prefix" as const, backend })) } }],
        },
    };
}
