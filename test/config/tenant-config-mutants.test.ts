// Tenant validation the first specs left open (found by `npm run test:mutation`): every tenant key read
// back, the Kubernetes quantity pattern's edges, and the exact issue (key path, value, problem, fix) of
// every tenant check that had never fired.
import { strict as assert } from "node:assert";
import { WithheldValue } from "../../src/config/issues";
import type { TenantDocument } from "../../src/config/sovereign-config";
import { specFrom, zonesOf } from "../support/sovereigns";
import { issuesOf } from "../support/config-issues";

const P = "sovereign-stacks";
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const REALM = "https://auth.omantel.omani.works/realms/sme";

/** The issues of one inline tenant, as [path, value, problem, fix]. */
function tenantIssues(tenant: Record<string, unknown>): [string, unknown, string, string][] {
    return issuesOf({ ...BASE, tenants: [tenant] }).map((i) => [i.path, i.value, i.problem, i.fix]);
}
const T = (extra: Record<string, unknown> = {}) => ({ slug: "acme", keycloak: { realmURL: REALM }, ...extra });
const at = (key: string) => `${P}:tenants[0].${key}`;

describe("tenant config: every key is read", () => {
    it("a free-subdomain tenant with every key set", () => {
        const spec = specFrom({
            ...BASE,
            tenants: [
                {
                    slug: "shop",
                    implementation: "chart",
                    domain: { mode: "free-subdomain", zone: "omani.works", primary: "shop.omani.works" },
                    keycloak: { realmURL: "https://auth.omani.works/realms/shop/", clientID: "mail", clientSecretName: "mail-oidc" },
                    oidcExternalSecret: { remoteRef: { key: "custom/shop/oidc" } },
                    admin: { generatePassword: false, externalSecret: { remoteRef: { key: "custom/shop/admin" } } },
                    dns: { powerdns: { enabled: false, zone: "omani.works", apiURL: "http://pdns.internal/api", apiKeySecretName: "pdns-key" } },
                    dmarc: { rua: "reports@shop.omani.works" },
                    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
                    persistence: { spool: { size: "50Gi" } },
                    chart: { version: "0.1.3" },
                },
            ],
        });
        assert.deepEqual(spec.tenants, [
            {
                slug: "shop",
                origin: { file: "stacks/Pulumi.test.yaml", path: `${P}:tenants[0]` },
                implementation: "chart",
                domain: { primary: "shop.omani.works", mode: "free-subdomain", zone: "omani.works" },
                web: { host: "webmail.shop.omani.works" },
                keycloak: { realmURL: "https://auth.omani.works/realms/shop/", clientID: "mail", clientSecretName: "mail-oidc" },
                oidcRemoteKey: "custom/shop/oidc",
                admin: { source: "external-secret", remoteKey: "custom/shop/admin" },
                dns: { powerdns: { enabled: false, apiURL: "http://pdns.internal/api", apiKeySecretName: "pdns-key", zone: "omani.works" } },
                dmarcRua: "reports@shop.omani.works",
                resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
                spoolSize: "50Gi",
                chartVersion: "0.1.3",
            },
        ]);
    });

    it("a BYO tenant with a generated admin password has no zone key", () => {
        const spec = specFrom({
            ...BASE,
            tenants: [T({ implementation: "native", domain: { mode: "byo", primary: "globex.com" }, dns: { powerdns: { enabled: false } }, admin: { generatePassword: true } })],
        });
        const [t] = spec.tenants;
        assert.deepEqual(t.domain, { primary: "globex.com", mode: "byo" });
        assert.equal("zone" in t.domain, false);
        assert.deepEqual(t.admin, { source: "generated" });
        assert.deepEqual(t.dns.powerdns, { enabled: false, apiURL: "https://pdns.omantel.omani.works/api", apiKeySecretName: "powerdns-api-key", zone: "globex.com" });
        assert.equal(t.implementation, "native");
    });

    it("a BYO tenant may name a PowerDNS zone that is not its domain (nothing is published)", () => {
        const spec = specFrom({ ...BASE, tenants: [T({ domain: { mode: "byo", primary: "globex.com" }, dns: { powerdns: { enabled: false, zone: "other.org" } } })] });
        assert.equal(spec.tenants[0].dns.powerdns.zone, "other.org");
    });

    it("accepts every Kubernetes quantity form", () => {
        for (const cpu of ["+1", "1.", "1.25", "1.5", ".25", "1e3", "1E-3", "1e+3", "1e10", "500m", "2Ki"]) {
            // The limit equals the request: a request above its limit is refused on its own.
            assert.equal(specFrom({ ...BASE, tenants: [T({ resources: { requests: { cpu }, limits: { cpu } } })] }).tenants[0].resources.requests.cpu, cpu, cpu);
        }
    });
});

