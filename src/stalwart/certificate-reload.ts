// After cert-manager renews the tenant's certificate, Stalwart keeps serving the old one: it reads
// certificates when it builds its configuration (crates/common/src/listener/tls.rs) and re-reads them
// only on `GET /api/reload/certificate` (crates/http/src/management/reload.rs), which re-resolves the
// `%{file:…}%` macros of the local config (crates/common/src/manager/reload.rs). The kubelet refreshes
// the mounted Secret (also the first time, when the volume was optional and the Secret did not exist
// yet), so calling the endpoint periodically is enough: no operator, no pod restart.
//
// A CronJob with the bootstrap Job's pinned curl image calls it as the fallback admin through the
// ClusterIP Service; the NetworkPolicies admit exactly this pod to Stalwart's 8080.

import type { TenantSpec } from "../model/tenant-spec";
import { API_CLIENT_SH, BOOTSTRAP_GID, BOOTSTRAP_UID, bootstrapImage } from "./bootstrap-job";
import { certificateReloadLabels } from "../model/labels";
import { ADMIN_PASSWORD_SECRET_KEY, FALLBACK_ADMIN_USER, TMP_DIR } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import { stalwartInClusterUrl } from "./services";
import type { EnvVar } from "./workload";

/**
 * Every 6 hours: cert-manager renews 30 days (a third of a Let's Encrypt lifetime) before expiry, and a
 * first issuance after the tenant published its records is picked up within hours.
 */
export const CERTIFICATE_RELOAD_SCHEDULE = "17 */6 * * *";

export const CERTIFICATE_RELOAD_SCRIPT =
    String.raw`set -eu
SCRIPT_NAME=certificate-reload
` +
    API_CLIENT_SH +
    String.raw`
require_env STALWART_URL ADMIN_USER ADMIN_SECRET
check_secret
write_curlrc
api GET /api/reload/certificate
if [ "$result" != ok ]; then
  show_response
  fail "reloading the certificates: $result"
fi
echo "certificate-reload: Stalwart re-read its certificates"
`;

export interface CronJobManifest {
    apiVersion: "batch/v1";
    kind: "CronJob";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: {
        schedule: string;
        concurrencyPolicy: "Forbid";
        startingDeadlineSeconds: number;
        successfulJobsHistoryLimit: number;
        failedJobsHistoryLimit: number;
        jobTemplate: {
            metadata: { labels: Record<string, string> };
            spec: {
                backoffLimit: number;
                activeDeadlineSeconds: number;
                template: {
                    metadata: { labels: Record<string, string> };
                    spec: {
                        restartPolicy: "Never";
                        serviceAccountName: string;
                        automountServiceAccountToken: false;
                        enableServiceLinks: false;
                        securityContext: { runAsNonRoot: true; runAsUser: number; runAsGroup: number; seccompProfile: { type: "RuntimeDefault" } };
                        containers: {
                            name: string;
                            image: string;
                            imagePullPolicy: "IfNotPresent";
                            command: string[];
                            env: EnvVar[];
                            resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
                            securityContext: { allowPrivilegeEscalation: false; readOnlyRootFilesystem: true; capabilities: { drop: string[] } };
                            volumeMounts: { name: string; mountPath: string }[];
                        }[];
                        volumes: { name: string; emptyDir: { sizeLimit: string } }[];
                    };
                };
            };
        };
    };
}

export function certificateReloadCronJob(tenant: TenantSpec, opts: { imageRegistry?: string } = {}): CronJobManifest {
    const names = stalwartNames(tenant.slug);
    const labels = certificateReloadLabels(tenant.slug);
    const resources = { cpu: "20m", memory: "32Mi" };
    return {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: names.certificateReloadCronJob, namespace: names.namespace, labels },
        spec: {
            schedule: CERTIFICATE_RELOAD_SCHEDULE,
            concurrencyPolicy: "Forbid",
            startingDeadlineSeconds: 3600,
            successfulJobsHistoryLimit: 1,
            failedJobsHistoryLimit: 3,
            jobTemplate: {
                metadata: { labels },
                spec: {
                    backoffLimit: 2,
                    activeDeadlineSeconds: 300,
                    template: {
                        metadata: { labels },
                        spec: {
                            restartPolicy: "Never",
                            serviceAccountName: names.serviceAccount,
                            automountServiceAccountToken: false,
                            enableServiceLinks: false,
                            securityContext: { runAsNonRoot: true, runAsUser: BOOTSTRAP_UID, runAsGroup: BOOTSTRAP_GID, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "certificate-reload",
                                    image: bootstrapImage(opts.imageRegistry),
                                    imagePullPolicy: "IfNotPresent",
                                    command: ["/bin/sh", "-c", CERTIFICATE_RELOAD_SCRIPT],
                                    env: [
                                        { name: "STALWART_URL", value: stalwartInClusterUrl(tenant) },
                                        { name: "ADMIN_USER", value: FALLBACK_ADMIN_USER },
                                        { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: names.adminSecret, key: ADMIN_PASSWORD_SECRET_KEY } } },
                                    ],
                                    resources: { requests: resources, limits: resources },
                                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                    volumeMounts: [{ name: "tmp", mountPath: TMP_DIR }],
                                },
                            ],
                            volumes: [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }],
                        },
                    },
                },
            },
        },
    };
}
