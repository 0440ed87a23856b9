// One SME tenant's mail server: its own namespace, domain, DKIM key, queue and address. Everything it
// creates is computed by pure builders (src/stalwart/, src/plan/); this component wires them into
// resources, adds the two generated secrets (DKIM key, optional admin password) and exposes the DNS
// records the domain needs.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import type { ListenerIndex } from "../../topology/listeners";
import { bootstrapJob } from "../../stalwart/bootstrap-job";
import { renderConfigToml, stalwartConfig, stalwartConfigMap, DEFAULT_DKIM_SELECTOR } from "../../stalwart/config-toml";
import { ed25519DkimPublicKey } from "../../stalwart/dkim";
import { DnsRecord, dnsEndpoint, dnsRecordsConfigMap, requiredDnsRecords } from "../../stalwart/dns-records";
import { adminPasswordExternalSecret, oidcClientExternalSecret } from "../../stalwart/external-secrets";
import { tenantMailLabels } from "../../model/labels";
import { ADMIN_PASSWORD_SECRET_KEY, DKIM_ED25519_KEY } from "../../model/stalwart-layout";
import { stalwartNames } from "../../model/stalwart-names";
import { bootstrapNetworkPolicy, ciliumGatewayIngressPolicy, defaultDenyPolicy, stalwartNetworkPolicy } from "../../stalwart/network-policy";
import { imapService, smtpService, webService } from "../../stalwart/services";
import { stalwartServiceAccount, stalwartStatefulSet } from "../../stalwart/workload";
import type { SovereignSpec } from "../../model/sovereign-spec";
import { mailServiceAnnotations } from "../../stalwart/mail-service-annotations";
import type { TenantPlan } from "../../plan/tenant-plan";
import { consoleTlsReferenceGrant, tenantCertificate, traefikWebmailIngress } from "../../stalwart/tenant-objects";
import { Blueprint } from "./blueprint";

export interface StalwartTenantArgs {
    plan: TenantPlan;
    spec: SovereignSpec;
    /** The Sovereign's listeners, for the route guard of chart-mode tenants. */
    listeners: ListenerIndex;
}

export class StalwartTenant extends pulumi.ComponentResource {
    /** The records the tenant's domain needs (MX, SPF, DKIM with the real key, DMARC, TLS-RPT, SRV). */
    readonly dnsRecords: pulumi.Output<DnsRecord[]>;
    readonly mailHost: string;

    constructor(name: string, args: StalwartTenantArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sovereign-stacks:index:StalwartTenant", name, {}, opts);
        const { plan, spec } = args;
        const tenant = plan.tenant;
        const names = stalwartNames(tenant.slug);
        const child = { parent: this };
        const id = (what: string) => `${tenant.slug}-${what}`;
        const custom = (what: string, manifest: object, extra: pulumi.CustomResourceOptions = {}) =>
            new k8s.apiextensions.CustomResource(id(what), manifest as k8s.apiextensions.CustomResourceArgs, { ...child, ...extra });

        const ns = new k8s.core.v1.Namespace(id("namespace"), { metadata: { name: plan.namespace, labels: plan.namespaceLabels } }, child);
        const inNs = { ...child, dependsOn: [ns] };
        this.mailHost = plan.mailHost;

        // A generated admin password lives only in Pulumi secret state and a Kubernetes Secret.
        // Alphanumeric: Stalwart reads a secret starting with $, _ or { as a hash.
        let adminSecret: pulumi.Resource;
        if (tenant.admin.source === "generated") {
            const password = new random.RandomPassword(id("admin-password"), { length: 32, special: false }, child);
            adminSecret = new k8s.core.v1.Secret(
                id("admin-secret"),
                { metadata: { name: names.adminSecret, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) }, stringData: { [ADMIN_PASSWORD_SECRET_KEY]: password.result } },
                inNs,
            );
        } else if (plan.chart === undefined) {
            adminSecret = custom("admin-external-secret", adminPasswordExternalSecret(tenant, esoOptions(spec)), { dependsOn: [ns] });
        } else {
            adminSecret = ns; // the chart renders its own ExternalSecret
        }

        if (plan.grantsGatewaySecret) {
            custom("reference-grant", consoleTlsReferenceGrant(tenant.slug, spec.gateways.namespace), { dependsOn: [ns] });
        }
        if (plan.listenerSet) {
            custom("listener-set", plan.listenerSet, { dependsOn: [ns] });
        }

        if (plan.chart) {
            new Blueprint(plan.chart.resourceName, { plan: plan.chart, listeners: args.listeners }, { ...inNs, dependsOn: [ns, adminSecret] });
            // The chart renders its own DKIM placeholder; the records listed here are its README's.
            this.dnsRecords = pulumi.output([]);
            this.registerOutputs({ mailHost: this.mailHost, dnsRecords: this.dnsRecords });
            return;
        }

