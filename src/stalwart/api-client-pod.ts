// The pod that calls a tenant's Stalwart management API: the pinned curl image, non-root with a
// read-only root filesystem and a small writable /tmp (mktemp), no service account token, one
// container running a shell script. The bootstrap Job and the certificate-reload CronJob both run in it,
// so their security settings cannot drift apart.

import { ADMIN_PASSWORD_SECRET_KEY, FALLBACK_ADMIN_USER, TMP_DIR } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import type { EnvVar } from "./workload";

export const API_CLIENT_IMAGE = "curlimages/curl:8.11.1";
/** `curl_user`/`curl_group` of the curlimages/curl image. */
export const API_CLIENT_UID = 100;
export const API_CLIENT_GID = 101;

export function apiClientImage(imageRegistry?: string): string {
    return imageRegistry === undefined || imageRegistry === "" ? API_CLIENT_IMAGE : `${imageRegistry.replace(/\/+$/, "")}/${API_CLIENT_IMAGE}`;
}

/** The fallback admin's user name and password (from the admin Secret), as the scripts read them. */
export function fallbackAdminEnv(slug: string): EnvVar[] {
    return [
        { name: "ADMIN_USER", value: FALLBACK_ADMIN_USER },
        { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: stalwartNames(slug).adminSecret, key: ADMIN_PASSWORD_SECRET_KEY } } },
    ];
}

export interface ApiClientPodSpec {
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
}

export interface ApiClientPodOptions {
    container: string;
    script: string;
    env: EnvVar[];
    /** Requests and limits alike: Guaranteed QoS, which some tenant LimitRanges require. */
    resources: { cpu: string; memory: string };
    imageRegistry?: string;
}

export function apiClientPodSpec(slug: string, opts: ApiClientPodOptions): ApiClientPodSpec {
    return {
        // Never: each retry is a new pod, so a failed attempt's log stays readable.
        restartPolicy: "Never",
        serviceAccountName: stalwartNames(slug).serviceAccount,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: { runAsNonRoot: true, runAsUser: API_CLIENT_UID, runAsGroup: API_CLIENT_GID, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
            {
                name: opts.container,
                image: apiClientImage(opts.imageRegistry),
                imagePullPolicy: "IfNotPresent",
                command: ["/bin/sh", "-c", opts.script],
                env: opts.env,
                resources: { requests: opts.resources, limits: opts.resources },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                volumeMounts: [{ name: "tmp", mountPath: TMP_DIR }],
            },
        ],
        // mktemp needs a writable /tmp on the read-only root filesystem.
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }],
    };
}
