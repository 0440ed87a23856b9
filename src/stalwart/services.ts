// The three Services of a tenant's Stalwart. The mail Services are LoadBalancers with
// `externalTrafficPolicy: Local`, so Stalwart sees the client's address (SPF, auto-ban, rate limits);
// with SNAT every client would share a node IP and one abuser would get them all banned. Node ports
// are not allocated (OpenOva's Kyverno policy forbids them, and nothing needs them).
//
// `mail.<domain>` is one A record, while these are two LoadBalancers: give them the same address (for
// Cilium LB-IPAM the annotation `lbipam.cilium.io/sharing-key`, via `annotations`) or the IMAP SRV
// target will not reach the IMAP Service.

import type { TenantSpec } from "../model/tenant-spec";
import { stalwartLabels, stalwartSelectorLabels } from "../model/labels";
import { HTTP_PORT, IMAPS_PORT, IMAP_PORT, SMTP_PORT, SUBMISSIONS_PORT, SUBMISSION_PORT } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

export interface ServicePort {
    name: string;
    port: number;
    targetPort: string;
    protocol: "TCP";
}

export interface ServiceManifest {
    apiVersion: "v1";
    kind: "Service";
    metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
    spec: {
        type: "LoadBalancer" | "ClusterIP";
        selector: Record<string, string>;
        ports: ServicePort[];
        ipFamilyPolicy: "SingleStack";
        ipFamilies: ["IPv4"];
        externalTrafficPolicy?: "Local";
        allocateLoadBalancerNodePorts?: false;
        loadBalancerClass?: string;
    };
}

export interface LoadBalancerOptions {
    /** Provider annotations (address pool, IP sharing). */
    annotations?: Record<string, string>;
    loadBalancerClass?: string;
}

function port(name: string, number: number): ServicePort {
    // targetPort by name: the container port names are the listener ids.
    return { name, port: number, targetPort: name, protocol: "TCP" };
}

function service(
    tenant: TenantSpec,
    name: string,
    type: "LoadBalancer" | "ClusterIP",
    ports: ServicePort[],
    opts: LoadBalancerOptions,
): ServiceManifest {
    const names = stalwartNames(tenant.slug);
    const manifest: ServiceManifest = {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace: names.namespace, labels: stalwartLabels(tenant.slug) },
        spec: {
            type,
            selector: stalwartSelectorLabels(tenant.slug),
            ports,
            // Stalwart binds 0.0.0.0 only.
            ipFamilyPolicy: "SingleStack",
            ipFamilies: ["IPv4"],
        },
    };
    if (type === "LoadBalancer") {
        manifest.spec.externalTrafficPolicy = "Local";
        manifest.spec.allocateLoadBalancerNodePorts = false;
        if (opts.loadBalancerClass !== undefined) manifest.spec.loadBalancerClass = opts.loadBalancerClass;
        if (opts.annotations !== undefined && Object.keys(opts.annotations).length > 0) {
            manifest.metadata.annotations = { ...opts.annotations };
        }
    }
    return manifest;
}

export function smtpService(tenant: TenantSpec, opts: LoadBalancerOptions = {}): ServiceManifest {
    const ports = [port("smtp", SMTP_PORT), port("submission", SUBMISSION_PORT), port("submissions", SUBMISSIONS_PORT)];
    return service(tenant, stalwartNames(tenant.slug).smtpService, "LoadBalancer", ports, opts);
}

export function imapService(tenant: TenantSpec, opts: LoadBalancerOptions = {}): ServiceManifest {
    const ports = [port("imap", IMAP_PORT), port("imaps", IMAPS_PORT)];
    return service(tenant, stalwartNames(tenant.slug).imapService, "LoadBalancer", ports, opts);
}

/** JMAP, DAV, OAuth, web admin and API over plain HTTP: the route backend and the Jobs' endpoint. */
export function webService(tenant: TenantSpec): ServiceManifest {
    return service(tenant, stalwartNames(tenant.slug).webService, "ClusterIP", [port("http", HTTP_PORT)], {});
}

/** In-cluster base URL of the Stalwart HTTP listener (no cluster-domain assumption). */
export function stalwartInClusterUrl(tenant: TenantSpec): string {
    const names = stalwartNames(tenant.slug);
    return `http://${names.webService}.${names.namespace}.svc:${HTTP_PORT}`;
}