        // DKIM: a real Ed25519 key; the private half stays in Pulumi secret state and a Secret.
        const dkim = new tls.PrivateKey(id("dkim"), { algorithm: "ED25519" }, child);
        const dkimSecret = new k8s.core.v1.Secret(
            id("dkim-secret"),
            { metadata: { name: names.dkimSecret, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) }, stringData: { [DKIM_ED25519_KEY]: dkim.privateKeyPem } },
            inNs,
        );
        this.dnsRecords = dkim.publicKeyPem.apply((pem) =>
            requiredDnsRecords(tenant.domain.primary, { dkimSelector: DEFAULT_DKIM_SELECTOR, dkimPublicKey: ed25519DkimPublicKey(pem), dmarcRua: tenant.dmarcRua }),
        );
        // The records depend on the generated key, so only their data is an Output; names are known now.
        new k8s.core.v1.ConfigMap(
            id("dns-records"),
            { metadata: dnsRecordsConfigMap(tenant, []).metadata, data: this.dnsRecords.apply((records) => dnsRecordsConfigMap(tenant, records).data) },
            inNs,
        );
        if (tenant.domain.mode === "free-subdomain" && tenant.dns.powerdns.enabled) {
            const endpoint = dnsEndpoint(tenant, []);
            custom("dns-endpoint", { ...endpoint, spec: this.dnsRecords.apply((records) => dnsEndpoint(tenant, records).spec) }, { dependsOn: [ns] });
        }

        const oidcSecret = custom("oidc-external-secret", oidcClientExternalSecret(tenant, esoOptions(spec)), { dependsOn: [ns] });
        const certificate = custom("certificate", tenantCertificate(tenant.slug, plan.certificate!), { dependsOn: [ns] });

        const toml = renderConfigToml(stalwartConfig(tenant, { allowedIps: spec.tenancy.trustedCidrs }));
        const config = new k8s.core.v1.ConfigMap(id("config"), stalwartConfigMap(tenant, toml), inNs);
        const serviceAccount = new k8s.core.v1.ServiceAccount(id("service-account"), stalwartServiceAccount(tenant), inNs);
        const imageRegistry = spec.tenancy.imageRegistry === "" ? {} : { imageRegistry: spec.tenancy.imageRegistry };
        const statefulSet = new k8s.apps.v1.StatefulSet(id("statefulset"), stalwartStatefulSet(tenant, { configToml: toml, ...imageRegistry }), {
            ...child,
            dependsOn: [ns, config, serviceAccount, dkimSecret, adminSecret, oidcSecret, certificate],
        });

        const lbAnnotations = { annotations: mailServiceAnnotations(tenant) };
        new k8s.core.v1.Service(id("smtp"), smtpService(tenant, lbAnnotations), inNs);
        new k8s.core.v1.Service(id("imap"), imapService(tenant, { annotations: mailServiceAnnotations(tenant, { publishHostname: false }) }), inNs);
        const web = new k8s.core.v1.Service(id("web"), webService(tenant), inNs);

        new k8s.networking.v1.NetworkPolicy(id("default-deny"), defaultDenyPolicy(tenant), inNs);
        new k8s.networking.v1.NetworkPolicy(
            id("network-policy"),
            stalwartNetworkPolicy(tenant, {
                gatewayNamespace: spec.gateways.namespace,
                keycloak: { namespace: platformNamespace(spec, "keycloak"), port: 8080 },
                powerdns: { namespace: platformNamespace(spec, "powerdns"), port: 8081 },
            }),
            inNs,
        );
        new k8s.networking.v1.NetworkPolicy(id("bootstrap-network-policy"), bootstrapNetworkPolicy(tenant), inNs);
        if (spec.gateways.management !== "none" && spec.gateways.className === "cilium") {
            custom("gateway-ingress-policy", ciliumGatewayIngressPolicy(tenant), { dependsOn: [ns] });
        }

        if (plan.webmailRoute) {
            custom("webmail-route", plan.webmailRoute, { dependsOn: [ns, web] });
        } else {
            new k8s.networking.v1.Ingress(id("webmail-ingress"), traefikWebmailIngress(plan), { ...child, dependsOn: [ns, web] });
        }

        new k8s.batch.v1.Job(id("bootstrap"), bootstrapJob(tenant, imageRegistry), { ...child, dependsOn: [statefulSet, web, adminSecret] });
        this.registerOutputs({ mailHost: this.mailHost, dnsRecords: this.dnsRecords });
    }
}

function esoOptions(spec: SovereignSpec) {
    return { apiVersion: spec.tenancy.externalSecretsApiVersion, storeName: spec.tenancy.secretStore };
}

function platformNamespace(spec: SovereignSpec, name: "keycloak" | "powerdns"): string {
    return spec.blueprints.find((b) => b.name === name)?.namespace ?? name;
}