describe("tenant config: the exact issue of every check", () => {
    it("rejects what is not a Kubernetes quantity", () => {
        for (const cpu of ["x1", "1x", "1 core", "1e", "."]) {
            assert.deepEqual(tenantIssues(T({ resources: { requests: { cpu } } })), [
                [at("resources.requests.cpu"), cpu, "not a Kubernetes quantity", 'write e.g. "500m", "1", "256Mi" or "20Gi"'],
            ]);
        }
        assert.deepEqual(tenantIssues(T({ resources: { limits: { memory: "1GB" } }, persistence: { spool: { size: "big" } } })).map(([path, value]) => [path, value]), [
            [at("resources.limits.memory"), "1GB"],
            [at("persistence.spool.size"), "big"],
        ]);
    });

    it("reports a section of the wrong type at its own key", () => {
        const keys = ["domain", "keycloak", "oidcExternalSecret", "admin", "dns", "dmarc", "resources", "persistence", "chart"];
        for (const key of keys) {
            const issues = tenantIssues({ ...T(), [key]: 42 });
            assert.deepEqual(
                issues.filter(([, , problem]) => problem === "expected a mapping").map(([path, value]) => [path, value]),
                [[at(key), new WithheldValue("(a number, not shown)")]],
                key,
            );
        }
        const nested: [string, Record<string, unknown>][] = [
            ["oidcExternalSecret.remoteRef", { oidcExternalSecret: { remoteRef: 42 } }],
            ["admin.externalSecret", { admin: { externalSecret: 42 } }],
            ["admin.externalSecret.remoteRef", { admin: { externalSecret: { remoteRef: 42 } } }],
            ["dns.powerdns", { dns: { powerdns: 42 } }],
            ["resources.requests", { resources: { requests: 42 } }],
            ["resources.limits", { resources: { limits: 42 } }],
            ["persistence.spool", { persistence: { spool: 42 } }],
        ];
        for (const [key, extra] of nested) {
            assert.deepEqual(tenantIssues(T(extra)).map(([path, value, problem]) => [path, value, problem]), [[at(key), new WithheldValue("(a number, not shown)"), "expected a mapping"]], key);
        }
    });

    it("reports unknown keys inside each section", () => {
        const sections: [string, Record<string, unknown>][] = [
            ["domain.zones", { domain: { zones: "x" } }],
            ["keycloak.realm", { keycloak: { realmURL: REALM, realm: "x" } }],
            ["oidcExternalSecret.key", { oidcExternalSecret: { key: "x" } }],
            ["oidcExternalSecret.remoteRef.path", { oidcExternalSecret: { remoteRef: { path: "x" } } }],
            ["admin.password", { admin: { password: "x" } }],
            ["admin.externalSecret.key", { admin: { externalSecret: { key: "x" } } }],
            ["admin.externalSecret.remoteRef.path", { admin: { externalSecret: { remoteRef: { path: "x" } } } }],
            ["dns.pdns", { dns: { pdns: "x" } }],
            ["dns.powerdns.url", { dns: { powerdns: { url: "x" } } }],
            ["dmarc.ruf", { dmarc: { ruf: "x" } }],
            ["resources.request", { resources: { request: "x" } }],
            ["resources.requests.gpu", { resources: { requests: { gpu: "1" } } }],
            ["persistence.data", { persistence: { data: "x" } }],
            ["persistence.spool.storageClass", { persistence: { spool: { storageClass: "x" } } }],
            ["chart.name", { chart: { name: "x" } }],
        ];
        for (const [key, extra] of sections) {
            assert.deepEqual(tenantIssues(T(extra)).map(([path, , problem]) => [path, problem]), [[at(key), "unknown key"]], key);
        }
    });

    it("reports values of the wrong type at their own key", () => {
        const values: [string, Record<string, unknown>][] = [
            ["implementation", { implementation: "helm" }],
            ["domain.mode", { domain: { mode: "free" } }],
            ["domain.primary", { domain: { primary: 42 } }],
            ["domain.zone", { domain: { zone: 42 } }],
            ["keycloak.clientID", { keycloak: { realmURL: REALM, clientID: 42 } }],
            ["keycloak.clientSecretName", { keycloak: { realmURL: REALM, clientSecretName: 42 } }],
            ["oidcExternalSecret.remoteRef.key", { oidcExternalSecret: { remoteRef: { key: 42 } } }],
            ["admin.generatePassword", { admin: { generatePassword: "yes" } }],
            ["admin.externalSecret.remoteRef.key", { admin: { externalSecret: { remoteRef: { key: 42 } } } }],
            ["dns.powerdns.enabled", { dns: { powerdns: { enabled: "no" } } }],
            ["dns.powerdns.zone", { dns: { powerdns: { zone: 42 } } }],
            ["dns.powerdns.apiURL", { dns: { powerdns: { apiURL: 42 } } }],
            ["dns.powerdns.apiKeySecretName", { dns: { powerdns: { apiKeySecretName: 42 } } }],
            ["dmarc.rua", { dmarc: { rua: 42 } }],
            ["chart.version", { chart: { version: 42 } }],
        ];
        for (const [key, extra] of values) {
            const paths = tenantIssues(T(extra)).map(([path]) => path);
            assert.equal(paths[0], at(key), `${key}: ${paths.join(", ")}`);
        }
        assert.deepEqual(tenantIssues({ ...T(), slug: 42 }).map(([path]) => path)[0], at("slug"));
    });

    it("an inline tenant without slug", () => {
        assert.deepEqual(tenantIssues({ keycloak: { realmURL: REALM } }), [[at("slug"), undefined, "required value is missing", `give every inline tenant a slug, e.g. ${at("slug")}: acme`]]);
    });

    it("a slug that differs from its file name", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, [{ file: "stacks/tenants/acme.yaml", slug: "acme", content: { slug: "globex", keycloak: { realmURL: REALM } } }]);
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.value, i.problem, i.fix]), [
            ["stacks/tenants/acme.yaml", "slug", "globex", 'differs from the file name "acme.yaml"', "rename the file to globex.yaml or drop the slug key"],
        ]);
    });

    it("a slug that matches its file name is fine", () => {
        const spec = specFrom({ ...BASE, tenantsDir: "t" }, [{ file: "stacks/tenants/acme.yaml", slug: "acme", content: { slug: "acme", keycloak: { realmURL: REALM } } }]);
        assert.deepEqual(spec.tenants.map((t) => [t.slug, t.origin.path]), [["acme", ""]]);
    });

    it("slug problems: characters, and which derived names are too long", () => {
        const upper = `A${"a".repeat(42)}`; // 43 characters: the StatefulSet name is exactly at its limit
        assert.deepEqual(tenantIssues({ ...T(), slug: upper, domain: { primary: "acme.omani.homes" } }), [
            [
                at("slug"),
                upper,
                "is not a usable tenant slug: it must be lowercase a-z, 0-9 and '-', starting and ending with a letter or digit",
                "use a lowercase DNS label of at most 43 characters, e.g. acme",
            ],
        ]);
        const long = "a".repeat(44);
        assert.deepEqual(tenantIssues({ ...T(), slug: long })[0][2], `is not a usable tenant slug: it is 44 characters long; at most 43 allowed (StatefulSet name "stalwart-${long}" would exceed 52 characters)`);
    });

    it("domain problems in free-subdomain mode", () => {
        assert.deepEqual(tenantIssues(T({ domain: { zone: "omani.biz" } }))[0], [at("domain.zone"), "omani.biz", "is not one of the Sovereign's zones", "use one of: omani.works, omani.homes"]);
        assert.deepEqual(tenantIssues(T({ domain: { zone: "omani.works", primary: "acme.example.com" } })), [
            [at("domain.primary"), "acme.example.com", "is not under the tenant's zone omani.works", "use acme.omani.works, or set domain.mode: byo for a domain the tenant owns"],
            // The PowerDNS zone defaults to the tenant's zone, which does not contain that domain either.
            [at("dns.powerdns.zone"), "omani.works", "does not contain the tenant domain acme.example.com", "use omani.works"],
        ]);
        assert.deepEqual(tenantIssues(T({ domain: { primary: "Acme.omani.homes" }, dmarc: { rua: "dmarc@acme.omani.homes" } })), [
            [at("domain.primary"), "Acme.omani.homes", "is not a valid domain: it has upper-case letters; DNS names here must be lowercase", "use a lowercase DNS name such as acme.com"],
        ]);
    });

    it("a domain too long for the SRV and DKIM record names (236 characters), and one that just fits (235)", () => {
        // Three 63-character labels, one of `last` characters, and the zone: 192 + last + 12 characters.
        const domain = (length: number) => `${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(length - 204)}.omani.homes`;
        const tooLong = domain(236);
        assert.equal(tooLong.length, 236);
        assert.deepEqual(tenantIssues(T({ domain: { primary: tooLong }, dmarc: { rua: "dmarc@omani.homes" } })), [
            [at("domain.primary"), tooLong, "is too long for the SRV and DKIM record names built from it", "use a domain of at most 230 characters"],
        ]);
        const fits = domain(235);
        assert.equal(fits.length, 235);
        assert.equal(specFrom({ ...BASE, tenants: [T({ domain: { primary: fits }, dmarc: { rua: "dmarc@omani.homes" } })] }).tenants[0].domain.primary, fits);
    });

    it("domain problems in BYO mode", () => {
        assert.deepEqual(tenantIssues(T({ domain: { mode: "byo", primary: "globex.com", zone: "omani.works" }, dns: { powerdns: { enabled: false } } })), [
            [at("domain.zone"), "omani.works", "only applies in free-subdomain mode", "remove domain.zone for a BYO domain"],
        ]);
        assert.deepEqual(tenantIssues(T({ domain: { mode: "byo" }, dns: { powerdns: { enabled: false } } })), [
            [at("domain.primary"), undefined, "a BYO tenant needs its own domain", `set ${at("domain.primary")}: acme.com`],
        ]);
    });

    it("Keycloak problems", () => {
        assert.deepEqual(tenantIssues({ slug: "acme" }), [
            [at("keycloak.realmURL"), undefined, "required value is missing", `set ${at("keycloak.realmURL")}, e.g. ${at("keycloak.realmURL")}: https://auth.acme.omani.homes/realms/acme`],
        ]);
        for (const realmURL of ["xhttps://auth.example.com/realms/sme", "https://auth.example.com/realms/sme/extra", "http://auth.example.com/realms/sme", "https://auth.example.com/realm/sme"]) {
            assert.deepEqual(tenantIssues(T({ keycloak: { realmURL } })), [[at("keycloak.realmURL"), realmURL, "is not a Keycloak realm URL", "use https://<keycloak host>/realms/<realm>"]], realmURL);
        }
        assert.deepEqual(tenantIssues(T({ keycloak: { realmURL: REALM, clientSecretName: "Stalwart_OIDC" } })), [
            [at("keycloak.clientSecretName"), "Stalwart_OIDC", "is not a valid Secret name", "use a lowercase DNS name, e.g. stalwart-oidc"],
        ]);
    });

    it("OpenBao paths and the admin password source", () => {
        assert.deepEqual(tenantIssues(T({ admin: { generatePassword: true, externalSecret: { remoteRef: { key: "x/admin" } } } })), [
            [at("admin.externalSecret.remoteRef.key"), "x/admin", "conflicts with admin.generatePassword: true", "either pull the password from OpenBao or generate it, not both"],
        ]);
        const fix = "use a relative path such as sovereign/omantel.omani.works/stalwart/acme/oidc";
        assert.deepEqual(tenantIssues(T({ oidcExternalSecret: { remoteRef: { key: "" } }, admin: { externalSecret: { remoteRef: { key: "/abs/admin" } } } })), [
            [at("oidcExternalSecret.remoteRef.key"), "", "is not an OpenBao path", fix],
            [at("admin.externalSecret.remoteRef.key"), "/abs/admin", "is not an OpenBao path", fix],
        ]);
        assert.deepEqual(tenantIssues(T({ oidcExternalSecret: { remoteRef: { key: "a b/oidc" } } })), [[at("oidcExternalSecret.remoteRef.key"), "a b/oidc", "is not an OpenBao path", fix]]);
        assert.equal(specFrom({ ...BASE, tenants: [T({ oidcExternalSecret: { remoteRef: { key: "a/b/" } } })] }).tenants[0].oidcRemoteKey, "a/b/");
    });

    it("PowerDNS problems", () => {
        assert.deepEqual(tenantIssues(T({ dns: { powerdns: { zone: "example.org" } } })), [
            [at("dns.powerdns.zone"), "example.org", "does not contain the tenant domain acme.omani.homes", "use omani.homes"],
        ]);
        for (const apiURL of ["ftp://pdns/api", "xhttps://pdns/api", "https://pdns/a pi"]) {
            assert.deepEqual(tenantIssues(T({ dns: { powerdns: { apiURL } } })), [[at("dns.powerdns.apiURL"), apiURL, "is not an http(s) URL", "use e.g. https://pdns.omantel.omani.works/api"]], apiURL);
        }
    });

    it("chart version problems", () => {
        assert.deepEqual(tenantIssues(T({ chart: { version: "0.1" } })), [[at("chart.version"), "0.1", "is not an exact semver version", 'pin an exact version, e.g. "0.1.16"']]);
        assert.deepEqual(tenantIssues(T({ chart: { version: "0.1.2" } })), [
            [at("chart.version"), "0.1.2", 'predates bp-stalwart-tenant 0.1.3, whose webmail route still defaults sectionName to "https"', 'pin 0.1.3 or later, e.g. "0.1.16"'],
        ]);
    });

    it("a tenant with a problem is not also compared with the others", () => {
        const issues = issuesOf({ ...BASE, tenants: [T({ resources: { requests: { cpu: "lots" } } }), T()] });
        assert.deepEqual(issues.map((i) => i.path), [at("resources.requests.cpu")]);
    });
});

