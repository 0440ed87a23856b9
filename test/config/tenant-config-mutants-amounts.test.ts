// Tenant checks the mutation run found unreached (`npm run test:mutation`): the size of a quantity, zero
// limits and sizes, requests above limits, the tenant web host, the OIDC client ID and the PowerDNS
// API-key Secret name, each with its exact issue (key path, value, problem, fix).
import { strict as assert } from "node:assert";
import { WithheldValue } from "../../src/config/issues";
import { quantityAmount } from "../../src/config/tenant-config";
import { specFrom, zonesOf } from "../support/sovereigns";
import { issuesOf } from "../support/config-issues";

const P = "sovereign-stacks";
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const REALM = "https://auth.omantel.omani.works/realms/sme";

function tenantIssues(tenant: Record<string, unknown>, extra: Record<string, unknown> = {}): [string, unknown, string, string][] {
    return issuesOf({ ...BASE, ...extra, tenants: [tenant] }).map((i) => [i.path, i.value, i.problem, i.fix]);
}
const T = (extra: Record<string, unknown> = {}) => ({ slug: "acme", keycloak: { realmURL: REALM }, ...extra });
const at = (key: string) => `${P}:tenants[0].${key}`;
const tenantOf = (extra: Record<string, unknown>) => specFrom({ ...BASE, tenants: [T(extra)] }).tenants[0];

describe("tenant config: the amount a quantity stands for", () => {
    it("reads plain numbers, exponents and every suffix", () => {
        assert.equal(quantityAmount("1.5"), 1.5);
        assert.equal(quantityAmount("1e3"), 1000);
        assert.equal(quantityAmount("2E-1"), 0.2);
        assert.equal(quantityAmount("500m"), 0.5);
        assert.equal(quantityAmount("2k"), 2000);
        assert.equal(quantityAmount("2Ki"), 2048);
        assert.equal(quantityAmount("3Gi"), 3 * 2 ** 30);
        assert.equal(quantityAmount("1E"), 1e18);
    });

    it("is NaN for what is not a whole quantity", () => {
        for (const q of ["x1", "1x", "", "1Gi "]) {
            assert.ok(Number.isNaN(quantityAmount(q)), q);
        }
    });
});

describe("tenant config: sizes and limits", () => {
    const tooLarge = (key: string, q: string): [string, unknown, string, string] => [at(key), q, "is too large for a Kubernetes quantity", 'write e.g. "2", "4Gi" or "100Gi"'];

    it("a quantity beyond what the API server stores, or beyond a float", () => {
        assert.deepEqual(tenantIssues(T({ persistence: { spool: { size: "1e20" } } })), [tooLarge("persistence.spool.size", "1e20")]);
        assert.deepEqual(tenantIssues(T({ persistence: { spool: { size: "1e400" } } })), [tooLarge("persistence.spool.size", "1e400")]);
        // 2^62 milli-units exactly is still stored; a unit or so more is not.
        assert.equal(tenantOf({ persistence: { spool: { size: "4611686018427387904m" } } }).spoolSize, "4611686018427387904m");
        assert.deepEqual(tenantIssues(T({ persistence: { spool: { size: "4611686018427389" } } })), [tooLarge("persistence.spool.size", "4611686018427389")]);
    });

    it("an infinite request is too large, and is not also compared with its limit", () => {
        assert.deepEqual(tenantIssues(T({ resources: { requests: { cpu: "1e400" } } })), [tooLarge("resources.requests.cpu", "1e400")]);
        assert.deepEqual(tenantIssues(T({ resources: { requests: { memory: "1e400" }, limits: { memory: "1e400" } } })), [
            tooLarge("resources.requests.memory", "1e400"),
            tooLarge("resources.limits.memory", "1e400"),
        ]);
    });

    it("zero limits and a zero spool size; zero requests are fine", () => {
        assert.deepEqual(tenantIssues(T({ resources: { limits: { cpu: "0", memory: "0Mi" } }, persistence: { spool: { size: "0" } } })), [
            [at("resources.limits.cpu"), "0", "is zero; the container could not run", 'write a size above zero, e.g. "1"'],
            [at("resources.limits.memory"), "0Mi", "is zero; the container could not run", 'write a size above zero, e.g. "1Gi"'],
            [at("persistence.spool.size"), "0", "is zero; the mail store would have no room", 'write a size above zero, e.g. "20Gi"'],
        ]);
        assert.deepEqual(tenantOf({ resources: { requests: { cpu: "0", memory: "0" } } }).resources.requests, { cpu: "0", memory: "0" });
    });

    it("requests above their limits", () => {
        assert.deepEqual(tenantIssues(T({ resources: { requests: { cpu: "1500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2047Mi" } } })), [
            [at("resources.requests.cpu"), "1500m", "is above resources.limits.cpu (1); the API server refuses such a Pod", "lower the request or raise the limit"],
            [at("resources.requests.memory"), "2Gi", "is above resources.limits.memory (2047Mi); the API server refuses such a Pod", "lower the request or raise the limit"],
        ]);
        // Equal is fine.
        assert.deepEqual(tenantOf({ resources: { requests: { memory: "1Gi" }, limits: { memory: "1024Mi" } } }).resources.requests.memory, "1Gi");
    });
});

