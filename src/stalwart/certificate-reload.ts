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
import { ApiClientPodSpec, apiClientPodSpec, fallbackAdminEnv } from "./api-client-pod";
import { API_CLIENT_SH } from "./bootstrap-job";
import { certificateReloadLabels } from "../model/labels";
import { stalwartNames } from "../model/stalwart-names";
import { stalwartInClusterUrl } from "./services";

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
                template: { metadata: { labels: Record<string, string> }; spec: ApiClientPodSpec };
            };
        };
    };
}

export function certificateReloadCronJob(tenant: TenantSpec, opts: { imageRegistry?: string } = {}): CronJobManifest {
    const names = stalwartNames(tenant.slug);
    const labels = certificateReloadLabels(tenant.slug);
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
                        spec: apiClientPodSpec(tenant.slug, {
                            container: "certificate-reload",
                            script: CERTIFICATE_RELOAD_SCRIPT,
                            env: [{ name: "STALWART_URL", value: stalwartInClusterUrl(tenant) }, ...fallbackAdminEnv(tenant.slug)],
                            resources: { cpu: "20m", memory: "32Mi" },
                            ...(opts.imageRegistry === undefined ? {} : { imageRegistry: opts.imageRegistry }),
                        }),
                    },
                },
            },
        },
    };
}
