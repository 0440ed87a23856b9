import { strict as assert } from "node:assert";
import { ConfigIssue, SovereignConfigError, WithheldValue, formatIssue } from "../../src/config/issues";
import { specFrom, zonesOf } from "../support/sovereigns";
import type { TenantDocument } from "../../src/config/sovereign-config";
import { issuesOf } from "../support/config-issues";

const P = "sovereign-stacks";
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const realm = { realmURL: "https://auth.omantel.omani.works/realms/x" };


/** Exactly one issue at `path`, with its value, and a message that names both. */
function expectOne(values: Record<string, unknown>, path: string, value: unknown, problem: RegExp, docs: TenantDocument[] = []): ConfigIssue {
    const issues = issuesOf(values, docs);
    assert.deepEqual(issues.map((i) => i.path), [path], issues.map(formatIssue).join("\n"));
    assert.deepEqual(issues[0].value, value);
    assert.match(issues[0].problem, problem);
    const text = formatIssue(issues[0]);
    assert.ok(text.includes(path), text);
    if (value instanceof WithheldValue) {
        assert.ok(text.includes(value.description), text);
    } else if (value !== undefined) {
        assert.ok(text.includes(JSON.stringify(value).slice(0, 60)), text);
    }
    assert.ok(issues[0].fix.length > 0);
    return issues[0];
}

