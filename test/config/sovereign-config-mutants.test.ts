// Stack-config validation the first specs left open (found by `npm run test:mutation`): every gateway and
// tenancy key read back, and the exact issue (file, key path, value, problem, fix) of every check that
// had never fired: equal ports, more than 8 infrastructure annotations, a console host prefix listed
// twice, invalid object names, hosts and namespaces, a tenants folder that cannot be read.
import { strict as assert } from "node:assert";
import { ConfigIssue, SovereignConfigError, WithheldValue } from "../../src/config/issues";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { parseSovereign, TenantDirectoryReader } from "../../src/config/sovereign-config";
import { specFrom, zonesOf } from "../support/sovereigns";

const P = "sovereign-stacks";
const FILE = "stacks/Pulumi.test.yaml";
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const realm = { realmURL: "https://auth.omantel.omani.works/realms/x" };

function issuesOf(values: Record<string, unknown>, reader?: TenantDirectoryReader): ConfigIssue[] {
    try {
        if (reader) {
            parseSovereign({ project: P, stack: "test", file: FILE, values }, reader);
        } else {
            specFrom(values);
        }
    } catch (err) {
        assert.ok(err instanceof SovereignConfigError, String(err));
        return [...err.issues];
    }
    assert.fail("expected the config to be rejected");
}
/** The issues as [path, value, problem, fix], all in the stack file. */
function exactly(values: Record<string, unknown>, reader?: TenantDirectoryReader): [string, unknown, string, string][] {
    const issues = issuesOf(values, reader);
    assert.deepEqual(issues.map((i) => i.file), issues.map(() => FILE));
    return issues.map((i) => [i.path, i.value, i.problem, i.fix]);
}

describe("stack config: every gateway and tenancy key is read", () => {
    it("reads every gateway setting", () => {
        const spec = specFrom({
            fqdn: "omani.works",
            gateways: {
                management: "external",
                namespace: "edge",
                className: "envoy",
                shared: "apps",
                console: "admin",
                httpsPort: 8443,
                httpPort: 8080,
                consoleHostPrefixes: ["console", "api"],
                infrastructureAnnotations: { "lb.example/ip": "10.0.0.1" },
            },
        });
        assert.deepEqual(spec.gateways, {
            management: "external",
            namespace: "edge",
            className: "envoy",
            sharedName: "apps",
            consoleName: "admin",
            httpsPort: 8443,
            httpPort: 8080,
            consoleHostPrefixes: ["console", "api"],
            infrastructureAnnotations: { "lb.example/ip": "10.0.0.1" },
        });
    });

    it("reads every tenancy setting", () => {
        const spec = specFrom({
            ...BASE,
            tenancy: {
                externalSecretsApiVersion: "v1",
                secretStore: "openbao",
                listeners: "gateway",
                certificateIssuer: "dns01",
                byoCertificateIssuer: "http01",
                trustedCidrs: ["10.42.0.0/16"],
                imageRegistry: "mirror.example.com/proxy",
                acmeDelegationDomain: "acme.example.com",
                webCnameTarget: "web.example.com",
                egress: { addresses: ["203.0.113.25"], spfInclude: "_spf.example.com" },
                webadminResource: "https://mirror.example.com/webadmin.zip",
                spamFilterResource: "/opt/stalwart/data/spam-filter.toml",
            },
        });
        assert.deepEqual(spec.tenancy, {
            externalSecretsApiVersion: "external-secrets.io/v1",
            secretStore: "openbao",
            listeners: "gateway",
            certificateIssuer: "dns01",
            byoCertificateIssuer: "http01",
            trustedCidrs: ["10.42.0.0/16"],
            imageRegistry: "mirror.example.com/proxy",
            acmeDelegationDomain: "acme.example.com",
            webCnameTarget: "web.example.com",
            egress: { addresses: ["203.0.113.25"], spfInclude: "_spf.example.com" },
            webadminResource: "https://mirror.example.com/webadmin.zip",
            spamFilterResource: "/opt/stalwart/data/spam-filter.toml",
        });
        assert.equal(specFrom({ ...BASE, tenancy: { listeners: "listenerSets" } }).tenancy.listeners, "listenerSets");
    });

    it("reads every blueprint setting, and leaves sectionName out when unset", () => {
        const spec = specFrom({
            fqdn: "omani.works",
            blueprints: {
                gitea: { enabled: false, version: CATALOG.gitea.firstListenerAgnosticVersion, namespace: "git", releaseName: "git", host: "code.omani.works", createNamespace: false, values: { replicaCount: 2 } },
                grafana: { version: CATALOG.grafana.defaultVersion },
            },
        });
        const gitea = spec.blueprints.find((b) => b.name === "gitea");
        assert.deepEqual(gitea, {
            name: "gitea",
            enabled: false,
            version: CATALOG.gitea.firstListenerAgnosticVersion,
            namespace: "git",
            releaseName: "git",
            host: "code.omani.works",
            createNamespace: false,
            values: { replicaCount: 2 },
        });
        assert.equal(spec.blueprints.find((b) => b.name === "grafana")?.version, CATALOG.grafana.defaultVersion);
    });

    it("a null version means the default", () => {
        assert.equal(specFrom({ fqdn: "omani.works", blueprints: { gitea: { version: null } } }).blueprints[0].version, CATALOG.gitea.defaultVersion);
    });

    it("blueprints.stalwart-tenant.version sets the tenants' chart version", () => {
        const spec = specFrom({ ...BASE, blueprints: { "stalwart-tenant": { version: "0.1.20" } }, tenants: [{ slug: "acme", keycloak: realm }] });
        assert.equal(spec.tenants[0].chartVersion, "0.1.20");
    });

    it("an empty tenantsDir reads no folder", () => {
        const reader: TenantDirectoryReader = () => assert.fail("the tenants folder must not be read");
        const spec = parseSovereign({ project: P, stack: "test", file: FILE, values: { ...BASE, tenantsDir: "" } }, reader);
        assert.deepEqual(spec.tenants, []);
    });

    it("native tenants in ListenerSets are fine when the console Gateway is managed elsewhere", () => {
        const spec = specFrom({ ...BASE, gateways: { management: "external" }, tenants: [{ slug: "acme", implementation: "native", keycloak: realm }] });
        assert.deepEqual(spec.tenants.map((t) => t.slug), ["acme"]);
    });
});

