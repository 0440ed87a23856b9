// The post-deploy bootstrap Job: creates the tenant's domain principal and its admin principal through
// Stalwart's v0.15 REST API, makes sure the DMARC report mailbox exists, and ends with a reload.
// Idempotent: it runs after every deploy and converges without touching what the tenant admin owns.
//
// What a rerun never does: write the admin's secrets. In v0.15.5 (crates/directory/src/backend/
// internal/manage.rs) `set secrets` deletes every Password, AppPassword and OtpAuth entry (2FA and app
// passwords gone), and `addItem` of a plain password replaces the current Password (a password the
// admin changed would be reverted). So the OpenBao (or generated) password is the admin's INITIAL
// credential only; rotating it rotates the fallback admin, which Stalwart reads from the environment.
//
// The admin principal is created through `/api/principal/deploy`: the default directory is the tenant's
// Keycloak realm (an OIDC directory), for which plain `POST /api/principal` refuses individuals
// (crates/http/src/management/principal.rs, assert_supported_directory). With an OIDC default directory
// password logins accept app passwords only, so the initial credential is stored as the app password
// "bootstrap" (`$app$bootstrap$<password>`).
//
// Image: curlimages/curl, pinned. The Stalwart v0.15.5 image has no curl (OpenOva's Job ran there and
// every call failed silently); curlimages/curl is Alpine with BusyBox, so it has sh, sed,
// grep, tr, base64 and mktemp, but no jq. Stalwart's answers are small flat JSON objects
// (`{"data":…}` or `{"error":"…",…}`), which the script classifies with sed/grep. 8.11.1 is the release
// the design was checked against; bump it deliberately, never float to `latest`.
//
// Stalwart answers API errors with HTTP 200 and a JSON `error`, so the script never relies on
// `curl -f`: it checks the status (401 = wrong fallback-admin password) and then the body, accepts
// `fieldAlreadyExists` where that means "already done", and exits non-zero on anything else.
//
// The script is inline in `command` (no ConfigMap): the Job's pod template is immutable, so a changed
// script makes Pulumi replace the Job, which runs it again.

import type { TenantSpec } from "../model/tenant-spec";
import { bootstrapLabels } from "../model/labels";
import { stalwartNames } from "../model/stalwart-names";
import { ApiClientPodSpec, apiClientPodSpec, fallbackAdminEnv } from "./api-client-pod";
import { stalwartInClusterUrl } from "./services";

export const DEFAULT_READY_ATTEMPTS = 60;
export const DEFAULT_READY_INTERVAL_SECONDS = 5;
/** Name of the app password the admin's initial credential is stored as. */
export const BOOTSTRAP_APP_PASSWORD_NAME = "bootstrap";

/**
 * Shared by the bootstrap and certificate-reload scripts: checks, a curl config file carrying the
 * Basic credentials (never in argv), and `api METHOD PATH [BODY]`, which sets $result to "ok"
 * ({"data":...}) or to Stalwart's error code. Needs STALWART_URL, ADMIN_USER, ADMIN_SECRET.
 */
export const API_CLIENT_SH = String.raw`LC_ALL=C
export LC_ALL

fail() {
  echo "$SCRIPT_NAME: $*" >&2
  exit 1
}

require_env() {
  for name in "$@"; do
    env | grep -q "^$name=." || fail "$name is not set"
  done
}

# Stalwart reads a secret starting with $, _ or { as a hash or {SCHEME}; control characters (a
# trailing newline in the Secret) would not survive JSON and basic auth alike.
check_secret() {
  case "$ADMIN_SECRET" in
    '$'* | '_'* | '{'*) fail "the admin password starts with \$, _ or {, which Stalwart reads as a hash; use an alphanumeric password" ;;
    *[[:cntrl:]]*) fail "the admin password contains a control character (a trailing newline in the Secret?)" ;;
  esac
}

umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

json_escape() {
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}
json_string() {
  printf '"%s"' "$(json_escape "$1")"
}

write_curlrc() {
  printf 'header = "Authorization: Basic %s"\n' "$(printf '%s:%s' "$ADMIN_USER" "$ADMIN_SECRET" | base64 | tr -d '\n')" >"$work/curlrc"
}

response=""
show_response() {
  case "$response" in
    *"$ADMIN_SECRET"* | *"$(json_escape "$ADMIN_SECRET")"*) echo "$SCRIPT_NAME: (response withheld: it contains the password)" >&2 ;;
    *) echo "$SCRIPT_NAME: response: $response" >&2 ;;
  esac
}

api() {
  : >"$work/response"
  if [ "$#" -ge 3 ]; then
    code="$(printf '%s' "$3" | curl -q -sS -K "$work/curlrc" -X "$1" -H 'Content-Type: application/json' \
      --data-binary @- -o "$work/response" -w '%{http_code}' --max-time 30 "$STALWART_URL$2")" ||
      fail "$1 $2: request failed"
  else
    code="$(curl -q -sS -K "$work/curlrc" -X "$1" -o "$work/response" -w '%{http_code}' --max-time 30 "$STALWART_URL$2")" ||
      fail "$1 $2: request failed"
  fi
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
`;

