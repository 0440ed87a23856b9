// Names of the native Stalwart objects of one tenant, derived from the slug, with the Kubernetes limit
// each must respect. `derivedStalwartNames` has the shape of tenant-names' table so validation can
// check both; the test proves every name fits for the longest slug tenant-names accepts.

import { DerivedName, stalwartName, tenantNamespace } from "./tenant-names";

export interface StalwartNames {
    namespace: string;
    statefulSet: string;
    serviceAccount: string;
    configMap: string;
    smtpService: string;
    imapService: string;
    webService: string;
    /** HTTPRoute (or Ingress) of the web host: what a mail user reaches from outside. */
    userWebRoute: string;
    adminSecret: string;
    dkimSecret: string;
    tlsSecret: string;
    dnsRecordsConfigMap: string;
    dnsEndpoint: string;
    bootstrapJob: string;
    certificateReloadCronJob: string;
    certificateReloadPolicy: string;
    egressGatewayPolicy: string;
    defaultDenyPolicy: string;
    stalwartPolicy: string;
    bootstrapPolicy: string;
    gatewayIngressCiliumPolicy: string;
    /** volumeClaimTemplates name; the PVC is `data-<statefulSet>-0`. */
    dataVolumeClaim: string;
}

export function stalwartNames(slug: string): StalwartNames {
    const base = stalwartName(slug);
    return {
        namespace: tenantNamespace(slug),
        statefulSet: base,
        serviceAccount: base,
        configMap: `${base}-config`,
        smtpService: `${base}-smtp`,
        imapService: `${base}-imap`,
        webService: `${base}-web`,
        userWebRoute: `${base}-user-access`,
        adminSecret: `${base}-admin`,
        dkimSecret: `${base}-dkim`,
        tlsSecret: `${base}-tls`,
        // The name OpenOva's unified-rbac looks for (bp-stalwart-tenant: <fullname>-dns-records-required).
        dnsRecordsConfigMap: `${slug}-dns-records-required`,
        dnsEndpoint: `${base}-dns`,
        bootstrapJob: `${base}-bootstrap`,
        // Short: a CronJob name is at most 52 characters, and `stalwart-<slug>-…` would lower the slug limit.
        certificateReloadCronJob: `${slug}-certs`,
        certificateReloadPolicy: `${base}-cert-reload`,
        // Cluster-scoped (CiliumEgressGatewayPolicy), so it carries the namespace in its name.
        egressGatewayPolicy: `${tenantNamespace(slug)}-${base}-smtp-egress`,
        defaultDenyPolicy: `${base}-default-deny`,
        stalwartPolicy: base,
        bootstrapPolicy: `${base}-bootstrap`,
        gatewayIngressCiliumPolicy: `${base}-gateway-ingress`,
        dataVolumeClaim: "data",
    };
}

// DNS-1123 subdomain objects may be 253 long; Services are DNS-1035 labels (63); a Job's name becomes
// its pods' `job-name` label (63); label values are 63.
export function derivedStalwartNames(slug: string): DerivedName[] {
    const n = stalwartNames(slug);
    return [
        { what: "ServiceAccount name", name: n.serviceAccount, max: 253 },
        { what: "config ConfigMap name", name: n.configMap, max: 253 },
        { what: "SMTP Service name", name: n.smtpService, max: 63 },
        { what: "IMAP Service name", name: n.imapService, max: 63 },
        { what: "web Service name", name: n.webService, max: 63 },
        { what: "HTTPRoute name", name: n.userWebRoute, max: 253 },
        { what: "admin Secret name", name: n.adminSecret, max: 253 },
        { what: "DKIM Secret name", name: n.dkimSecret, max: 253 },
        { what: "TLS Secret name", name: n.tlsSecret, max: 253 },
        { what: "DNS records ConfigMap name", name: n.dnsRecordsConfigMap, max: 253 },
        { what: "DNSEndpoint name", name: n.dnsEndpoint, max: 253 },
        { what: "bootstrap Job name", name: n.bootstrapJob, max: 63 },
        // A CronJob's Jobs are <name>-<up to 11 digits>, and a Job name must stay a 63-character label.
        { what: "certificate-reload CronJob name", name: n.certificateReloadCronJob, max: 52 },
        { what: "NetworkPolicy name", name: n.certificateReloadPolicy, max: 253 },
        { what: "CiliumEgressGatewayPolicy name", name: n.egressGatewayPolicy, max: 253 },
        { what: "NetworkPolicy name", name: n.defaultDenyPolicy, max: 253 },
        { what: "NetworkPolicy name", name: n.bootstrapPolicy, max: 253 },
        { what: "CiliumNetworkPolicy name", name: n.gatewayIngressCiliumPolicy, max: 253 },
        { what: "PVC name", name: `${n.dataVolumeClaim}-${n.statefulSet}-0`, max: 253 },
        { what: "instance label value", name: n.statefulSet, max: 63 },
    ];
}
