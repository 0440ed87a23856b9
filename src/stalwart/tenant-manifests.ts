// Every object one tenant gets, as data, in creation order with its dependencies: the component only
// turns these into resources. Three things are not known at plan time and stay functions or slots:
// - the generated secrets (admin password, DKIM private keys): a Secret names which generated value
//   goes under which key, and the component fills it from @pulumi/random / @pulumi/tls;
// - what depends on the DKIM public keys (the records ConfigMap and the DNSEndpoint): a pure function
//   of the public key PEMs, so the private keys never pass through here;
// - the chart of a chart-mode tenant, installed by the Blueprint component.

import type { BlueprintPlan } from "../plan/blueprint-plan";
import { CATALOG } from "../model/blueprint-catalog";
import type { PlatformBlueprintName } from "../model/blueprint-names";
import type { SovereignSpec, TenantEgressSettings } from "../model/sovereign-spec";
import { bootstrapJob } from "./bootstrap-job";
import { certificateReloadCronJob } from "./certificate-reload";
import { DEFAULT_DKIM_SELECTOR, DEFAULT_RSA_DKIM_SELECTOR, renderConfigToml, stalwartConfig, stalwartConfigMap } from "./config-toml";
import { ed25519DkimPublicKey, rsaDkimPublicKey } from "./dkim";
import { DnsRecord, SpfSources, dnsEndpoint, dnsRecordsConfigMap, requiredDnsRecords } from "./dns-records";
import { adminPasswordExternalSecret, oidcClientExternalSecret } from "./external-secrets";
import { tenantMailLabels } from "../model/labels";
import { ADMIN_PASSWORD_SECRET_KEY, DKIM_ED25519_KEY, DKIM_RSA_KEY } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import {
    bootstrapNetworkPolicy,
    certificateReloadNetworkPolicy,
    ciliumEgressGatewayPolicy,
    ciliumGatewayIngressPolicy,
    defaultDenyPolicy,
    stalwartNetworkPolicy,
} from "./network-policy";
import { imapService, smtpService, webService } from "./services";
import { stalwartServiceAccount, stalwartStatefulSet } from "./workload";
import { mailServiceAnnotations } from "./mail-service-annotations";
import { consoleTlsReferenceGrant, tenantCertificate, traefikUserWebIngress } from "./tenant-objects";
import type { TenantPlan } from "../plan/tenant-plan";

/** A plain Kubernetes object. */
export interface KubeManifest {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
    [field: string]: unknown;
}

/** Values the component generates; only their names appear here. */
export type GeneratedValue = "adminPassword" | "dkimRsaPrivateKeyPem" | "dkimEd25519PrivateKeyPem";

/** The public halves of the generated DKIM keys (`publicKeyPem` of @pulumi/tls). */
export interface DkimPublicKeyPems {
    rsa: string;
    ed25519: string;
}

interface Base {
    /** Unique within the tenant; the Pulumi resource name is `<slug>-<id>`. */
    id: string;
    /** Ids of objects of the same tenant that must exist first. */
    dependsOn: string[];
}

export type TenantObject =
    | (Base & { type: "manifest"; manifest: KubeManifest })
    /** A Secret whose `stringData[key]` is the named generated value. */
    | (Base & { type: "generatedSecret"; manifest: KubeManifest; stringData: Record<string, GeneratedValue> })
    /** An object whose `field` is computed from the DKIM public keys. */
    | (Base & { type: "keyed"; manifest: KubeManifest; field: "data" | "spec"; build: (keys: DkimPublicKeyPems) => unknown })
    | (Base & { type: "chart"; chart: BlueprintPlan });

export interface TenantManifests {
    /** What the component must generate before creating the objects. */
    generates: { adminPassword: boolean; dkimKeys: boolean };
    /** In creation order: every `dependsOn` id appears earlier. */
    objects: TenantObject[];
    /** The records the domain needs, from the DKIM public keys (native mode; chart mode lists none). */
    dnsRecords?: (keys: DkimPublicKeyPems) => DnsRecord[];
}