/**
 * POSIX sh (BusyBox ash in the Job, dash in the test). Written without `${` and backticks so it can live
 * in a String.raw template. Env: STALWART_URL, STALWART_DOMAIN, ADMIN_USER, ADMIN_SECRET,
 * READY_ATTEMPTS, READY_INTERVAL, and RUA_ALIAS (the DMARC report address when it is in the tenant's
 * domain, else empty).
 */
export const BOOTSTRAP_SCRIPT = String.raw`set -eu
SCRIPT_NAME=bootstrap
` + API_CLIENT_SH + String.raw`
require_env STALWART_URL STALWART_DOMAIN ADMIN_USER ADMIN_SECRET READY_ATTEMPTS READY_INTERVAL
check_secret
write_curlrc
RUA_ALIAS="$(env | sed -n 's/^RUA_ALIAS=//p')"

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
emails="$(json_string "$principal"),$(json_string "postmaster@$STALWART_DOMAIN")"
api POST /api/principal/deploy "{\"type\":\"individual\",\"name\":$(json_string "$principal"),\"description\":\"Tenant administrator\",\"secrets\":[$(json_string "\$app\$bootstrap\$$ADMIN_SECRET")],\"emails\":[$emails],\"roles\":[\"admin\"],\"enabledPermissions\":[\"email-receive\"]}"
case "$result" in
  ok) echo "bootstrap: created $principal" ;;
  fieldAlreadyExists) echo "bootstrap: $principal already exists; its secrets belong to the tenant admin and are left alone" ;;
  *)
    show_response
    fail "creating $principal: $result"
    ;;
esac

# DMARC aggregate reports must land somewhere: an alias of the admin unless the address is taken.
if [ -n "$RUA_ALIAS" ]; then
  api PATCH "/api/principal/$principal" "[{\"action\":\"addItem\",\"field\":\"emails\",\"value\":$(json_string "$RUA_ALIAS")}]"
  case "$result" in
    ok) echo "bootstrap: $RUA_ALIAS receives DMARC reports" ;;
    fieldAlreadyExists) echo "bootstrap: $RUA_ALIAS already belongs to another principal" ;;
    *)
      show_response
      fail "adding $RUA_ALIAS to $principal: $result"
      ;;
  esac
fi

# The server now uses what it stored (the domain principal also sets report.domain in the database).
api GET /api/reload
if [ "$result" != ok ]; then
  show_response
  fail "reloading the configuration: $result"
fi
echo "bootstrap: reloaded the configuration"
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
        template: { metadata: { labels: Record<string, string> }; spec: ApiClientPodSpec };
    };
}

/** The DMARC report address, when it is an address of the tenant's own domain (the alias to create). */
export function dmarcRuaAlias(tenant: TenantSpec): string {
    const bare = tenant.dmarcRua.replace(/^mailto:/, "").toLowerCase();
    return bare.endsWith(`@${tenant.domain.primary}`) ? bare : "";
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
                spec: apiClientPodSpec(tenant.slug, {
                    container: "bootstrap",
                    script: BOOTSTRAP_SCRIPT,
                    env: [
                        { name: "STALWART_URL", value: stalwartInClusterUrl(tenant) },
                        { name: "STALWART_DOMAIN", value: tenant.domain.primary },
                        ...fallbackAdminEnv(tenant.slug),
                        { name: "READY_ATTEMPTS", value: String(readyAttempts) },
                        { name: "READY_INTERVAL", value: String(readyInterval) },
                        { name: "RUA_ALIAS", value: dmarcRuaAlias(tenant) },
                    ],
                    resources: { cpu: "50m", memory: "64Mi" },
                    ...(opts.imageRegistry === undefined ? {} : { imageRegistry: opts.imageRegistry }),
                }),
            },
        },
    };
}
