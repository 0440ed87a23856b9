// One SME tenant's mail server. Everything it creates is decided by `tenantManifests` (pure, unit
// tested); this component generates the secrets (admin password, RSA-2048 and Ed25519 DKIM keys),
// turns the manifests into resources in their order, and exposes the DNS records the domain needs.

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import type { ListenerIndex } from "../../topology/listeners";
import type { SovereignSpec } from "../../model/sovereign-spec";
import { RSA_DKIM_KEY_BITS } from "../../stalwart/dkim";
import type { DnsRecord } from "../../stalwart/dns-records";
import { GeneratedValue, KubeManifest, TenantObject, tenantManifests } from "../../stalwart/tenant-manifests";
import type { TenantPlan } from "../../plan/tenant-plan";
import { Blueprint } from "./blueprint";

export interface StalwartTenantArgs {
    plan: TenantPlan;
    spec: SovereignSpec;
    /** The Sovereign's listeners, for the route guard of chart-mode tenants. */
    listeners: ListenerIndex;
}

/** The typed class for the core kinds a tenant uses; anything else is a CustomResource. */
function createManifest(name: string, m: KubeManifest, opts: pulumi.CustomResourceOptions): pulumi.Resource {
    const args = m as never;
    switch (`${m.apiVersion}/${m.kind}`) {
        case "v1/Namespace":
            return new k8s.core.v1.Namespace(name, args, opts);
        case "v1/Secret":
            return new k8s.core.v1.Secret(name, args, opts);
        case "v1/ConfigMap":
            return new k8s.core.v1.ConfigMap(name, args, opts);
        case "v1/ServiceAccount":
            return new k8s.core.v1.ServiceAccount(name, args, opts);
        case "v1/Service":
            return new k8s.core.v1.Service(name, args, opts);
        case "apps/v1/StatefulSet":
            return new k8s.apps.v1.StatefulSet(name, args, opts);
        case "batch/v1/Job":
            return new k8s.batch.v1.Job(name, args, opts);
        case "batch/v1/CronJob":
            return new k8s.batch.v1.CronJob(name, args, opts);
        case "networking.k8s.io/v1/NetworkPolicy":
            return new k8s.networking.v1.NetworkPolicy(name, args, opts);
        case "networking.k8s.io/v1/Ingress":
            return new k8s.networking.v1.Ingress(name, args, opts);
        default:
            return new k8s.apiextensions.CustomResource(name, args, opts);
    }
}

export class StalwartTenant extends pulumi.ComponentResource {
    /** The records the tenant's domain needs (ACME delegation, MX, SPF, both DKIM keys, DMARC, TLS-RPT, SRV, web host). */
    readonly dnsRecords: pulumi.Output<DnsRecord[]>;
    readonly mailHost: string;
    readonly webHost: string;

    constructor(name: string, args: StalwartTenantArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sovereign-stacks:index:StalwartTenant", name, {}, opts);
        const { plan, spec } = args;
        const slug = plan.tenant.slug;
        const child = { parent: this };
        const planned = tenantManifests(plan, spec);

        // Alphanumeric: Stalwart reads a secret starting with $, _ or { as a hash.
        const generated: Partial<Record<GeneratedValue, pulumi.Output<string>>> = {};
        if (planned.generates.adminPassword) {
            generated.adminPassword = new random.RandomPassword(`${slug}-admin-password`, { length: 32, special: false }, child).result;
        }
        let publicKeys: pulumi.Output<{ rsa: string; ed25519: string }> | undefined;
        if (planned.generates.dkimKeys) {
            const rsa = new tls.PrivateKey(`${slug}-dkim-rsa`, { algorithm: "RSA", rsaBits: RSA_DKIM_KEY_BITS }, child);
            const ed25519 = new tls.PrivateKey(`${slug}-dkim`, { algorithm: "ED25519" }, child);
            generated.dkimRsaPrivateKeyPem = rsa.privateKeyPem;
            generated.dkimEd25519PrivateKeyPem = ed25519.privateKeyPem;
            publicKeys = pulumi.all([rsa.publicKeyPem, ed25519.publicKeyPem]).apply(([r, e]) => ({ rsa: r, ed25519: e }));
        }

        const created = new Map<string, pulumi.Resource>();
        const create = (o: TenantObject): pulumi.Resource => {
            const opts = { ...child, dependsOn: o.dependsOn.map((id) => created.get(id)!) };
            const id = `${slug}-${o.id}`;
            switch (o.type) {
                case "manifest":
                    return createManifest(id, o.manifest, opts);
                case "generatedSecret": {
                    const stringData = Object.fromEntries(Object.entries(o.stringData).map(([key, value]) => [key, generated[value]!]));
                    return createManifest(id, { ...o.manifest, stringData }, opts);
                }
                case "keyed":
                    return createManifest(id, { ...o.manifest, [o.field]: publicKeys!.apply(o.build) }, opts);
                case "chart":
                    return new Blueprint(o.id, { plan: o.chart, listeners: args.listeners }, opts);
            }
        };
        for (const o of planned.objects) created.set(o.id, create(o));

        this.mailHost = plan.mailHost;
        this.webHost = plan.webHost;
        this.dnsRecords = publicKeys !== undefined && planned.dnsRecords !== undefined ? publicKeys.apply(planned.dnsRecords) : pulumi.output([]);
        this.registerOutputs({ mailHost: this.mailHost, webHost: this.webHost, dnsRecords: this.dnsRecords });
    }
}