describe("tenant config: the web host", () => {
    const fix = "use e.g. webmail.acme.omani.homes";

    it("reads web.host", () => {
        assert.deepEqual(tenantOf({ web: { host: "mail-ui.acme.omani.homes" } }).web, { host: "mail-ui.acme.omani.homes" });
        assert.deepEqual(tenantOf({}).web, { host: "webmail.acme.omani.homes" });
        assert.deepEqual(tenantOf({ domain: { mode: "byo", primary: "globex.com" }, dns: { powerdns: { enabled: false } }, web: { host: "a.b.globex.com" } }).web, { host: "a.b.globex.com" });
    });

    it("web of the wrong type, an unknown key and a host that is not a string", () => {
        assert.deepEqual(tenantIssues(T({ web: 42 })).map(([path, value, problem]) => [path, value, problem]), [[at("web"), new WithheldValue("(a number, not shown)"), "expected a mapping"]]);
        assert.deepEqual(tenantIssues(T({ web: { hostname: "x" } })).map(([path, , problem]) => [path, problem]), [[at("web.hostname"), "unknown key"]]);
        assert.deepEqual(tenantIssues(T({ web: { host: 42 } })).map(([path]) => path), [at("web.host")]);
    });

    it("a host that is not a DNS name", () => {
        assert.deepEqual(tenantIssues(T({ web: { host: "Webmail.acme.omani.homes" } })), [
            [at("web.host"), "Webmail.acme.omani.homes", "is not a valid host: it has upper-case letters; DNS names here must be lowercase", fix],
        ]);
    });

    it("is still checked when the domain is invalid", () => {
        assert.deepEqual(tenantIssues(T({ domain: { primary: "Acme.omani.homes" }, dmarc: { rua: "dmarc@acme.omani.homes" }, web: { host: "Web.omani.homes" } })).map(([path, value]) => [path, value]), [
            [at("domain.primary"), "Acme.omani.homes"],
            [at("web.host"), "Web.omani.homes"],
        ]);
    });

    it("the MX host, a host that is not one label under a free subdomain, a host outside a BYO domain", () => {
        assert.deepEqual(tenantIssues(T({ web: { host: "mail.acme.omani.homes" } })), [
            [at("web.host"), "mail.acme.omani.homes", "is the MX host, which points at the SMTP LoadBalancer and cannot serve HTTPS through the console Gateway", `use another host, e.g. webmail.acme.omani.homes`],
        ]);
        for (const host of ["other.omani.homes", "a.b.acme.omani.homes", "xacme.omani.homes"]) {
            assert.deepEqual(tenantIssues(T({ web: { host } })), [
                [at("web.host"), host, "is not one label under acme.omani.homes, so the tenant's *.acme.omani.homes listener and certificate do not cover it", fix],
            ], host);
        }
        assert.deepEqual(tenantIssues(T({ domain: { mode: "byo", primary: "globex.com" }, dns: { powerdns: { enabled: false } }, web: { host: "webmail.globex.org" } })), [
            [at("web.host"), "webmail.globex.org", "is not in the tenant's domain globex.com", "use e.g. webmail.globex.com"],
        ]);
    });

    it("a platform host of the Sovereign", () => {
        assert.deepEqual(tenantIssues(T(), { tenancy: { acmeDelegationDomain: "webmail.acme.omani.homes" } }), [
            [at("web.host"), "webmail.acme.omani.homes", "is already a platform host of this Sovereign", fix],
        ]);
    });
});

describe("tenant config: OIDC client ID and PowerDNS Secret name", () => {
    it("a client ID with characters OIDC does not allow, or too long", () => {
        const fix = "use 1 to 255 letters, digits and . _ ~ : @ -, e.g. stalwart";
        for (const clientID of ["bad id", "", "x".repeat(256)]) {
            assert.deepEqual(tenantIssues(T({ keycloak: { realmURL: REALM, clientID } })), [[at("keycloak.clientID"), clientID, "is not a usable OIDC client ID", fix]], clientID);
        }
        const ok = `aZ09._~:@-${"x".repeat(245)}`;
        assert.equal(tenantOf({ keycloak: { realmURL: REALM, clientID: ok } }).keycloak.clientID, ok);
    });

    it("a PowerDNS API-key Secret name that is not an object name", () => {
        assert.deepEqual(tenantIssues(T({ dns: { powerdns: { apiKeySecretName: "PDNS_key" } } })), [
            [at("dns.powerdns.apiKeySecretName"), "PDNS_key", "is not a valid Secret name", "use a lowercase DNS name, e.g. powerdns-api-key"],
        ]);
    });
});
