// Stalwart v0.15.5 bootstrap config.toml, built as data and serialised with smol-toml (never a string
// template). Stalwart reads the file with its own small TOML reader, which understands what smol-toml
// writes here: tables, `[[arrays of tables]]`, quoted keys and double-quoted strings without escapes.
//
// Local keys (server.*, store.*, storage.*, directory.*, tracer.*, certificate.*,
// authentication.fallback-admin.*) belong in the file. The database keys below (http.*, signature.*,
// auth.*, report.domain, spam-filter.*, webadmin.*, server.allowed-ip) are set here on purpose: file
// values win over database values at boot and at reload (crates/common/src/manager/boot.rs), so the
// Pulumi program owns them and the webadmin cannot change them.

import { createHash } from "node:crypto";
import { stringify } from "smol-toml";
import type { TenantSpec } from "../model/tenant-spec";
import { assertDnsLabel, assertHostname, assertIpOrCidr } from "./dns-names";
import { tenantMailLabels } from "../model/labels";
import {
    ADMIN_SECRET_ENV,
    BIND_ADDRESS,
    CONFIG_FILE_NAME,
    DATA_DIR,
    DKIM_ED25519_KEY_PATH,
    DKIM_RSA_KEY_PATH,
    FALLBACK_ADMIN_USER,
    OIDC_CLIENT_SECRET_ENV,
    STALWART_LISTENERS,
    STALWART_SPAM_FILTER_RESOURCE,
    STALWART_WEBADMIN_RESOURCE,
    TLS_CERT_PATH,
    TLS_PRIVATE_KEY_PATH,
    mailHostname,
} from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
    [key: string]: TomlValue;
}
export type StalwartConfig = TomlTable;

/** Stalwart's own default selector convention is YYYYMM plus e/r; fixed ones are simpler to publish. */
export const DEFAULT_DKIM_SELECTOR = "ed25519";
export const DEFAULT_RSA_DKIM_SELECTOR = "rsa";
export const ROCKSDB_STORE_ID = "rocksdb";
export const INTERNAL_DIRECTORY_ID = "internal";
export const OIDC_DIRECTORY_ID = "keycloak";

/** Signature ids Stalwart's `auth.dkim.sign` convention expects: `rsa-<domain>`, `ed25519-<domain>`. */
export function ed25519SignatureId(domain: string): string {
    return `ed25519-${domain}`;
}
export function rsaSignatureId(domain: string): string {
    return `rsa-${domain}`;
}

/**
 * `auth.dkim.sign` must return signature NAMES (OpenOva returned `true`, which signs nothing). This is
 * Stalwart's own default (crates/common/src/config/smtp/auth.rs), written out so the file states it:
 * both signatures, RSA first (the one the large receivers verify).
 */
export const DKIM_SIGN_EXPRESSION: TomlValue[] = [
    { if: "is_local_domain('*', sender_domain)", then: "['rsa-' + sender_domain, 'ed25519-' + sender_domain]" },
    { else: false },
];

/** Keys whose value is an expression (a single one, or an if/then/else block). */
export const EXPRESSION_KEYS: readonly string[] = ["http.url", "auth.dkim.sign", "auth.arc.seal"];


/** A resource setting (https URL or absolute path) as Stalwart's `fetch_resource` reads it. */
export function resourceUrl(setting: string): string {
    return setting.startsWith("/") ? `file://${setting}` : setting;
}

/** Keycloak's token introspection endpoint of a realm URL (`https://<kc>/realms/<realm>`). */
export function keycloakIntrospectionUrl(realmURL: string): string {
    return `${realmURL.replace(/\/+$/, "")}/protocol/openid-connect/token/introspect`;
}