describe("stack config validation", () => {
    it("accepts the minimal config and fills every default", () => {
        const spec = specFrom({ fqdn: "omani.works" });
        assert.deepEqual(spec.zones, [{ name: "omani.works", role: "primary" }]);
        assert.deepEqual(spec.gateways, {
            management: "managed",
            namespace: "kube-system",
            className: "cilium",
            sharedName: "cilium-gateway",
            consoleName: "cilium-gateway-console",
            httpsPort: 443,
            httpPort: 80,
            consoleHostPrefixes: ["console", "api", "marketplace"],
            infrastructureAnnotations: {},
        });
        assert.deepEqual(
            spec.blueprints.map((b) => `${b.name} ${b.version} ${b.namespace}/${b.releaseName} ${b.host}`),
            [
                "gitea 1.2.44 gitea/gitea gitea.omani.works",
                "grafana 1.0.17 grafana/grafana grafana.omani.works",
                "harbor 1.2.49 harbor/harbor registry.omani.works",
                "keycloak 1.4.27 keycloak/keycloak auth.omani.works",
                "newapi 1.4.151 newapi/newapi newapi.omani.works",
                "openbao 1.2.66 openbao/openbao bao.omani.works",
                "powerdns 1.2.4 powerdns/powerdns pdns.omani.works",
            ],
        );
        assert.deepEqual(spec.tenants, []);
    });

    it("requires the FQDN", () => {
        expectOne({}, `${P}:fqdn`, undefined, /required value is missing/);
    });

    it("rejects an FQDN that is not a lowercase RFC 1123 name", () => {
        expectOne({ fqdn: "Omantel.Omani.Works" }, `${P}:fqdn`, "Omantel.Omani.Works", /upper-case/);
    });

    it("rejects a zone label over 63 characters", () => {
        const zone = `${"a".repeat(64)}.works`;
        expectOne({ ...BASE, zones: zonesOf("omani.works", zone) }, `${P}:zones[1].name`, zone, /label "a{20}\.\.\." of 64 characters/);
    });

    it("rejects a zone name over 253 characters", () => {
        const zone = Array.from({ length: 5 }, () => "b".repeat(60)).join(".");
        expectOne({ ...BASE, zones: zonesOf("omani.works", zone) }, `${P}:zones[1].name`, zone, /304 characters long; a DNS name has at most 253/);
    });

    it("rejects a duplicate zone", () => {
        expectOne({ ...BASE, zones: zonesOf("omani.works", "omani.homes", "omani.works") }, `${P}:zones[2].name`, "omani.works", /duplicates sovereign-stacks:zones\[0\]/);
    });

    it("rejects an unknown zone role", () => {
        expectOne({ ...BASE, zones: [{ name: "omani.works", role: "sme-pool" }] }, `${P}:zones[0].role`, "sme-pool", /not one of primary \| org-pool/);
    });

    it("rejects zones whose listener names collide after dots become dashes", () => {
        const issues = issuesOf({ fqdn: "x.example", zones: zonesOf("a-b.example", "a.b-example") });
        assert.deepEqual(issues.map((i) => i.path), [`${P}:zones`, `${P}:zones`]);
        assert.match(issues[0].problem, /listener name "https-a-b-example" is used twice/);
    });

    it("rejects a Sovereign whose shared Gateway would exceed 64 listeners", () => {
        const zones = Array.from({ length: 33 }, (_, i) => ({ name: `z${i}.example`, role: "org-pool" }));
        const issues = issuesOf({ fqdn: "x.example", zones });
        assert.deepEqual(issues.map((i) => i.problem), ["Gateway kube-system/cilium-gateway would have 68 listeners; Gateway API allows at most 64"]);
    });

    it("rejects an unknown top-level key with a did-you-mean hint", () => {
        const issue = expectOne({ ...BASE, zone: [] }, `${P}:zone`, new WithheldValue("(a list, not shown)"), /unknown config key/);
        assert.match(issue.fix, /did you mean "sovereign-stacks:zones"/);
    });

    it("rejects an unknown blueprint name", () => {
        const issue = expectOne({ ...BASE, blueprints: { gittea: { enabled: false } } }, `${P}:blueprints.gittea`, new WithheldValue("(a mapping, not shown)"), /unknown key/);
        assert.match(issue.fix, /did you mean "gitea"/);
    });

    it("rejects a typo inside a blueprint override", () => {
        expectOne({ ...BASE, blueprints: { grafana: { enable: false } } }, `${P}:blueprints.grafana.enable`, false, /unknown key/);
    });

    it("rejects a version that is not exact semver", () => {
        expectOne({ ...BASE, blueprints: { harbor: { version: "^1.2.43" } } }, `${P}:blueprints.harbor.version`, "^1.2.43", /not an exact semver/);
        expectOne({ ...BASE, blueprints: { harbor: { version: "v1.2.43" } } }, `${P}:blueprints.harbor.version`, "v1.2.43", /not an exact semver/);
    });

    it("rejects an unquoted version YAML turned into a number", () => {
        expectOne({ ...BASE, blueprints: { grafana: { version: 1.1 } } }, `${P}:blueprints.grafana.version`, 1.1, /is a number/);
    });

    it("refuses bp-harbor before 1.2.49 while its alias route renders, naming the version and the fix", () => {
        const issue = expectOne({ ...BASE, blueprints: { harbor: { version: "1.2.43" } } }, `${P}:blueprints.harbor.version`, "1.2.43", /predates bp-harbor 1\.2\.49/);
        assert.match(issue.problem, /HTTPRoute harbor-alias-redirect for harbor\.omantel\.omani\.works/);
        assert.match(issue.problem, /pins sectionName "https" through gateway\.name\/gateway\.namespace\/gateway\.sectionName/);
        assert.equal(issue.fix, 'pin "1.2.49" or later (e.g. "1.2.49"), whose alias route takes the main route\'s parentRef; or set sovereign-stacks:blueprints.harbor.values.gateway.aliasHarborHost: false');
    });

    it("accepts bp-harbor before 1.2.49 when no alias route renders", () => {
        const off = specFrom({ ...BASE, blueprints: { harbor: { version: "1.2.43", values: { gateway: { aliasHarborHost: false } } } } });
        assert.equal(off.blueprints.find((b) => b.name === "harbor")?.version, "1.2.43");
        const hub = specFrom({ ...BASE, blueprints: { harbor: { version: "1.2.43", host: "hub.omantel.omani.works" } } });
        assert.equal(hub.blueprints.find((b) => b.name === "harbor")?.host, "hub.omantel.omani.works");
        const noGatewayApi = specFrom({ ...BASE, gateways: { management: "none" }, blueprints: { harbor: { version: "1.2.43" } } });
        assert.equal(noGatewayApi.blueprints.find((b) => b.name === "harbor")?.version, "1.2.43");
    });

    it("rejects a chart version from before the sectionName fix", () => {
        expectOne({ ...BASE, blueprints: { gitea: { version: "1.2.7" } } }, `${P}:blueprints.gitea.version`, "1.2.7", /predates bp-gitea 1\.2\.8/);
    });

    it("accepts a pinned sectionName that names a listener serving the host", () => {
        const spec = specFrom({ ...BASE, blueprints: { gitea: { sectionName: "https-omantel-omani-works" } } });
        assert.equal(spec.blueprints.find((b) => b.name === "gitea")?.sectionName, "https-omantel-omani-works");
    });

    it("rejects a pinned sectionName https on a two-zone Sovereign (the outage)", () => {
        const issue = expectOne({ ...BASE, blueprints: { keycloak: { sectionName: "https" } } }, `${P}:blueprints.keycloak.sectionName`, "https", /names no listener of Gateway kube-system\/cilium-gateway.*NoMatchingParent/);
        assert.match(issue.fix, /remove sectionName.*https-omani-works, http-omani-works, https-omani-homes/);
    });

    it("rejects a pinned listener whose hostname does not serve the host", () => {
        expectOne({ ...BASE, blueprints: { keycloak: { sectionName: "https-omani-homes" } } }, `${P}:blueprints.keycloak.sectionName`, "https-omani-homes", /does not serve auth\.omantel\.omani\.works.*NoMatchingListenerHostname/);
    });

    it("rejects a host no listener serves", () => {
        expectOne({ ...BASE, blueprints: { grafana: { host: "grafana.example.com" } } }, `${P}:blueprints.grafana.host`, "grafana.example.com", /not served by any HTTPS listener.*\*\.omani\.works, \*\.omani\.homes, \*\.omantel\.omani\.works/);
    });

    it("rejects extra values that would override the program's route keys", () => {
        const issue = expectOne(
            { ...BASE, blueprints: { newapi: { values: { ingress: { httpRoute: { parentRef: { sectionName: "https" } } } } } } },
            `${P}:blueprints.newapi.values.ingress.httpRoute.parentRef.sectionName`,
            "https",
            /sets ingress\.httpRoute\.parentRef, which the program owns/,
        );
        assert.match(issue.fix, /blueprints\.newapi\.sectionName/);
    });

    it("rejects bad gateway settings", () => {
        expectOne({ ...BASE, gateways: { httpsPort: 70000 } }, `${P}:gateways.httpsPort`, 70000, /integer from 1 to 65535/);
        expectOne({ ...BASE, gateways: { management: "elsewhere" } }, `${P}:gateways.management`, "elsewhere", /managed \| external/);
        expectOne({ ...BASE, gateways: { console: "cilium-gateway" } }, `${P}:gateways.console`, "cilium-gateway", /same name as the shared Gateway/);
    });

    it("reports every problem of a run together", () => {
        const issues = issuesOf({
            fqdn: "omantel.omani.works",
            zones: [{ name: "Omani.Works" }, { name: "omani.homes", role: "pool" }],
            blueprints: { harbor: { version: "1.2" }, gitlab: {} },
            tenantz: [],
        });
        assert.deepEqual(issues.map((i) => i.path), [
            `${P}:tenantz`,
            `${P}:zones[0].name`,
            `${P}:zones[1].role`,
            `${P}:blueprints.gitlab`,
            `${P}:blueprints.harbor.version`,
        ]);
        const err = new SovereignConfigError(issues);
        assert.match(err.message, /^5 configuration errors; nothing was registered:\n  - stacks\/Pulumi\.test\.yaml: sovereign-stacks:tenantz = \(a list, not shown\): unknown config key/);
    });
});