/** Pod port of a platform blueprint's API, from the catalog (tenant NetworkPolicies allow it). */
export function blueprintPolicyPort(name: PlatformBlueprintName): number {
    const port = CATALOG[name].servicePort;
    if (port === undefined) throw new Error(`the catalog has no servicePort for ${name}`);
    return port.targetPort;
}

function platformNamespace(spec: Pick<SovereignSpec, "blueprints">, name: PlatformBlueprintName): string {
    return spec.blueprints.find((b) => b.name === name)?.namespace ?? CATALOG[name].namespace;
}

/** SPF sources: the Sovereign's egress addresses, the egress gateway's address, and its include. */
export function spfSources(egress: TenantEgressSettings): SpfSources {
    const addresses = [...egress.addresses];
    const gatewayIP = egress.ciliumGateway?.egressIP;
    if (gatewayIP !== undefined && !addresses.includes(gatewayIP)) addresses.push(gatewayIP);
    return { addresses, ...(egress.spfInclude !== undefined ? { include: egress.spfInclude } : {}) };
}

/** The records a native tenant's domain needs, given the DKIM public keys. */
export function tenantDnsRecords(plan: TenantPlan, spec: Pick<SovereignSpec, "tenancy">, keys: DkimPublicKeyPems): DnsRecord[] {
    const tenant = plan.tenant;
    return requiredDnsRecords(tenant.domain.primary, {
        dkim: {
            rsa: { selector: DEFAULT_RSA_DKIM_SELECTOR, publicKey: rsaDkimPublicKey(keys.rsa) },
            ed25519: { selector: DEFAULT_DKIM_SELECTOR, publicKey: ed25519DkimPublicKey(keys.ed25519) },
        },
        dmarcRua: tenant.dmarcRua,
        spf: spfSources(spec.tenancy.egress),
        web: { host: plan.webHost, target: spec.tenancy.webCnameTarget },
        ...(tenant.domain.mode === "byo" && plan.certificate !== undefined
            ? { acmeDelegation: { hosts: plan.certificate.dnsNames, domain: spec.tenancy.acmeDelegationDomain } }
            : {}),
    });
}

/** The builders return precise manifest types; here they are all just Kubernetes objects. */
function asKube(m: object): KubeManifest {
    return m as KubeManifest;
}

function esoOptions(spec: SovereignSpec) {
    return { apiVersion: spec.tenancy.externalSecretsApiVersion, storeName: spec.tenancy.secretStore };
}

