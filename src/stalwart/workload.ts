// The Stalwart StatefulSet and its ServiceAccount. One replica: RocksDB is a single-writer embedded
// store, and a StatefulSet stops the old pod before starting the new one, so the RWO volume and the
// RocksDB LOCK are never contended.

import type { TenantSpec } from "../model/tenant-spec";
import { configChecksum } from "./config-toml";
import { LABEL_VERSION, stalwartLabels, stalwartSelectorLabels } from "../model/labels";
import {
    ADMIN_PASSWORD_SECRET_KEY,
    ADMIN_SECRET_ENV,
    CONFIG_DIR,
    CONFIG_FILE_NAME,
    CONFIG_PATH,
    DATA_DIR,
    DKIM_DIR,
    DKIM_ED25519_KEY,
    DKIM_RSA_KEY,
    OIDC_CLIENT_SECRET_ENV,
    OIDC_CLIENT_SECRET_KEY,
    STALWART_BINARY,
    STALWART_LISTENERS,
    TLS_CERT_KEY,
    TLS_DIR,
    TLS_PRIVATE_KEY_KEY,
    TMP_DIR,
} from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

/**
 * v0.15.5 is the last release with config.toml and the /api REST API; `latest` and `v0.16` are the
 * config.json/JMAP product and crash-loop on this TOML (OpenOva #4148). Never float this tag.
 */
export const STALWART_VERSION = "v0.15.5";
export const STALWART_IMAGE_REPOSITORY = "stalwartlabs/stalwart";
export const STALWART_IMAGE = `${STALWART_IMAGE_REPOSITORY}:${STALWART_VERSION}`;

export const DEFAULT_SPOOL_SIZE = "20Gi";
export const DEFAULT_RESOURCES = {
    requests: { cpu: "100m", memory: "256Mi" },
    limits: { cpu: "1", memory: "1Gi" },
} as const;

/** The v0.15.5 image has no user; run as the UID the v0.16 image uses, so a later move keeps file ownership. */
export const STALWART_UID = 2000;
export const CONFIG_CHECKSUM_ANNOTATION = "checksum/config";
export const CONTAINER_NAME = "stalwart";

export interface StalwartWorkloadOptions {
    /** The rendered config.toml; its checksum goes on the pod so a config change rolls the pod. */
    configToml: string;
    /** e.g. `harbor.example/proxy-dockerhub`: prefixed to the pinned image, the tag never changes. */
    imageRegistry?: string;
    storageClassName?: string;
}

export function stalwartImage(imageRegistry?: string): string {
    return imageRegistry === undefined || imageRegistry === "" ? STALWART_IMAGE : `${imageRegistry.replace(/\/+$/, "")}/${STALWART_IMAGE}`;
}

export interface ServiceAccountManifest {
    apiVersion: "v1";
    kind: "ServiceAccount";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    automountServiceAccountToken: false;
}

/** Stalwart never talks to the Kubernetes API: no token anywhere. */
export function stalwartServiceAccount(tenant: TenantSpec): ServiceAccountManifest {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: names.serviceAccount, namespace: names.namespace, labels: stalwartLabels(tenant.slug) },
        automountServiceAccountToken: false,
    };
}

// The plain Kubernetes shapes the lead passes to `new k8s.apps.v1.StatefulSet(name, manifest)`;
// structurally compatible with the @pulumi/kubernetes input types, kept local to stay Pulumi-free.
export interface EnvVar {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef: { name: string; key: string; optional?: boolean } };
}

export interface HttpProbe {
    httpGet: { path: string; port: string; scheme: "HTTP" };
    initialDelaySeconds?: number;
    periodSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
}

export interface VolumeMount {
    name: string;
    mountPath: string;
    readOnly?: boolean;
}

export interface Volume {
    name: string;
    configMap?: { name: string; items: { key: string; path: string }[] };
    secret?: { secretName: string; defaultMode: number; optional?: boolean; items: { key: string; path: string }[] };
    emptyDir?: { sizeLimit: string };
}

