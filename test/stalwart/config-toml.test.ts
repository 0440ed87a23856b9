import * as assert from "node:assert/strict";
import { parse } from "smol-toml";
import {
    DKIM_SIGN_EXPRESSION,
    LONE_EQUALS,
    StalwartConfig,
    configChecksum,
    expressionsIn,
    renderConfigToml,
    stalwartConfig,
    stalwartConfigMap,
} from "../../src/stalwart/config-toml";
import { acmeTenant } from "./fixtures";

const D = "acme.omantel.omani.works";
const ALLOWED = ["10.42.0.0/16", "10.43.0.0/16", "192.168.10.0/24"];

const EXPECTED = {
    server: {
        hostname: `mail.${D}`,
        listener: {
            smtp: { bind: "0.0.0.0:25", protocol: "smtp" },
            submission: { bind: "0.0.0.0:587", protocol: "smtp" },
            submissions: { bind: "0.0.0.0:465", protocol: "smtp", tls: { implicit: true } },
            imap: { bind: "0.0.0.0:143", protocol: "imap" },
            imaps: { bind: "0.0.0.0:993", protocol: "imap", tls: { implicit: true } },
            http: { bind: "0.0.0.0:8080", protocol: "http" },
        },
        "allowed-ip": { "10.42.0.0/16": "", "10.43.0.0/16": "", "192.168.10.0/24": "" },
    },
    store: { rocksdb: { type: "rocksdb", path: "/opt/stalwart/data", compression: "lz4" } },
    storage: { data: "rocksdb", blob: "rocksdb", fts: "rocksdb", lookup: "rocksdb", directory: "keycloak" },
    directory: {
        internal: { type: "internal", store: "rocksdb" },
        keycloak: {
            type: "oidc",
            timeout: "15s",
            endpoint: { url: "https://auth.acme.omantel.omani.works/realms/sme/protocol/openid-connect/token/introspect", method: "introspect" },
            auth: { method: "basic", username: "stalwart", secret: "%{env:OIDC_CLIENT_SECRET}%" },
            fields: { email: "email", "full-name": "name" },
        },
    },
    tracer: { stdout: { type: "stdout", level: "info", ansi: false, enable: true } },
    authentication: { "fallback-admin": { user: "admin", secret: "%{env:ADMIN_SECRET}%" } },
    certificate: {
        default: { cert: "%{file:/opt/stalwart/tls/tls.crt}%", "private-key": "%{file:/opt/stalwart/tls/tls.key}%", default: true },
    },
    http: { url: `'https://webmail.${D}'`, "use-x-forwarded": true },
    report: { domain: D },
    "spam-filter": { enable: false, resource: "https://github.com/stalwartlabs/spam-filter/releases/download/v2.0.5/spam-filter.toml" },
    webadmin: { resource: "https://github.com/stalwartlabs/webadmin/releases/download/v0.1.33/webadmin.zip" },
    signature: {
        [`rsa-${D}`]: {
            "private-key": "%{file:/opt/stalwart/dkim/rsa.key}%",
            domain: D,
            selector: "rsa",
            algorithm: "rsa-sha256",
            canonicalization: "relaxed/relaxed",
        },
        [`ed25519-${D}`]: {
            "private-key": "%{file:/opt/stalwart/dkim/ed25519.key}%",
            domain: D,
            selector: "ed25519",
            algorithm: "ed25519-sha256",
            canonicalization: "relaxed/relaxed",
        },
    },
    auth: {
        dkim: { sign: [{ if: "is_local_domain('*', sender_domain)", then: "['rsa-' + sender_domain, 'ed25519-' + sender_domain]" }, { else: false }] },
        arc: { seal: `'rsa-${D}'` },
    },
};
const OPTS = { allowedIps: ALLOWED, webHost: `webmail.${D}` };

/**
 * Flattens a parsed TOML document the way Stalwart's reader stores keys: tables join with `.`, array
 * items get a 4-digit index. This is what Stalwart looks up (`auth.dkim.sign.0000.if`, and the
 * signature id is everything between `signature.` and `.private-key`).
 */
