// The post-deploy bootstrap Job: creates the tenant's domain principal and its admin principal through
// Stalwart's v0.15 REST API, and re-sets the admin password on every run so a rotated OpenBao value
// converges. Idempotent: it can run after every deploy.
//
// Image: curlimages/curl, pinned. The Stalwart v0.15.5 image has no curl (OpenOva's Job ran there and
// every call failed silently); curlimages/curl is Alpine with BusyBox, so it has sh, sed,
// grep, tr, base64 and mktemp, but no jq. Stalwart's answers are small flat JSON objects
// (`{"data":…}` or `{"error":"…",…}`), which the script classifies with sed/grep; a JSON tool would need a
// bigger image (or a Node one) for no gain. 8.11.1 is the release the design was checked against; bump
// it deliberately, never float to `latest`.
//
// Stalwart answers API errors with HTTP 200 and a JSON `error`, so the script never relies on
// `curl -f`: it checks the status (401 = wrong fallback-admin password) and then the body, accepts
// `fieldAlreadyExists` where that means "already done", and exits non-zero on anything else.
//
// The script is inline in `command` (no ConfigMap): the Job's pod template is immutable, so a changed
// script makes Pulumi replace the Job, which runs it again.

import type { TenantSpec } from "../model/tenant-spec";
import { bootstrapLabels } from "../model/labels";
import { ADMIN_PASSWORD_SECRET_KEY, FALLBACK_ADMIN_USER, TMP_DIR } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import { stalwartInClusterUrl } from "./services";
import type { EnvVar } from "./workload";

export const BOOTSTRAP_IMAGE = "curlimages/curl:8.11.1";
/** `curl_user`/`curl_group` of the curlimages/curl image. */
export const BOOTSTRAP_UID = 100;
export const BOOTSTRAP_GID = 101;
export const DEFAULT_READY_ATTEMPTS = 60;
export const DEFAULT_READY_INTERVAL_SECONDS = 5;

/**
 * POSIX sh (BusyBox ash in the Job, dash in the test). Written without `${` and backticks so it can live
 * in a String.raw template. Env: STALWART_URL, STALWART_DOMAIN, ADMIN_USER, ADMIN_SECRET,
 * READY_ATTEMPTS, READY_INTERVAL.
 */