export interface StalwartConfigOptions {
    /** Pod, node and load-balancer SNAT CIDRs: exempt from auto-ban (probes and SNAT'd traffic get banned otherwise). */
    allowedIps: readonly string[];
    /** The public web host (JMAP, DAV, OAuth, self-service): Stalwart's `http.url`. */
    webHost: string;
    dkimSelector?: string;
    rsaDkimSelector?: string;
    /** Inbound spam filtering; off by default (the founder's "accept everything, filter at the client"). */
    spamFilter?: boolean;
    /** `webadmin.resource` / `spam-filter.resource` settings: https URLs or absolute paths. */
    webadminResource?: string;
    spamFilterResource?: string;
}

export function stalwartConfig(tenant: TenantSpec, opts: StalwartConfigOptions): StalwartConfig {
    const domain = tenant.domain.primary;
    const hostname = mailHostname(domain);
    assertHostname(hostname, `tenant ${tenant.slug}: mail host name`);
    assertHostname(opts.webHost, `tenant ${tenant.slug}: web host`);
    if (opts.webHost === hostname) throw new Error(`tenant ${tenant.slug}: the web host must differ from the MX host ${hostname}`);
    const selector = opts.dkimSelector ?? DEFAULT_DKIM_SELECTOR;
    const rsaSelector = opts.rsaDkimSelector ?? DEFAULT_RSA_DKIM_SELECTOR;
    assertDnsLabel(selector, `tenant ${tenant.slug}: DKIM selector`);
    assertDnsLabel(rsaSelector, `tenant ${tenant.slug}: RSA DKIM selector`);
    opts.allowedIps.forEach((ip) => assertIpOrCidr(ip, `tenant ${tenant.slug}: allowed IP`));

    const listener: TomlTable = {};
    for (const l of STALWART_LISTENERS) {
        const entry: TomlTable = { bind: `${BIND_ADDRESS}:${l.port}`, protocol: l.protocol };
        if (l.implicitTls) entry.tls = { implicit: true };
        listener[l.id] = entry;
    }

    const server: TomlTable = { hostname, listener };
    // A set: Stalwart reads `"10.0.0.0/8" = ""` entries (TOML has no set syntax).
    if (opts.allowedIps.length > 0) {
        server["allowed-ip"] = Object.fromEntries(opts.allowedIps.map((ip) => [ip, ""]));
    }
    const signature = (algorithm: "rsa-sha256" | "ed25519-sha256", keyPath: string, sel: string): TomlTable => ({
        "private-key": `%{file:${keyPath}}%`,
        domain,
        selector: sel,
        algorithm,
        canonicalization: "relaxed/relaxed",
    });

    return {
        server,
        store: { [ROCKSDB_STORE_ID]: { type: "rocksdb", path: DATA_DIR, compression: "lz4" } },
        storage: {
            data: ROCKSDB_STORE_ID,
            blob: ROCKSDB_STORE_ID,
            fts: ROCKSDB_STORE_ID,
            lookup: ROCKSDB_STORE_ID,
            // Logins go through the tenant's Keycloak realm (OAUTHBEARER) and app passwords.
            directory: OIDC_DIRECTORY_ID,
        },
        directory: {
            [INTERNAL_DIRECTORY_ID]: { type: "internal", store: ROCKSDB_STORE_ID },
            // Stalwart v0.15 is a resource server: it validates access tokens by introspection
            // (crates/directory/src/backend/oidc/config.rs) and materialises principals by email; as the
            // default directory, password logins accept app passwords only (oidc/lookup.rs).
            [OIDC_DIRECTORY_ID]: {
                type: "oidc",
                timeout: "15s",
                endpoint: { url: keycloakIntrospectionUrl(tenant.keycloak.realmURL), method: "introspect" },
                auth: { method: "basic", username: tenant.keycloak.clientID, secret: `%{env:${OIDC_CLIENT_SECRET_ENV}}%` },
                fields: { email: "email", "full-name": "name" },
            },
        },
        tracer: { stdout: { type: "stdout", level: "info", ansi: false, enable: true } },
        // Read from the environment (a Secret), never written into the ConfigMap.
        authentication: { "fallback-admin": { user: FALLBACK_ADMIN_USER, secret: `%{env:${ADMIN_SECRET_ENV}}%` } },
        // default = true: clients without SNI would otherwise get the built-in self-signed certificate.
        // Until cert-manager has issued the Secret the files are absent: Stalwart logs the macro error
        // and serves its self-signed certificate; the reload CronJob picks the real one up.
        certificate: {
            default: { cert: `%{file:${TLS_CERT_PATH}}%`, "private-key": `%{file:${TLS_PRIVATE_KEY_PATH}}%`, default: true },
        },
        // The default http.url is built from the listener (`http://mail.x:8080`); behind the Gateway the
        // public URL is https on 443 at the web host, written as a quoted literal (the value is an expression).
        http: { url: `'https://${opts.webHost}'`, "use-x-forwarded": true },
        // Without it, Network::parse (crates/common/src/config/network.rs) falls back to the registrable
        // part of server.hostname (the Sovereign's zone for a free subdomain) until a restart.
        report: { domain },
        "spam-filter": { enable: opts.spamFilter ?? false, resource: resourceUrl(opts.spamFilterResource ?? STALWART_SPAM_FILTER_RESOURCE) },
        webadmin: { resource: resourceUrl(opts.webadminResource ?? STALWART_WEBADMIN_RESOURCE) },
        signature: {
            [rsaSignatureId(domain)]: signature("rsa-sha256", DKIM_RSA_KEY_PATH, rsaSelector),
            [ed25519SignatureId(domain)]: signature("ed25519-sha256", DKIM_ED25519_KEY_PATH, selector),
        },
        auth: {
            dkim: { sign: DKIM_SIGN_EXPRESSION },
            // The default seals with `'rsa-' + config_get('report.domain')`; naming the signature states it.
            arc: { seal: `'${rsaSignatureId(domain)}'` },
        },
    };
}