export interface StatefulSetManifest {
    apiVersion: "apps/v1";
    kind: "StatefulSet";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: {
        replicas: 1;
        serviceName: string;
        selector: { matchLabels: Record<string, string> };
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain"; whenScaled: "Retain" };
        template: {
            metadata: { labels: Record<string, string>; annotations: Record<string, string> };
            spec: {
                serviceAccountName: string;
                automountServiceAccountToken: false;
                enableServiceLinks: false;
                terminationGracePeriodSeconds: number;
                securityContext: {
                    runAsNonRoot: true;
                    runAsUser: number;
                    runAsGroup: number;
                    fsGroup: number;
                    fsGroupChangePolicy: "OnRootMismatch";
                    seccompProfile: { type: "RuntimeDefault" };
                    sysctls: { name: string; value: string }[];
                };
                containers: {
                    name: string;
                    image: string;
                    imagePullPolicy: "IfNotPresent";
                    command: string[];
                    args: string[];
                    ports: { name: string; containerPort: number; protocol: "TCP" }[];
                    env: EnvVar[];
                    resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
                    startupProbe: HttpProbe;
                    livenessProbe: HttpProbe;
                    readinessProbe: HttpProbe;
                    securityContext: {
                        allowPrivilegeEscalation: false;
                        readOnlyRootFilesystem: true;
                        runAsNonRoot: true;
                        capabilities: { drop: string[] };
                    };
                    volumeMounts: VolumeMount[];
                }[];
                volumes: Volume[];
            };
        };
        volumeClaimTemplates: {
            metadata: { name: string; labels: Record<string, string> };
            spec: {
                accessModes: string[];
                storageClassName?: string;
                resources: { requests: { storage: string } };
            };
        }[];
    };
}

function probe(path: string, periodSeconds: number, failureThreshold: number): HttpProbe {
    return { httpGet: { path, port: "http", scheme: "HTTP" }, periodSeconds, timeoutSeconds: 5, failureThreshold };
}