describe("stack config: the exact issue of every check", () => {
    it("equal HTTP and HTTPS ports", () => {
        assert.deepEqual(exactly({ ...BASE, gateways: { httpsPort: 8080, httpPort: 8080 } }), [
            [`${P}:gateways.httpPort`, 8080, "equals httpsPort", "use different ports, e.g. 443 and 80"],
        ]);
    });

    it("more than 8 infrastructure annotations (8 are fine)", () => {
        const annotations = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, "x"]));
        assert.equal(Object.keys(specFrom({ ...BASE, gateways: { infrastructureAnnotations: annotations(8) } }).gateways.infrastructureAnnotations).length, 8);
        assert.deepEqual(exactly({ ...BASE, gateways: { infrastructureAnnotations: annotations(9) } }), [
            [`${P}:gateways.infrastructureAnnotations`, "9 entries", "the Gateway CRD allows at most 8", "keep at most 8 infrastructure annotations"],
        ]);
    });

    it("a console host prefix listed twice, one that is not a DNS label, one too long for the FQDN, one not a string", () => {
        const fqdn = `${"f".repeat(63)}.${"g".repeat(63)}.${"h".repeat(63)}.works`; // 197 characters
        assert.deepEqual(exactly({ fqdn, gateways: { consoleHostPrefixes: ["console", "console", "Con", "p".repeat(60), 42] } }), [
            [`${P}:gateways.consoleHostPrefixes[1]`, "console", "is listed twice", "list each prefix once"],
            [
                `${P}:gateways.consoleHostPrefixes[2]`,
                "Con",
                "is not a usable host prefix: it must be lowercase a-z, 0-9 and '-', starting and ending with a letter or digit",
                "use a DNS label such as console",
            ],
            [`${P}:gateways.consoleHostPrefixes[3]`, "p".repeat(60), "is not a usable host prefix: it is 258 characters long; a DNS name has at most 253", "use a DNS label such as console"],
            [`${P}:gateways.consoleHostPrefixes[4]`, 42, "expected a string, got a number", `quote the value, e.g. ${P}:gateways.consoleHostPrefixes[4]: "42"`],
        ]);
    });

    it("a console Gateway with more than 64 listeners is blamed on the host prefixes, once", () => {
        const prefixes = Array.from({ length: 33 }, (_, i) => `p${i}`);
        assert.deepEqual(exactly({ ...BASE, gateways: { consoleHostPrefixes: prefixes } }), [
            [
                `${P}:gateways.consoleHostPrefixes`,
                undefined,
                "Gateway kube-system/cilium-gateway-console would have 66 listeners; Gateway API allows at most 64",
                "shorten or rename the zones so every listener name is unique, lowercase and at most 253 characters, with at most 64 listeners",
            ],
        ]);
    });

    it("invalid Gateway names and namespace fall back to the defaults", () => {
        assert.deepEqual(exactly({ ...BASE, gateways: { namespace: "Kube_System", shared: "-apps", console: "c".repeat(64) } }), [
            [`${P}:gateways.namespace`, "Kube_System", "is not a valid namespace name: it must be lowercase a-z, 0-9 and '-', starting and ending with a letter or digit", "use e.g. kube-system"],
            [`${P}:gateways.shared`, "-apps", "is not a valid Gateway name: it must be lowercase a-z, 0-9 and '-', starting and ending with a letter or digit", "use e.g. cilium-gateway"],
            [`${P}:gateways.console`, "c".repeat(64), "is not a valid Gateway name: it is 64 characters long; at most 63 allowed", "use e.g. cilium-gateway-console"],
        ]);
    });

    it("invalid tenancy object names, and a CIDR entry that is not a string", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { secretStore: "Vault Region", certificateIssuer: "", byoCertificateIssuer: "a_b", trustedCidrs: [42] } }), [
            [`${P}:tenancy.trustedCidrs[0]`, 42, "expected a string, got a number", `quote the value, e.g. ${P}:tenancy.trustedCidrs[0]: "42"`],
            [`${P}:tenancy.secretStore`, "Vault Region", "is not a valid Kubernetes object name", "use e.g. vault-region1"],
            [`${P}:tenancy.certificateIssuer`, "", "is not a valid Kubernetes object name", "use e.g. letsencrypt-dns01-prod-powerdns"],
            [`${P}:tenancy.byoCertificateIssuer`, "a_b", "is not a valid Kubernetes object name", "use e.g. letsencrypt-dns01-prod-powerdns"],
        ]);
    });

    it("tenancy values of the wrong type", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { listeners: "both", imageRegistry: 5, trustedCidrs: "10.0.0.0/8" } }), [
            [`${P}:tenancy.trustedCidrs`, "10.0.0.0/8", "expected a list, got a string", `write ${P}:tenancy.trustedCidrs as a YAML list ("- item" per line)`],
            [`${P}:tenancy.imageRegistry`, 5, "expected a string, got a number", `quote the value, e.g. ${P}:tenancy.imageRegistry: "5"`],
            [`${P}:tenancy.listeners`, "both", "not one of listenerSets | gateway", "use one of: listenerSets, gateway"],
        ]);
    });

    it("gateway values of the wrong type are reported at their own key", () => {
        assert.deepEqual(
            exactly({ ...BASE, gateways: { className: 7, httpPort: 0, infrastructureAnnotations: ["a"] } }).map(([path, value, problem]) => [path, value, problem]),
            [
                [`${P}:gateways.className`, 7, "expected a string, got a number"],
                [`${P}:gateways.httpPort`, 0, "expected an integer from 1 to 65535"],
                [`${P}:gateways.infrastructureAnnotations`, new WithheldValue("(a list, not shown)"), "expected a mapping of strings, got a list"],
            ],
        );
    });

    it("invalid blueprint namespace, release name and host", () => {
        assert.deepEqual(exactly({ fqdn: "omani.works", blueprints: { gitea: { namespace: "Git", releaseName: "r".repeat(54), host: "Code.omani.works" } } }), [
            [`${P}:blueprints.gitea.host`, "Code.omani.works", "is not a valid host: it has upper-case letters; DNS names here must be lowercase", "use a lowercase DNS name such as gitea.omani.works"],
            [`${P}:blueprints.gitea.namespace`, "Git", "is not a valid namespace: it must be lowercase a-z, 0-9 and '-', starting and ending with a letter or digit", "use e.g. gitea"],
            [`${P}:blueprints.gitea.releaseName`, "r".repeat(54), "is not a valid releaseName: it is 54 characters long; at most 53 allowed", "use e.g. gitea"],
        ]);
    });

    it("blueprint values that are not a mapping, a program-owned value, booleans and sectionName of the wrong type", () => {
        assert.deepEqual(
            exactly({ fqdn: "omani.works", blueprints: { gitea: { values: "replicaCount: 2", enabled: "yes", createNamespace: 1, sectionName: 443 } } }).map(([path, value, problem]) => [
                path,
                value,
                problem,
            ]),
            [
                [`${P}:blueprints.gitea.sectionName`, 443, "expected a string, got a number"],
                [`${P}:blueprints.gitea.values`, "replicaCount: 2", "expected a mapping of chart values"],
                [`${P}:blueprints.gitea.enabled`, "yes", "expected true or false, got a string"],
                [`${P}:blueprints.gitea.createNamespace`, 1, "expected true or false, got a number"],
            ],
        );
        const [valuesIssue] = exactly({ fqdn: "omani.works", blueprints: { gitea: { values: "x" } } });
        assert.equal(valuesIssue[3], "write values as a YAML mapping");
    });

    it("a program-owned chart value: the fix names the keys to use instead", () => {
        const [issue] = exactly({ fqdn: "omani.works", blueprints: { newapi: { values: { ingress: { httpRoute: { parentRef: { sectionName: "https" } } } } } } });
        assert.equal(issue[3], `remove it; set ${P}:blueprints.newapi.host or ${P}:blueprints.newapi.sectionName instead`);
    });

    it("a version that is not exact semver", () => {
        assert.deepEqual(exactly({ fqdn: "omani.works", blueprints: { gitea: { version: "^1.2.46" } } }), [
            [`${P}:blueprints.gitea.version`, "^1.2.46", "is not an exact semver version (ranges and a leading v are not allowed)", `pin an exact version in quotes, e.g. "${CATALOG.gitea.defaultVersion}"`],
        ]);
    });

    it("the stalwart-tenant blueprint: its version is checked, other keys are unknown", () => {
        assert.deepEqual(
            exactly({ fqdn: "omani.works", blueprints: { "stalwart-tenant": { version: "v0.1.16", host: "mail.omani.works" } } }).map(([path, value, problem]) => [path, value, problem]),
            [
                [`${P}:blueprints.stalwart-tenant.host`, new WithheldValue("(a string of 16 characters, not shown)"), "unknown key"],
                [`${P}:blueprints.stalwart-tenant.version`, "v0.1.16", "is not an exact semver version (ranges and a leading v are not allowed)"],
            ],
        );
        assert.deepEqual(
            exactly({ fqdn: "omani.works", blueprints: { "stalwart-tenant": "0.1.16" } }).map(([path, value, problem]) => [path, value, problem]),
            [[`${P}:blueprints.stalwart-tenant`, new WithheldValue("(a string of 6 characters, not shown)"), "expected a mapping"]],
        );
    });

    it("zones that are not mappings or have no name", () => {
        assert.deepEqual(
            exactly({ fqdn: "omani.works", zones: ["omani.works", { role: "primary" }] }).map(([path, value, problem, fix]) => [path, value, problem, fix]),
            [
                [`${P}:zones[0]`, new WithheldValue("(a string of 11 characters, not shown)"), "expected a mapping", `write ${P}:zones[0] as a YAML mapping with keys name, role`],
                [`${P}:zones[1].name`, undefined, "required value is missing", `set ${P}:zones[1].name, e.g. ${P}:zones[1].name: omani.works`],
            ],
        );
    });

    it("a missing FQDN: the fix shows an example", () => {
        assert.deepEqual(exactly({}), [[`${P}:fqdn`, undefined, "required value is missing", `set ${P}:fqdn, e.g. ${P}:fqdn: omantel.omani.works`]]);
    });

    it("unknown keys are reported in key order", () => {
        assert.deepEqual(
            exactly({ fqdn: "omani.works", zzz: 1, aaa: 2 }).map(([path]) => path),
            [`${P}:aaa`, `${P}:zzz`],
        );
    });

    it("inline tenants that are not a list, and a tenantsDir that is not a string", () => {
        assert.deepEqual(
            exactly({ ...BASE, tenants: { acme: {} }, tenantsDir: 42 }).map(([path, value, problem]) => [path, value, problem]),
            [
                [`${P}:tenants`, new WithheldValue("(a mapping, not shown)"), "expected a list, got a mapping"],
                [`${P}:tenantsDir`, 42, "expected a string, got a number"],
            ],
        );
    });

    it("a tenants folder that cannot be read", () => {
        const reader: TenantDirectoryReader = () => {
            throw new Error("cannot read folder stacks/tenants: no such file or directory");
        };
        assert.deepEqual(exactly({ ...BASE, tenantsDir: "tenants" }, reader), [
            [
                `${P}:tenantsDir`,
                "tenants",
                "cannot read folder stacks/tenants: no such file or directory",
                "point tenantsDir at a folder of <slug>.yaml files, relative to the stack file",
            ],
        ]);
    });

    it("a tenant file that is not valid YAML: the fix", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, () => [{ file: "stacks/tenants/bad.yaml", slug: "bad", content: undefined, parseError: "bad indentation" }]);
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.fix]), [["stacks/tenants/bad.yaml", "(file)", "fix the YAML syntax"]]);
    });

    it("a chart-mode tenant from a tenant file on an external console Gateway is blamed on its implementation key", () => {
        const issues = issuesOf({ ...BASE, gateways: { management: "external" }, tenantsDir: "t" }, () => [
            { file: "stacks/tenants/acme.yaml", slug: "acme", content: { implementation: "chart", keycloak: realm } },
        ]);
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.value, i.problem, i.fix]), [
            [
                "stacks/tenants/acme.yaml",
                "implementation",
                "chart",
                "puts tenant acme's listeners on the console Gateway, which this stack does not manage (gateways.management: external)",
                "use implementation: native with tenancy.listeners: listenerSets, or let this stack manage the Gateways",
            ],
        ]);
    });
});

describe("stack config: more edges", () => {
    it("management: managed and none may be written out", () => {
        assert.equal(specFrom({ ...BASE, gateways: { management: "managed" } }).gateways.management, "managed");
        assert.equal(specFrom({ ...BASE, gateways: { management: "none" } }).gateways.management, "none");
    });

    it("a host that is not a string is reported at its key", () => {
        assert.deepEqual(
            exactly({ fqdn: "omani.works", blueprints: { gitea: { host: 42 } } }).map(([path, value, problem]) => [path, value, problem]),
            [[`${P}:blueprints.gitea.host`, 42, "expected a string, got a number"]],
        );
    });

    it("an invalid host is replaced by the default host before sectionName is checked against it", () => {
        assert.deepEqual(
            exactly({ fqdn: "omani.works", blueprints: { gitea: { host: "Code.omani.works", sectionName: "https" } } }).map(([path]) => path),
            [`${P}:blueprints.gitea.host`],
        );
    });

    it("no tenantsDir reads no folder", () => {
        const reader: TenantDirectoryReader = () => assert.fail("the tenants folder must not be read");
        assert.deepEqual(parseSovereign({ project: P, stack: "test", file: FILE, values: BASE }, reader).tenants, []);
    });
});