export function tenantManifests(plan: TenantPlan, spec: SovereignSpec): TenantManifests {
    const tenant = plan.tenant;
    const names = stalwartNames(tenant.slug);
    const objects: TenantObject[] = [];
    const add = (o: TenantObject) => objects.push(o);
    const manifest = (id: string, m: object, dependsOn: string[] = ["namespace"]) => add({ type: "manifest", id, manifest: asKube(m), dependsOn });

    manifest("namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: plan.namespace, labels: plan.namespaceLabels } }, []);

    // A generated admin password lives only in Pulumi secret state and a Kubernetes Secret.
    const generatedAdmin = tenant.admin.source === "generated";
    let adminSecretId = "namespace"; // chart mode with an OpenBao password: the chart renders its ExternalSecret
    if (generatedAdmin) {
        adminSecretId = "admin-secret";
        add({
            type: "generatedSecret",
            id: adminSecretId,
            manifest: { apiVersion: "v1", kind: "Secret", metadata: { name: names.adminSecret, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) } },
            stringData: { [ADMIN_PASSWORD_SECRET_KEY]: "adminPassword" },
            dependsOn: ["namespace"],
        });
    } else if (plan.chart === undefined) {
        adminSecretId = "admin-external-secret";
        manifest(adminSecretId, adminPasswordExternalSecret(tenant, esoOptions(spec)));
    }
    if (plan.grantsGatewaySecret) manifest("reference-grant", consoleTlsReferenceGrant(tenant.slug, spec.gateways.namespace));
    if (plan.listenerSet) manifest("listener-set", plan.listenerSet);

    if (plan.chart) {
        add({ type: "chart", id: plan.chart.resourceName, chart: plan.chart, dependsOn: ["namespace", ...(adminSecretId === "namespace" ? [] : [adminSecretId])] });
        return { generates: { adminPassword: generatedAdmin, dkimKeys: false }, objects };
    }

    add({
        type: "generatedSecret",
        id: "dkim-secret",
        manifest: { apiVersion: "v1", kind: "Secret", metadata: { name: names.dkimSecret, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) } },
        stringData: { [DKIM_RSA_KEY]: "dkimRsaPrivateKeyPem", [DKIM_ED25519_KEY]: "dkimEd25519PrivateKeyPem" },
        dependsOn: ["namespace"],
    });
    const records = (keys: DkimPublicKeyPems) => tenantDnsRecords(plan, spec, keys);
    // The records depend on the generated keys, so only their data is computed later; names are known now.
    add({ type: "keyed", id: "dns-records", manifest: asKube(dnsRecordsConfigMap(tenant, [])), field: "data", build: (k) => dnsRecordsConfigMap(tenant, records(k)).data, dependsOn: ["namespace"] });
    if (tenant.domain.mode === "free-subdomain" && tenant.dns.powerdns.enabled) {
        add({ type: "keyed", id: "dns-endpoint", manifest: asKube(dnsEndpoint(tenant, [])), field: "spec", build: (k) => dnsEndpoint(tenant, records(k)).spec, dependsOn: ["namespace"] });
    }

    manifest("oidc-external-secret", oidcClientExternalSecret(tenant, esoOptions(spec)));
    manifest("certificate", tenantCertificate(tenant.slug, plan.certificate!));

    const imageRegistry = spec.tenancy.imageRegistry === "" ? {} : { imageRegistry: spec.tenancy.imageRegistry };
    const toml = renderConfigToml(
        stalwartConfig(tenant, {
            allowedIps: spec.tenancy.trustedCidrs,
            webHost: plan.webHost,
            webadminResource: spec.tenancy.webadminResource,
            spamFilterResource: spec.tenancy.spamFilterResource,
        }),
    );
    manifest("config", stalwartConfigMap(tenant, toml));
    manifest("service-account", stalwartServiceAccount(tenant));
    manifest("statefulset", stalwartStatefulSet(tenant, { configToml: toml, ...imageRegistry }), [
        "namespace",
        "config",
        "service-account",
        "dkim-secret",
        adminSecretId,
        "oidc-external-secret",
        "certificate",
    ]);

    manifest("smtp", smtpService(tenant, { annotations: mailServiceAnnotations(tenant) }));
    manifest("imap", imapService(tenant, { annotations: mailServiceAnnotations(tenant, { publishHostname: false }) }));
    manifest("web", webService(tenant));

    manifest("default-deny", defaultDenyPolicy(tenant));
    manifest(
        "network-policy",
        stalwartNetworkPolicy(tenant, {
            gatewayNamespace: spec.gateways.namespace,
            keycloak: { namespace: platformNamespace(spec, "keycloak"), port: blueprintPolicyPort("keycloak") },
            powerdns: { namespace: platformNamespace(spec, "powerdns"), port: blueprintPolicyPort("powerdns") },
        }),
    );
    manifest("bootstrap-network-policy", bootstrapNetworkPolicy(tenant));
    manifest("certificate-reload-network-policy", certificateReloadNetworkPolicy(tenant));
    if (spec.gateways.management !== "none" && spec.gateways.className === "cilium") {
        manifest("gateway-ingress-policy", ciliumGatewayIngressPolicy(tenant));
    }
    if (spec.tenancy.egress.ciliumGateway !== undefined) {
        // Cluster-scoped: it does not live in the namespace, but goes with it.
        manifest("egress-gateway-policy", ciliumEgressGatewayPolicy(tenant, spec.tenancy.egress.ciliumGateway));
    }

    if (plan.webRoute) {
        manifest("user-web-route", plan.webRoute, ["namespace", "web"]);
    } else {
        manifest("user-web-ingress", traefikUserWebIngress(plan), ["namespace", "web"]);
    }

    manifest("bootstrap", bootstrapJob(tenant, imageRegistry), ["statefulset", "web", adminSecretId]);
    manifest("certificate-reload", certificateReloadCronJob(tenant, imageRegistry), ["web", adminSecretId]);
    return { generates: { adminPassword: generatedAdmin, dkimKeys: true }, objects, dnsRecords: records };
}