export const BOOTSTRAP_SCRIPT = String.raw`set -eu
LC_ALL=C
export LC_ALL

fail() {
  echo "bootstrap: $*" >&2
  exit 1
}

for name in STALWART_URL STALWART_DOMAIN ADMIN_USER ADMIN_SECRET READY_ATTEMPTS READY_INTERVAL; do
  env | grep -q "^$name=." || fail "$name is not set"
done

# Stalwart reads a secret starting with $, _ or { as a hash or {SCHEME}; control characters (a
# trailing newline in the Secret) would not survive JSON and basic auth alike.
case "$ADMIN_SECRET" in
  '$'* | '_'* | '{'*) fail "the admin password starts with \$, _ or {, which Stalwart reads as a hash; use an alphanumeric password" ;;
  *[[:cntrl:]]*) fail "the admin password contains a control character (a trailing newline in the Secret?)" ;;
esac

umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

json_escape() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}
json_string() {
  printf '"%s"' "$(json_escape "$1")"
}
secret_escaped="$(json_escape "$ADMIN_SECRET")"

# The Authorization header goes through a curl config file, so the password is never in argv.
printf 'header = "Authorization: Basic %s"\n' "$(printf '%s:%s' "$ADMIN_USER" "$ADMIN_SECRET" | base64 | tr -d '\n')" >"$work/curlrc"

response=""
show_response() {
  case "$response" in
    *"$ADMIN_SECRET"* | *"$secret_escaped"*) echo "bootstrap: (response withheld: it contains the password)" >&2 ;;
    *) echo "bootstrap: response: $response" >&2 ;;
  esac
}

# api METHOD PATH BODY: sets $result to "ok" ({"data":...}) or to Stalwart's error code.
api() {
  : >"$work/response"
  code="$(printf '%s' "$3" | curl -q -sS -K "$work/curlrc" -X "$1" -H 'Content-Type: application/json' \
    --data-binary @- -o "$work/response" -w '%{http_code}' --max-time 30 "$STALWART_URL$2")" ||
    fail "$1 $2: request failed"
  response="$(tr -d '\r\n' <"$work/response")"
  case "$code" in
    200) ;;
    401) fail "$1 $2: HTTP 401, Stalwart refused the fallback admin credentials" ;;
    *)
      show_response
      fail "$1 $2: HTTP $code"
      ;;
  esac
  if printf '%s' "$response" | grep -q '^[[:space:]]*{[[:space:]]*"data"[[:space:]]*:'; then
    result=ok
    return 0
  fi
  result="$(printf '%s' "$response" | sed -n 's/.*"error"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
  if [ -z "$result" ]; then
    show_response
    fail "$1 $2: the response has neither data nor error"
  fi
}

echo "bootstrap: waiting for $STALWART_URL/healthz/ready"
attempt=1
while :; do
  status="$(curl -q -sS -o /dev/null -w '%{http_code}' --max-time 5 "$STALWART_URL/healthz/ready" 2>/dev/null)" || true
  [ "$status" = 200 ] && break
  [ "$attempt" -ge "$READY_ATTEMPTS" ] && fail "Stalwart is not ready after $attempt attempts (last status: $status)"
  attempt=$((attempt + 1))
  sleep "$READY_INTERVAL"
done

# The domain principal first: every address of the admin principal must be in a known domain.
api POST /api/principal "{\"type\":\"domain\",\"name\":$(json_string "$STALWART_DOMAIN"),\"description\":\"Tenant mail domain\"}"
case "$result" in
  ok) echo "bootstrap: created domain $STALWART_DOMAIN" ;;
  fieldAlreadyExists) echo "bootstrap: domain $STALWART_DOMAIN already exists" ;;
  *)
    show_response
    fail "creating domain $STALWART_DOMAIN: $result"
    ;;
esac

principal="admin@$STALWART_DOMAIN"
api POST /api/principal "{\"type\":\"individual\",\"name\":$(json_string "$principal"),\"description\":\"Tenant administrator\",\"secrets\":[\"$secret_escaped\"],\"emails\":[$(json_string "$principal"),$(json_string "postmaster@$STALWART_DOMAIN")],\"roles\":[\"admin\"],\"enabledPermissions\":[\"email-receive\"]}"
case "$result" in
  ok) echo "bootstrap: created $principal" ;;
  fieldAlreadyExists)
    # Already there (or its address is taken by another principal, which the PATCH then reports as
    # notFound). Set the password so a rotated one converges; this replaces all its secrets.
    echo "bootstrap: $principal already exists, setting its password"
    api PATCH "/api/principal/$principal" "[{\"action\":\"set\",\"field\":\"secrets\",\"value\":[\"$secret_escaped\"]}]"
    if [ "$result" != ok ]; then
      show_response
      fail "setting the password of $principal: $result"
    fi
    ;;
  *)
    show_response
    fail "creating $principal: $result"
    ;;
esac
echo "bootstrap: done"
`;

export interface BootstrapJobOptions {
    /** Registry prefix for the pinned curl image (e.g. a Harbor proxy). */
    imageRegistry?: string;
    readyAttempts?: number;
    readyIntervalSeconds?: number;
}