export function stalwartStatefulSet(tenant: TenantSpec, opts: StalwartWorkloadOptions): StatefulSetManifest {
    const slug = tenant.slug;
    const names = stalwartNames(slug);
    const labels = stalwartLabels(slug);
    const podLabels = { ...labels, [LABEL_VERSION]: STALWART_VERSION };
    const requests = {
        cpu: tenant.resources.requests.cpu || DEFAULT_RESOURCES.requests.cpu,
        memory: tenant.resources.requests.memory || DEFAULT_RESOURCES.requests.memory,
    };
    const limits = {
        cpu: tenant.resources.limits.cpu || DEFAULT_RESOURCES.limits.cpu,
        memory: tenant.resources.limits.memory || DEFAULT_RESOURCES.limits.memory,
    };
    const claimSpec: StatefulSetManifest["spec"]["volumeClaimTemplates"][number]["spec"] = {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: tenant.spoolSize || DEFAULT_SPOOL_SIZE } },
    };
    if (opts.storageClassName !== undefined && opts.storageClassName !== "") claimSpec.storageClassName = opts.storageClassName;

    return {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: names.statefulSet, namespace: names.namespace, labels: podLabels },
        spec: {
            replicas: 1,
            // The governing Service; the ClusterIP web Service serves, as no per-pod DNS name is needed.
            serviceName: names.webService,
            selector: { matchLabels: stalwartSelectorLabels(slug) },
            // Mail is data: deleting or scaling the StatefulSet must never delete the volume.
            persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
            template: {
                metadata: {
                    labels: podLabels,
                    annotations: { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(opts.configToml) },
                },
                spec: {
                    serviceAccountName: names.serviceAccount,
                    automountServiceAccountToken: false,
                    enableServiceLinks: false,
                    // Let SMTP sessions finish and RocksDB flush on shutdown.
                    terminationGracePeriodSeconds: 60,
                    securityContext: {
                        runAsNonRoot: true,
                        runAsUser: STALWART_UID,
                        runAsGroup: STALWART_UID,
                        fsGroup: STALWART_UID,
                        fsGroupChangePolicy: "OnRootMismatch",
                        seccompProfile: { type: "RuntimeDefault" },
                        // The v0.15.5 binary has no file capability, so NET_BIND_SERVICE cannot help a
                        // non-root process bind 25/143/465/587/993; this namespaced, "safe" sysctl can.
                        sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
                    },
                    containers: [
                        {
                            name: CONTAINER_NAME,
                            image: stalwartImage(opts.imageRegistry),
                            imagePullPolicy: "IfNotPresent",
                            // The image's entrypoint ignores args; `command` makes the invocation explicit.
                            command: [STALWART_BINARY],
                            args: ["--config", CONFIG_PATH],
                            ports: STALWART_LISTENERS.map((l) => ({ name: l.id, containerPort: l.port, protocol: "TCP" as const })),
                            env: [
                                {
                                    name: ADMIN_SECRET_ENV,
                                    valueFrom: { secretKeyRef: { name: names.adminSecret, key: ADMIN_PASSWORD_SECRET_KEY } },
                                },
                                {
                                    // Optional: a missing OpenBao secret must not keep the mail server from
                                    // starting; Keycloak logins fail until it exists (the fallback admin works).
                                    name: OIDC_CLIENT_SECRET_ENV,
                                    valueFrom: {
                                        secretKeyRef: { name: tenant.keycloak.clientSecretName, key: OIDC_CLIENT_SECRET_KEY, optional: true },
                                    },
                                },
                            ],
                            resources: { requests, limits },
                            // HTTP probes on 8080 only: TCP probes on 25 look like scans and get the node
                            // IP auto-banned (Stalwart #1503). The first boot downloads the pinned webadmin
                            // and spam rules (60 s timeout each), hence a generous startup window (5 min).
                            startupProbe: probe("/healthz/live", 10, 30),
                            livenessProbe: probe("/healthz/live", 30, 5),
                            readinessProbe: probe("/healthz/ready", 10, 3),
                            securityContext: {
                                allowPrivilegeEscalation: false,
                                readOnlyRootFilesystem: true,
                                runAsNonRoot: true,
                                capabilities: { drop: ["ALL"] },
                            },
                            volumeMounts: [
                                { name: "config", mountPath: CONFIG_DIR, readOnly: true },
                                { name: names.dataVolumeClaim, mountPath: DATA_DIR },
                                { name: "tls", mountPath: TLS_DIR, readOnly: true },
                                { name: "dkim", mountPath: DKIM_DIR, readOnly: true },
                                { name: "tmp", mountPath: TMP_DIR },
                            ],
                        },
                    ],
                    volumes: [
                        { name: "config", configMap: { name: names.configMap, items: [{ key: CONFIG_FILE_NAME, path: CONFIG_FILE_NAME }] } },
                        // Optional: a BYO tenant's certificate waits for DNS records the tenant publishes
                        // later, and the server must start regardless. Until then the `%{file:}%` macros
                        // fail (logged) and Stalwart serves its self-signed certificate; the kubelet
                        // projects the Secret once it exists and the reload CronJob makes Stalwart read it.
                        // 0440 + fsGroup: only the Stalwart group reads the keys.
                        {
                            name: "tls",
                            secret: {
                                secretName: names.tlsSecret,
                                defaultMode: 0o440,
                                optional: true,
                                items: [
                                    { key: TLS_CERT_KEY, path: TLS_CERT_KEY },
                                    { key: TLS_PRIVATE_KEY_KEY, path: TLS_PRIVATE_KEY_KEY },
                                ],
                            },
                        },
                        {
                            name: "dkim",
                            secret: {
                                secretName: names.dkimSecret,
                                defaultMode: 0o440,
                                items: [
                                    { key: DKIM_RSA_KEY, path: DKIM_RSA_KEY },
                                    { key: DKIM_ED25519_KEY, path: DKIM_ED25519_KEY },
                                ],
                            },
                        },
                        { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
                    ],
                },
            },
            volumeClaimTemplates: [
                {
                    // Only labels that never change: volumeClaimTemplates is immutable, so a version or
                    // chart label here would force a replace of the StatefulSet on every upgrade.
                    metadata: { name: names.dataVolumeClaim, labels: stalwartSelectorLabels(slug) },
                    spec: claimSpec,
                },
            ],
        },
    };
}