describe("tenant config: duplicates across tenants", () => {
    const doc = (slug: string, content: Record<string, unknown>): TenantDocument => ({ file: `stacks/tenants/${slug}.yaml`, slug, content: { keycloak: { realmURL: REALM }, ...content } });

    it("the same domain in two tenant files: the exact issue", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, [
            doc("a", { domain: { mode: "byo", primary: "shared.com" }, dns: { powerdns: { enabled: false } } }),
            doc("b", { domain: { mode: "byo", primary: "shared.com" }, dns: { powerdns: { enabled: false } } }),
        ]);
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.value, i.problem, i.fix]), [
            ["stacks/tenants/b.yaml", "domain.primary", "shared.com", 'is already the domain of tenant "a" (stacks/tenants/a.yaml)', "give every tenant its own domain"],
        ]);
    });

    it("the same slug twice inline: the exact issue", () => {
        const issues = issuesOf({ ...BASE, tenants: [T(), T()] });
        assert.deepEqual(issues.map((i) => [i.path, i.value, i.problem, i.fix]), [
            [`${P}:tenants[1].slug`, "acme", `is already used by the tenant in stacks/Pulumi.test.yaml (${P}:tenants[0])`, "give every tenant a unique slug"],
        ]);
    });
});

describe("tenant config: more edges", () => {
    it("a BYO domain equal to a Sovereign zone is inside it", () => {
        assert.deepEqual(tenantIssues(T({ domain: { mode: "byo", primary: "omani.works" }, dns: { powerdns: { enabled: false } } })), [
            [at("domain.primary"), "omani.works", "is inside the Sovereign zone omani.works, so it is not a BYO domain", "use domain.mode: free-subdomain for subdomains of omani.works, or a domain the tenant owns"],
            [at("domain.primary"), "omani.works", "is already a platform host of this Sovereign", "choose another slug or domain"],
        ]);
    });

    it("an inline tenant that is not a mapping", () => {
        assert.deepEqual(tenantIssues("acme" as unknown as Record<string, unknown>).map(([path, value, problem]) => [path, value, problem]), [[`${P}:tenants[0]`, new WithheldValue("(a string of 4 characters, not shown)"), "expected a mapping"]]);
    });

    it("a slug too long for two derived names lists both", () => {
        const slug = "a".repeat(45);
        assert.equal(
            tenantIssues({ ...T(), slug })[0][2],
            `is not a usable tenant slug: it is 45 characters long; at most 43 allowed (StatefulSet name "stalwart-${slug}" would exceed 52 characters; ` +
                `bootstrap Job name "stalwart-${slug}-bootstrap" would exceed 63 characters)`,
        );
    });
});