describe("tenant validation", () => {
    const doc = (slug: string, content: unknown, file = `stacks/tenants/${slug}.yaml`): TenantDocument => ({ file, slug, content });

    it("fills the README defaults for a free-subdomain tenant", () => {
        const spec = specFrom({ ...BASE, tenantsDir: "t" }, [doc("acme", { keycloak: realm })]);
        assert.deepEqual(spec.tenants, [
            {
                slug: "acme",
                origin: { file: "stacks/tenants/acme.yaml", path: "" },
                implementation: "native",
                domain: { primary: "acme.omani.homes", mode: "free-subdomain", zone: "omani.homes" },
                web: { host: "webmail.acme.omani.homes" },
                keycloak: { realmURL: realm.realmURL, clientID: "stalwart", clientSecretName: "stalwart-oidc" },
                oidcRemoteKey: "sovereign/omantel.omani.works/stalwart/acme/oidc",
                admin: { source: "external-secret", remoteKey: "sovereign/omantel.omani.works/stalwart/acme/admin" },
                dns: { powerdns: { enabled: true, apiURL: "https://pdns.omantel.omani.works/api", apiKeySecretName: "powerdns-api-key", zone: "omani.homes" } },
                dmarcRua: "dmarc@acme.omani.homes",
                resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
                spoolSize: "20Gi",
                chartVersion: "0.1.16",
            },
        ]);
    });

    it("rejects duplicate slugs across inline tenants and files", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t", tenants: [{ slug: "acme", keycloak: realm }] }, [doc("acme", { keycloak: realm })]);
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.value]), [["stacks/tenants/acme.yaml", "slug", "acme"]]);
        assert.match(issues[0].problem, /already used by the tenant in stacks\/Pulumi\.test\.yaml \(sovereign-stacks:tenants\[0\]\)/);
    });

    it("rejects two tenants with the same domain", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, [
            doc("a", { keycloak: realm, domain: { mode: "byo", primary: "shared.com" } }),
            doc("b", { keycloak: realm, domain: { mode: "byo", primary: "shared.com" } }),
        ]);
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.value]), [["stacks/tenants/b.yaml", "domain.primary", "shared.com"]]);
        assert.match(issues[0].problem, /already the domain of tenant "a"/);
    });

    it("rejects a BYO domain inside a Sovereign zone", () => {
        expectOne({ ...BASE, tenantsDir: "t" }, "domain.primary", "acme.omani.works", /inside the Sovereign zone omani\.works/, [
            doc("acme", { keycloak: realm, domain: { mode: "byo", primary: "acme.omani.works" } }),
        ]);
    });

    it("rejects a slug that makes the StatefulSet name too long", () => {
        const slug = "a".repeat(44);
        const issue = expectOne({ ...BASE, tenants: [{ slug, keycloak: realm }] }, `${P}:tenants[0].slug`, slug, /StatefulSet name "stalwart-a{44}" would exceed 52 characters/);
        assert.match(issue.fix, /at most 43 characters/);
    });

    it("rejects a zone that is not one of the Sovereign's", () => {
        expectOne({ ...BASE, tenantsDir: "t" }, "domain.zone", "omani.biz", /not one of the Sovereign's zones/, [doc("acme", { keycloak: realm, domain: { zone: "omani.biz" } })]);
    });

    it("rejects a malformed DMARC report address", () => {
        expectOne({ ...BASE, tenantsDir: "t" }, "dmarc.rua", "mailto:dmarc@acme.com", /starts with mailto:/, [doc("acme", { keycloak: realm, dmarc: { rua: "mailto:dmarc@acme.com" } })]);
        expectOne({ ...BASE, tenantsDir: "t" }, "dmarc.rua", "dmarc-at-acme.com", /not an email address/, [doc("acme", { keycloak: realm, dmarc: { rua: "dmarc-at-acme.com" } })]);
        // "!" is a valid RFC 5322 local part but a size limit inside a DMARC rua URI: rejected here, not by the builder later.
        expectOne({ ...BASE, tenantsDir: "t" }, "dmarc.rua", "dmarc!x@acme.com", /DMARC or TLS-RPT URI can carry/, [doc("acme", { keycloak: realm, dmarc: { rua: "dmarc!x@acme.com" } })]);
    });

    it("rejects unknown keys in a tenant file", () => {
        const issue = expectOne({ ...BASE, tenantsDir: "t" }, "domian", new WithheldValue("(a mapping, not shown)"), /unknown key/, [doc("acme", { keycloak: realm, domian: { mode: "byo" } })]);
        assert.match(issue.fix, /did you mean "domain"/);
    });

    it("names the tenant file in every tenant error", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, [doc("acme", { domain: { mode: "free" } })]);
        assert.deepEqual(issues.map((i) => `${i.file} ${i.path}`), ["stacks/tenants/acme.yaml domain.mode", "stacks/tenants/acme.yaml keycloak.realmURL"]);
    });

    it("rejects a tenant file that is not valid YAML", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, [{ file: "stacks/tenants/bad.yaml", slug: "bad", content: undefined, parseError: "unexpected end of the stream" }]);
        assert.deepEqual(issues.map((i) => `${i.file} ${i.path} ${i.problem}`), ["stacks/tenants/bad.yaml (file) is not valid YAML: unexpected end of the stream"]);
    });

    it("rejects a tenant domain that is already a platform host", () => {
        expectOne({ fqdn: "omani.works", tenants: [{ slug: "grafana", keycloak: realm }] }, `${P}:tenants[0].domain.primary`, "grafana.omani.works", /already a platform host/);
    });

    it("rejects PowerDNS publishing for a BYO domain", () => {
        expectOne({ ...BASE, tenantsDir: "t" }, "dns.powerdns.enabled", true, /does not serve a BYO domain/, [
            doc("globex", { keycloak: realm, domain: { mode: "byo", primary: "globex.com" }, dns: { powerdns: { enabled: true } } }),
        ]);
    });
});