function flatten(v: unknown, prefix: string, out: Map<string, string>): void {
    if (Array.isArray(v)) {
        v.forEach((item, i) => flatten(item, `${prefix}.${String(i).padStart(4, "0")}`, out));
    } else if (typeof v === "object" && v !== null) {
        for (const [k, child] of Object.entries(v)) flatten(child, prefix === "" ? k : `${prefix}.${k}`, out);
    } else {
        out.set(prefix, String(v));
    }
}

describe("stalwart config.toml", () => {
    const config = stalwartConfig(acmeTenant(), OPTS);
    const toml = renderConfigToml(config);

    it("builds the exact v0.15.5 bootstrap structure", () => {
        assert.deepEqual(config, EXPECTED);
    });

    it("renders TOML that parses back to the same structure", () => {
        assert.deepEqual(JSON.parse(JSON.stringify(parse(toml))), EXPECTED);
    });

    it("never writes a lone = in any expression", () => {
        const expressions = expressionsIn(config);
        assert.deepEqual(expressions, [
            `'https://webmail.${D}'`,
            "is_local_domain('*', sender_domain)",
            "['rsa-' + sender_domain, 'ed25519-' + sender_domain]",
            "false",
            `'rsa-${D}'`,
        ]);
        for (const e of expressions) assert.doesNotMatch(e, LONE_EQUALS, e);
    });

    it("the lone-= check catches the mistakes it is meant for and spares ==, != <= >=", () => {
        for (const bad of ["rcpt_domain='acme.com'", "a = 'b'", "x=y", "=a", "a="]) assert.match(bad, LONE_EQUALS, bad);
        for (const good of ["rcpt_domain == 'acme.com'", "a != b", "a <= 1", "a >= 1", "is_local_domain('*', d)"]) {
            assert.doesNotMatch(good, LONE_EQUALS, good);
        }
    });

    it("finds if/then/else blocks wherever they are, not only under known keys", () => {
        const extra: StalwartConfig = { ...config, queue: { strategy: { route: [{ if: "is_local_domain('*', rcpt_domain)", then: "'local'" }, { else: "'mx'" }] } } };
        assert.deepEqual(expressionsIn(extra).slice(-3), ["is_local_domain('*', rcpt_domain)", "'local'", "'mx'"]);
    });

    it("keeps the keys Stalwart looks up after its flattening", () => {
        const flat = new Map<string, string>();
        flatten(parse(toml), "", flat);
        const expect = (k: string, v: string) => assert.equal(flat.get(k), v, k);
        expect("server.hostname", `mail.${D}`);
        expect("server.listener.submissions.tls.implicit", "true");
        expect("server.allowed-ip.10.42.0.0/16", "");
        expect("authentication.fallback-admin.secret", "%{env:ADMIN_SECRET}%");
        expect("certificate.default.default", "true");
        expect(`signature.ed25519-${D}.private-key`, "%{file:/opt/stalwart/dkim/ed25519.key}%");
        expect(`signature.rsa-${D}.private-key`, "%{file:/opt/stalwart/dkim/rsa.key}%");
        expect(`signature.rsa-${D}.algorithm`, "rsa-sha256");
        expect("auth.dkim.sign.0000.if", "is_local_domain('*', sender_domain)");
        expect("auth.dkim.sign.0000.then", "['rsa-' + sender_domain, 'ed25519-' + sender_domain]");
        expect("auth.dkim.sign.0001.else", "false");
        expect("auth.arc.seal", `'rsa-${D}'`);
        expect("report.domain", D);
        expect("webadmin.resource", "https://github.com/stalwartlabs/webadmin/releases/download/v0.1.33/webadmin.zip");
        expect("storage.directory", "keycloak");
        expect("directory.keycloak.type", "oidc");
        expect("directory.keycloak.endpoint.method", "introspect");
        expect("directory.keycloak.auth.username", "stalwart");
        expect("directory.keycloak.auth.secret", "%{env:OIDC_CLIENT_SECRET}%");
        expect("directory.keycloak.fields.email", "email");
        expect("http.url", `'https://webmail.${D}'`);
    });

    it("writes only constructs Stalwart's own TOML reader understands", () => {
        // Its reader handles [tables], [[arrays]], quoted keys and plain double-quoted strings; it does not
        // implement \u escapes or literal/multi-line strings. None of our values needs an escape at all.
        assert.doesNotMatch(toml, /\\/);
        assert.doesNotMatch(toml, /'''|"""/);
        for (const line of toml.split("\n")) {
            if (line === "") continue;
            assert.match(line, /^(\[\[?[a-z0-9.-]+(\."[^"]+")?\]\]?|("[^"]+"|[a-z][a-z0-9-]*) = ("[^"]*"|true|false))$/, line);
        }
        assert.ok(toml.includes(`[signature."ed25519-${D}"]`));
        assert.ok(toml.includes("[[auth.dkim.sign]]"));
    });

    it("defaults to no allowed-ip table, takes selectors, pinned resources (URL or file) and can turn the spam filter on", () => {
        const c = stalwartConfig(acmeTenant(), {
            allowedIps: [],
            webHost: `webmail.${D}`,
            dkimSelector: "s202608e",
            rsaDkimSelector: "s202608r",
            spamFilter: true,
            webadminResource: "/opt/stalwart/resources/webadmin.zip",
            spamFilterResource: "https://mirror.example/spam-filter-2.0.5.toml",
        });
        assert.equal("allowed-ip" in (c.server as Record<string, unknown>), false);
        assert.deepEqual(c["spam-filter"], { enable: true, resource: "https://mirror.example/spam-filter-2.0.5.toml" });
        assert.deepEqual(c.webadmin, { resource: "file:///opt/stalwart/resources/webadmin.zip" });
        assert.equal((c.signature as Record<string, Record<string, unknown>>)[`ed25519-${D}`]!.selector, "s202608e");
        assert.equal((c.signature as Record<string, Record<string, unknown>>)[`rsa-${D}`]!.selector, "s202608r");
    });

    it("rejects bad inputs", () => {
        assert.throws(() => stalwartConfig(acmeTenant(), { ...OPTS, allowedIps: ["10.0.0.0/33"] }), /allowed IP "10.0.0.0\/33"/);
        assert.throws(() => stalwartConfig(acmeTenant(), { ...OPTS, allowedIps: ["pods"] }), /not an IP address or CIDR/);
        assert.throws(() => stalwartConfig(acmeTenant(), { ...OPTS, dkimSelector: "Bad_Sel" }), /DKIM selector/);
        assert.throws(() => stalwartConfig(acmeTenant(), { ...OPTS, webHost: `mail.${D}` }), /web host must differ from the MX host/);
        const upper = acmeTenant({ domain: { primary: "Acme.example", mode: "byo" } });
        assert.throws(() => stalwartConfig(upper, OPTS), /mail host name/);
    });

    it("keeps the sign expression returning both signature names (Stalwart's own default)", () => {
        assert.deepEqual(DKIM_SIGN_EXPRESSION, [{ if: "is_local_domain('*', sender_domain)", then: "['rsa-' + sender_domain, 'ed25519-' + sender_domain]" }, { else: false }]);
    });

    it("wraps the file in a ConfigMap and checksums it", () => {
        const cm = stalwartConfigMap(acmeTenant(), toml);
        assert.deepEqual(cm.metadata, {
            name: "stalwart-acme-config",
            namespace: "tenant-acme",
            labels: {
                "app.kubernetes.io/managed-by": "sovereign-stacks",
                "app.kubernetes.io/name": "stalwart",
                "app.kubernetes.io/instance": "stalwart-acme",
                "app.kubernetes.io/part-of": "stalwart-tenant",
                "catalyst.openova.io/tenant": "acme",
            },
        });
        assert.deepEqual(Object.keys(cm.data), ["config.toml"]);
        assert.equal(cm.data["config.toml"], toml);
        assert.match(configChecksum(toml), /^[0-9a-f]{64}$/);
        assert.notEqual(configChecksum(toml), configChecksum(toml + "\n"));
    });

    it("contains no secret value, only references", () => {
        assert.ok(toml.includes('secret = "%{env:ADMIN_SECRET}%"'));
        assert.doesNotMatch(toml, /BEGIN [A-Z ]*PRIVATE KEY/);
    });
});