export interface JobManifest {
    apiVersion: "batch/v1";
    kind: "Job";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: {
        backoffLimit: number;
        activeDeadlineSeconds: number;
        ttlSecondsAfterFinished: number;
        template: {
            metadata: { labels: Record<string, string> };
            spec: {
                restartPolicy: "Never";
                serviceAccountName: string;
                automountServiceAccountToken: false;
                enableServiceLinks: false;
                securityContext: {
                    runAsNonRoot: true;
                    runAsUser: number;
                    runAsGroup: number;
                    seccompProfile: { type: "RuntimeDefault" };
                };
                containers: {
                    name: string;
                    image: string;
                    imagePullPolicy: "IfNotPresent";
                    command: string[];
                    env: EnvVar[];
                    resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
                    securityContext: {
                        allowPrivilegeEscalation: false;
                        readOnlyRootFilesystem: true;
                        capabilities: { drop: string[] };
                    };
                    volumeMounts: { name: string; mountPath: string }[];
                }[];
                volumes: { name: string; emptyDir: { sizeLimit: string } }[];
            };
        };
    };
}

export function bootstrapImage(imageRegistry?: string): string {
    return imageRegistry === undefined || imageRegistry === "" ? BOOTSTRAP_IMAGE : `${imageRegistry.replace(/\/+$/, "")}/${BOOTSTRAP_IMAGE}`;
}

/**
 * Make it depend on the StatefulSet (Pulumi waits for its readiness); the script still waits for
 * /healthz/ready itself. ttlSecondsAfterFinished removes it a day later (logs kept that long); a
 * Pulumi refresh then recreates it, which is harmless because the script is idempotent.
 */
export function bootstrapJob(tenant: TenantSpec, opts: BootstrapJobOptions = {}): JobManifest {
    const names = stalwartNames(tenant.slug);
    const labels = bootstrapLabels(tenant.slug);
    const readyAttempts = opts.readyAttempts ?? DEFAULT_READY_ATTEMPTS;
    const readyInterval = opts.readyIntervalSeconds ?? DEFAULT_READY_INTERVAL_SECONDS;
    const resources = { cpu: "50m", memory: "64Mi" };
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: names.bootstrapJob, namespace: names.namespace, labels },
        spec: {
            backoffLimit: 3,
            // Above the readiness wait (attempts x (interval + 5 s curl timeout)) plus retries.
            activeDeadlineSeconds: Math.max(900, readyAttempts * (readyInterval + 5) + 300),
            ttlSecondsAfterFinished: 86400,
            template: {
                metadata: { labels },
                spec: {
                    // Never: each retry is a new pod, so a failed attempt's log stays readable.
                    restartPolicy: "Never",
                    serviceAccountName: names.serviceAccount,
                    automountServiceAccountToken: false,
                    enableServiceLinks: false,
                    securityContext: {
                        runAsNonRoot: true,
                        runAsUser: BOOTSTRAP_UID,
                        runAsGroup: BOOTSTRAP_GID,
                        seccompProfile: { type: "RuntimeDefault" },
                    },
                    containers: [
                        {
                            name: "bootstrap",
                            image: bootstrapImage(opts.imageRegistry),
                            imagePullPolicy: "IfNotPresent",
                            command: ["/bin/sh", "-c", BOOTSTRAP_SCRIPT],
                            env: [
                                { name: "STALWART_URL", value: stalwartInClusterUrl(tenant) },
                                { name: "STALWART_DOMAIN", value: tenant.domain.primary },
                                { name: "ADMIN_USER", value: FALLBACK_ADMIN_USER },
                                { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: names.adminSecret, key: ADMIN_PASSWORD_SECRET_KEY } } },
                                { name: "READY_ATTEMPTS", value: String(readyAttempts) },
                                { name: "READY_INTERVAL", value: String(readyInterval) },
                            ],
                            // requests = limits: Guaranteed QoS, which some tenant LimitRanges require.
                            resources: { requests: resources, limits: resources },
                            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                            volumeMounts: [{ name: "tmp", mountPath: TMP_DIR }],
                        },
                    ],
                    // mktemp needs a writable /tmp on the read-only root filesystem.
                    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }],
                },
            },
        },
    };
}
