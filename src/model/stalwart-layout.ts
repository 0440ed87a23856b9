// The contract between Stalwart's config.toml and its pod: listener ports, mount paths, env names and
// Secret keys. config-toml.ts and workload.ts both read these constants, which is why none of them is a
// per-tenant parameter: a path in the config that differs from the mount in the pod makes Stalwart
// fail at `%{file:…}%` resolution (OpenOva #4148), and nothing about them varies between tenants.

export type ListenerProtocol = "smtp" | "imap" | "http";

export interface StalwartListener {
    /** Listener id in `[server.listener.<id>]`, also the container port name (≤15 chars). */
    id: string;
    port: number;
    protocol: ListenerProtocol;
    /** TLS from the first byte (465, 993); the others offer STARTTLS (or none, for plain http). */
    implicitTls: boolean;
}

export const SMTP_PORT = 25;
export const SUBMISSION_PORT = 587;
export const SUBMISSIONS_PORT = 465;
export const IMAP_PORT = 143;
export const IMAPS_PORT = 993;
/** Plain HTTP: the Gateway's backend, the bootstrap Job's API endpoint and the kubelet probes. */
export const HTTP_PORT = 8080;

export const STALWART_LISTENERS: readonly StalwartListener[] = [
    { id: "smtp", port: SMTP_PORT, protocol: "smtp", implicitTls: false },
    { id: "submission", port: SUBMISSION_PORT, protocol: "smtp", implicitTls: false },
    { id: "submissions", port: SUBMISSIONS_PORT, protocol: "smtp", implicitTls: true },
    { id: "imap", port: IMAP_PORT, protocol: "imap", implicitTls: false },
    { id: "imaps", port: IMAPS_PORT, protocol: "imap", implicitTls: true },
    { id: "http", port: HTTP_PORT, protocol: "http", implicitTls: false },
];

/** IPv4 only: Sovereign pods are IPv4-only and `[::]` fails where the kernel has IPv6 disabled. */
export const BIND_ADDRESS = "0.0.0.0";

export const STALWART_BINARY = "/usr/local/bin/stalwart";
export const CONFIG_DIR = "/opt/stalwart/etc";
export const CONFIG_FILE_NAME = "config.toml";
export const CONFIG_PATH = `${CONFIG_DIR}/${CONFIG_FILE_NAME}`;
/** RocksDB lives on the PVC, mounted here only (not at /opt/stalwart, so the ConfigMap mount does not nest in it). */
export const DATA_DIR = "/opt/stalwart/data";
export const TLS_DIR = "/opt/stalwart/tls";
/** Keys of a `kubernetes.io/tls` Secret (cert-manager writes these). */
export const TLS_CERT_KEY = "tls.crt";
export const TLS_PRIVATE_KEY_KEY = "tls.key";
export const DKIM_DIR = "/opt/stalwart/dkim";
/** Key in the DKIM Secret, and so the file name under DKIM_DIR: the PKCS#8 PEM from @pulumi/tls `privateKeyPem`. */
export const DKIM_ED25519_KEY = "ed25519.key";
/** Key in the DKIM Secret of the RSA-2048 key: the PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`) from @pulumi/tls. */
export const DKIM_RSA_KEY = "rsa.key";
/** Writable scratch space; the root filesystem is read-only (webadmin unpacks to the temp dir). */
export const TMP_DIR = "/tmp";

export const TLS_CERT_PATH = `${TLS_DIR}/${TLS_CERT_KEY}`;
export const TLS_PRIVATE_KEY_PATH = `${TLS_DIR}/${TLS_PRIVATE_KEY_KEY}`;
export const DKIM_ED25519_KEY_PATH = `${DKIM_DIR}/${DKIM_ED25519_KEY}`;
export const DKIM_RSA_KEY_PATH = `${DKIM_DIR}/${DKIM_RSA_KEY}`;

/** Env var the config reads the fallback-admin password from (`%{env:ADMIN_SECRET}%`). */
export const ADMIN_SECRET_ENV = "ADMIN_SECRET";
export const OIDC_CLIENT_SECRET_ENV = "OIDC_CLIENT_SECRET";
/** Key of the admin password in its Secret (the OpenBao property name, kept as the Secret key). */
export const ADMIN_PASSWORD_SECRET_KEY = "ADMIN_PASSWORD";
/** Key of the Keycloak client secret in its Secret. */
export const OIDC_CLIENT_SECRET_KEY = "OIDC_CLIENT_SECRET";
/** The fallback admin's user name. Not a principal: the tenant admin principal is `admin@<domain>`. */
export const FALLBACK_ADMIN_USER = "admin";

/** The MX host: SMTP and IMAP on the tenant's LoadBalancers, and the name Stalwart's certificate carries. */
export function mailHostname(domain: string): string {
    return `mail.${domain}`;
}

/** Default web host: JMAP, DAV and account self-service through the console Gateway, never the MX host. */
export function defaultWebHostname(domain: string): string {
    return `webmail.${domain}`;
}

/**
 * First-boot downloads (crates/common/src/manager/mod.rs): without `<id>.resource` Stalwart fetches
 * `releases/latest` from GitHub, which fails air-gapped and, for the spam rules, is already the v0.16
 * rule format (stalwartlabs/spam-filter v3.0.0). These pins are the releases current with v0.15.5.
 */
export const STALWART_WEBADMIN_RESOURCE = "https://github.com/stalwartlabs/webadmin/releases/download/v0.1.33/webadmin.zip";
export const STALWART_SPAM_FILTER_RESOURCE = "https://github.com/stalwartlabs/spam-filter/releases/download/v2.0.5/spam-filter.toml";