describe("tenancy settings and listener homes", () => {
    it("fills the tenancy defaults", () => {
        assert.deepEqual(specFrom(BASE).tenancy, {
            externalSecretsApiVersion: "external-secrets.io/v1",
            secretStore: "vault-region1",
            listeners: "listenerSets",
            certificateIssuer: "letsencrypt-dns01-prod-powerdns",
            byoCertificateIssuer: "letsencrypt-dns01-prod-powerdns",
            trustedCidrs: [],
            imageRegistry: "",
            acmeDelegationDomain: "acme-delegation.omantel.omani.works",
            webCnameTarget: "console.omantel.omani.works",
            egress: { addresses: [] },
            webadminResource: "https://github.com/stalwartlabs/webadmin/releases/download/v0.1.33/webadmin.zip",
            spamFilterResource: "https://github.com/stalwartlabs/spam-filter/releases/download/v2.0.5/spam-filter.toml",
        });
        assert.equal(specFrom({ ...BASE, tenancy: { externalSecretsApiVersion: "v1beta1" } }).tenancy.externalSecretsApiVersion, "external-secrets.io/v1beta1");
    });

    it("reads the egress, resource and web target settings", () => {
        const tenancy = specFrom({
            ...BASE,
            tenancy: {
                egress: { addresses: ["203.0.113.25", "2001:db8::/64"], spfInclude: "_spf.omantel.omani.works", ciliumGateway: { nodeSelector: { "egress-gateway": "true" }, egressIP: "203.0.113.26" } },
                webadminResource: "/opt/stalwart/resources/webadmin.zip",
                spamFilterResource: "https://mirror.example/spam-filter.toml",
                webCnameTarget: "tenants.omantel.omani.works",
                acmeDelegationDomain: "acme.pdns.omani.works",
            },
        }).tenancy;
        assert.deepEqual(tenancy.egress, {
            addresses: ["203.0.113.25", "2001:db8::/64"],
            spfInclude: "_spf.omantel.omani.works",
            ciliumGateway: { nodeSelector: { "egress-gateway": "true" }, egressIP: "203.0.113.26" },
        });
        assert.equal(tenancy.webadminResource, "/opt/stalwart/resources/webadmin.zip");
        assert.equal(tenancy.spamFilterResource, "https://mirror.example/spam-filter.toml");
        assert.equal(tenancy.webCnameTarget, "tenants.omantel.omani.works");
        assert.equal(tenancy.acmeDelegationDomain, "acme.pdns.omani.works");
    });

    it("rejects an egress address that is not an IP, a bad egress gateway, and resources that are not https URLs or absolute paths", () => {
        const egress = expectOne({ ...BASE, tenancy: { egress: { addresses: ["node-ips"] } } }, `${P}:tenancy.egress.addresses[0]`, "node-ips", /is not an IP address or CIDR/);
        assert.match(egress.fix, /203\.0\.113\.25/);
        expectOne({ ...BASE, tenancy: { egress: { ciliumGateway: { nodeSelector: { a: "b" }, egressIP: "gateway" } } } }, `${P}:tenancy.egress.ciliumGateway.egressIP`, "gateway", /is not an IP address/);
        expectOne({ ...BASE, tenancy: { egress: { ciliumGateway: { egressIP: "203.0.113.26" } } } }, `${P}:tenancy.egress.ciliumGateway.nodeSelector`, undefined, /must select the egress gateway node/);
        for (const bad of ["http://mirror.example/webadmin.zip", "webadmin.zip", "https://", "/opt/dir/"]) {
            const issue = expectOne({ ...BASE, tenancy: { webadminResource: bad } }, `${P}:tenancy.webadminResource`, bad, /is neither an https URL nor an absolute path/);
            assert.match(issue.fix, /releases\/download\/v0\.1\.33\/webadmin\.zip/);
        }
        expectOne({ ...BASE, tenancy: { spamFilterResource: "ftp://x/y" } }, `${P}:tenancy.spamFilterResource`, "ftp://x/y", /is neither an https URL nor an absolute path/);
    });

    it("rejects a web host equal to the MX host, outside the tenant's domain, or not covered by its listener", () => {
        const mx = expectOne({ ...BASE, tenants: [{ slug: "acme", keycloak: realm, web: { host: "mail.acme.omani.homes" } }] }, `${P}:tenants[0].web.host`, "mail.acme.omani.homes", /is the MX host/);
        assert.match(mx.fix, /webmail\.acme\.omani\.homes/);
        expectOne({ ...BASE, tenants: [{ slug: "acme", keycloak: realm, web: { host: "a.b.acme.omani.homes" } }] }, `${P}:tenants[0].web.host`, "a.b.acme.omani.homes", /not one label under acme\.omani\.homes/);
        expectOne({ ...BASE, tenants: [{ slug: "g", keycloak: realm, domain: { mode: "byo", primary: "globex.com" }, web: { host: "webmail.other.com" } }] }, `${P}:tenants[0].web.host`, "webmail.other.com", /not in the tenant's domain globex\.com/);
        const spec = specFrom({ ...BASE, tenants: [{ slug: "g", keycloak: realm, domain: { mode: "byo", primary: "globex.com" }, web: { host: "mail-web.globex.com" } }] });
        assert.equal(spec.tenants[0]!.web.host, "mail-web.globex.com");
    });

    it("rejects an unknown ExternalSecrets API version and a bad CIDR", () => {
        expectOne({ ...BASE, tenancy: { externalSecretsApiVersion: "v2" } }, `${P}:tenancy.externalSecretsApiVersion`, "v2", /not one of v1 \| v1beta1/);
        expectOne({ ...BASE, tenancy: { trustedCidrs: ["10.42.0.0/33"] } }, `${P}:tenancy.trustedCidrs[0]`, "10.42.0.0/33", /is not an IP address or CIDR \(IPv4 or IPv6\)/);
        // Stalwart's allowed-ip takes IPv6 too, and the config builder accepts what validation accepts.
        assert.deepEqual(specFrom({ ...BASE, tenancy: { trustedCidrs: ["10.42.0.0/16", "fd00:42::/64"] } }).tenancy.trustedCidrs, ["10.42.0.0/16", "fd00:42::/64"]);
    });

    it("rejects more tenants on the console Gateway than its 64 listeners hold", () => {
        const tenants = Array.from({ length: 30 }, (_, i) => ({ slug: `t${i}`, implementation: "chart", keycloak: realm }));
        const issues = issuesOf({ ...BASE, tenants });
        assert.deepEqual(issues.map((i) => [i.path, i.value, i.problem]), [
            [`${P}:tenants`, "30 tenants on the console Gateway", "Gateway kube-system/cilium-gateway-console would have 66 listeners; Gateway API allows at most 64"],
        ]);
        assert.match(issues[0].fix, /tenancy\.listeners: listenerSets with native tenants/);
        // 29 fit: 6 console listeners + 58.
        assert.equal(specFrom({ ...BASE, tenants: tenants.slice(0, 29) }).tenants.length, 29);
    });

    it("rejects chart-mode tenants when the console Gateway is managed elsewhere", () => {
        expectOne({ ...BASE, gateways: { management: "external" }, tenants: [{ slug: "x", implementation: "chart", keycloak: realm }] }, `${P}:tenants[0].implementation`, "chart", /does not manage \(gateways\.management: external\)/);
    });
});