export function renderConfigToml(config: StalwartConfig): string {
    return stringify(config);
}

/** sha256 of the rendered file, for the pod annotation that rolls the pod on a config change. */
export function configChecksum(toml: string): string {
    return createHash("sha256").update(toml, "utf8").digest("hex");
}

function isTable(v: TomlValue | undefined): v is TomlTable {
    // Stryker disable next-line ConditionalExpression: TOML has no null, so v !== null always holds
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isIfBlock(v: TomlValue): v is TomlValue[] {
    return Array.isArray(v) && v.length > 0 && v.every((i) => isTable(i) && ("if" in i || "else" in i));
}

function collectExpression(v: TomlValue, out: string[]): void {
    if (isIfBlock(v)) {
        for (const branch of v as TomlTable[]) {
            for (const key of ["if", "then", "else"]) {
                const e = branch[key];
                if (e !== undefined) out.push(String(e));
            }
        }
    } else {
        out.push(String(v));
    }
}

/**
 * Every expression in the structure: the values of EXPRESSION_KEYS, plus every if/then/else block
 * anywhere (so an expression added later is checked even if nobody lists its key).
 */
export function expressionsIn(config: StalwartConfig): string[] {
    const out: string[] = [];
    const walk = (v: TomlValue, path: string): void => {
        if (EXPRESSION_KEYS.includes(path) || isIfBlock(v)) {
            collectExpression(v, out);
        } else if (Array.isArray(v)) {
            v.forEach((item, i) => walk(item, `${path}.${i}`));
        } else if (isTable(v)) {
            for (const [k, child] of Object.entries(v)) walk(child, path === "" ? k : `${path}.${k}`);
        }
    };
    walk(config, "");
    return out;
}

/**
 * A comparison written with a lone `=`: Stalwart's tokenizer swallows the character after it, so
 * `a='b'` silently compares against `b'`. Comparisons must be `==`; `!=`, `<=` and `>=` are fine.
 */
export const LONE_EQUALS = /(^|[^=!<>])=($|[^=])/;

export interface ConfigMapManifest {
    apiVersion: "v1";
    kind: "ConfigMap";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    data: Record<string, string>;
}

export function stalwartConfigMap(tenant: TenantSpec, toml: string): ConfigMapManifest {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: names.configMap, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        data: { [CONFIG_FILE_NAME]: toml },
    };
}
