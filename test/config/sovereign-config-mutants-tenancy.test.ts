// Stack checks the mutation run found unreached (`npm run test:mutation`): foreign namespaces, secret
// values in messages, the GatewayClass name, infrastructure annotations, tenant egress, the tenancy
// hosts, image registry and Stalwart resources, sectionName pins that miss the serving listener, unusable
// tenant files and system namespaces, each with its exact issue (file, key path, value, problem, fix).
import { strict as assert } from "node:assert";
import { SovereignConfigError, WithheldValue } from "../../src/config/issues";
import { parseSovereign, resourceSettingProblem, StackConfigInput } from "../../src/config/sovereign-config";
import { specFrom, zonesOf } from "../support/sovereigns";
import { issuesOf } from "../support/config-issues";

const P = "sovereign-stacks";
const FILE = "stacks/Pulumi.test.yaml";
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };

/** The issues as [path, value, problem, fix], all in the stack file. */
function exactly(values: Record<string, unknown>): [string, unknown, string, string][] {
    const issues = issuesOf(values);
    assert.deepEqual(issues.map((i) => i.file), issues.map(() => FILE));
    return issues.map((i) => [i.path, i.value, i.problem, i.fix]);
}
function inputIssues(input: Partial<StackConfigInput>): [string, string, unknown, string, string][] {
    try {
        parseSovereign({ project: P, stack: "test", file: "f.yaml", values: BASE, ...input }, () => []);
    } catch (err) {
        assert.ok(err instanceof SovereignConfigError, String(err));
        return err.issues.map((i) => [i.file, i.path, i.value, i.problem, i.fix]);
    }
    assert.fail("expected the config to be rejected");
}
const key = (k: string) => `${P}:${k}`;

describe("stack config: foreign namespaces and secret values", () => {
    it("a key under a foreign namespace is reported, its value never shown", () => {
        assert.deepEqual(inputIssues({ foreignKeys: ["sovereign-stack:fqdn"] }), [
            [
                "f.yaml",
                "sovereign-stack:fqdn",
                undefined,
                "is not read: its namespace is neither this project's nor a provider's",
                'did you mean "sovereign-stacks:fqdn"? this program\'s keys are under "sovereign-stacks:" (the name in Pulumi.yaml); provider settings under "kubernetes:", "pulumi:", "random:", "tls:"',
            ],
        ]);
    });

    it("a secret key's value is withheld, and its text is scrubbed from every other message", () => {
        assert.deepEqual(inputIssues({ values: { ...BASE, gateways: { className: "Sec_ret" }, tenancy: { acmeDelegationDomain: "Bad.x" } }, secretKeys: ["fqdn", "gateways"] }), [
            ["f.yaml", key("gateways.className"), new WithheldValue("(secret, not shown)"), "is not a valid GatewayClass name", "use a lowercase DNS name, e.g. cilium"],
            ["f.yaml", key("tenancy.acmeDelegationDomain"), "Bad.x", "is not a DNS name: it has upper-case letters; DNS names here must be lowercase", "use e.g. acme-delegation.[secret]"],
        ]);
    });

    it("a secret that is not a string is scrubbed as its JSON text", () => {
        const values = { ...BASE, extra: true, tenancy: { egress: { ciliumGateway: { nodeSelector: {}, egressIP: "10.0.0.1" } } } };
        assert.deepEqual(inputIssues({ values, secretKeys: ["extra"] }).slice(1), [
            ["f.yaml", key("tenancy.egress.ciliumGateway.nodeSelector"), {}, "must select the egress gateway node(s)", 'e.g. nodeSelector: { "egress-gateway": "[secret]" }'],
        ]);
        assert.deepEqual(inputIssues({ values, secretKeys: ["extra"] })[0].slice(0, 3), ["f.yaml", key("extra"), new WithheldValue("(secret, not shown)")]);
    });
});

describe("stack config: Gateway class and infrastructure annotations", () => {
    it("a GatewayClass name that is not an object name", () => {
        assert.deepEqual(exactly({ ...BASE, gateways: { className: "Bad_Class" } }), [[key("gateways.className"), "Bad_Class", "is not a valid GatewayClass name", "use a lowercase DNS name, e.g. cilium"]]);
    });

    it("an annotation key that is not a qualified name, and a value above 4096 characters (4096 are fine)", () => {
        const long = "x".repeat(4097);
        assert.deepEqual(exactly({ ...BASE, gateways: { infrastructureAnnotations: { "bad key!": "v", "ok/k": long, "ok/j": "y".repeat(4096) } } }), [
            [
                key("gateways.infrastructureAnnotations.bad key!"),
                "v",
                "has a key that is not a qualified name: [prefix/]name, the name at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
                "use a key such as io.cilium/lb-ipam-ips",
            ],
            [key("gateways.infrastructureAnnotations.ok/k"), long, "is 4097 characters long; the Gateway CRD allows at most 4096", "shorten the value"],
        ]);
    });
});

describe("stack config: tenant egress", () => {
    const at = (k: string) => key(`tenancy.egress.${k}`);
    const nodeSelectorIssue = (value: unknown): [string, unknown, string, string] => [at("ciliumGateway.nodeSelector"), value, "must select the egress gateway node(s)", 'e.g. nodeSelector: { "egress-gateway": "true" }'];
    const egressIPIssue = (value: unknown): [string, unknown, string, string] => [at("ciliumGateway.egressIP"), value, "is not an IP address", "write the address on the gateway node that mail leaves from, e.g. 203.0.113.25"];

    it("reads every egress key", () => {
        const egress = { addresses: ["203.0.113.25", "2001:db8::25"], spfInclude: "_spf.omantel.omani.works", ciliumGateway: { nodeSelector: { "egress-gateway": "true" }, egressIP: "203.0.113.9" } };
        assert.deepEqual(specFrom({ ...BASE, tenancy: { egress } }).tenancy.egress, egress);
        assert.deepEqual(specFrom({ ...BASE, tenancy: { egress: { spfInclude: "spf.example.org" } } }).tenancy.egress, { addresses: [], spfInclude: "spf.example.org" });
        assert.deepEqual(specFrom(BASE).tenancy.egress, { addresses: [] });
    });

    it("empty (null) list entries are reported, never dropped silently", () => {
        const fix = "give it a value, or remove the empty `-` line";
        assert.deepEqual(exactly({ ...BASE, gateways: { consoleHostPrefixes: ["console", null] }, tenancy: { trustedCidrs: [null, "10.42.0.0/16"], egress: { addresses: [null, "203.0.113.25"] } } }), [
            [`${P}:gateways.consoleHostPrefixes[1]`, undefined, "is an empty list entry", fix],
            [`${P}:tenancy.trustedCidrs[0]`, undefined, "is an empty list entry", fix],
            [`${P}:tenancy.egress.addresses[0]`, undefined, "is an empty list entry", fix],
        ]);
        assert.deepEqual(exactly({ ...BASE, zones: [null, { name: "omani.works" }], tenants: [null] }), [
            [`${P}:zones[0]`, undefined, "is an empty list entry", fix],
            [`${P}:tenants[0]`, undefined, "is an empty list entry", fix],
        ]);
    });

    it("addresses that are not IPs or not strings", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { addresses: ["203.0.113.25", "nope", 42] } } }), [
            [at("addresses[1]"), "nope", "is not an IP address or CIDR (IPv4 or IPv6)", "write the address mail leaves from, e.g. 203.0.113.25 or 2001:db8::25"],
            [at("addresses[2]"), 42, "expected a string, got a number", `quote the value, e.g. ${at("addresses[2]")}: "42"`],
        ]);
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { addresses: "x" } } }), [[at("addresses"), "x", "expected a list, got a string", `write ${at("addresses")} as a YAML list ("- item" per line)`]]);
    });

    it("an SPF include that is not a domain, an empty node selector and an egress IP that is not an IP", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { spfInclude: "Bad_.x", ciliumGateway: { nodeSelector: {}, egressIP: "nope" } } } }), [
            [at("spfInclude"), "Bad_.x", "is not a domain: it has upper-case letters; DNS names here must be lowercase", "name the Sovereign's SPF record, e.g. _spf.omantel.omani.works"],
            nodeSelectorIssue({}),
            egressIPIssue("nope"),
        ]);
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { spfInclude: "a._b_.org" } } }).map(([path, value]) => [path, value]), [[at("spfInclude"), "a._b_.org"]]);
        // A label that is only an underscore still names a TXT record.
        assert.equal(specFrom({ ...BASE, tenancy: { egress: { spfInclude: "_.example.org" } } }).tenancy.egress.spfInclude, "_.example.org");
    });

    it("an SPF include and node selector values that are not strings", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { spfInclude: 42, ciliumGateway: { nodeSelector: { a: 42 }, egressIP: "10.0.0.1" } } } }), [
            [at("spfInclude"), 42, "expected a string, got a number", `quote the value, e.g. ${at("spfInclude")}: "42"`],
            [at("ciliumGateway.nodeSelector.a"), 42, "expected a string, got a number", "quote the value"],
            nodeSelectorIssue({ a: 42 }),
        ]);
    });

    it("egress sections of the wrong type and unknown keys", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: 7 } }), [
            [key("tenancy.egress"), new WithheldValue("(a number, not shown)"), "expected a mapping", `write ${key("tenancy.egress")} as a YAML mapping with keys addresses, spfInclude, ciliumGateway`],
        ]);
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { ciliumGateway: 7 } } }), [
            [at("ciliumGateway"), new WithheldValue("(a number, not shown)"), "expected a mapping", `write ${at("ciliumGateway")} as a YAML mapping with keys nodeSelector, egressIP`],
            nodeSelectorIssue(undefined),
            egressIPIssue(undefined),
        ]);
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { ciliumGateway: { egressIP: 42 }, x: 1 } } }), [
            [at("x"), new WithheldValue("(a number, not shown)"), "unknown key", "remove it; valid keys here are: addresses, spfInclude, ciliumGateway"],
            [at("ciliumGateway.egressIP"), 42, "expected a string, got a number", `quote the value, e.g. ${at("ciliumGateway.egressIP")}: "42"`],
            nodeSelectorIssue(undefined),
            egressIPIssue(undefined),
        ]);
        assert.deepEqual(exactly({ ...BASE, tenancy: { egress: { ciliumGateway: { nodeSelector: { a: "b" }, y: 2 } } } }), [
            [at("ciliumGateway.y"), new WithheldValue("(a number, not shown)"), "unknown key", "remove it; valid keys here are: nodeSelector, egressIP"],
            egressIPIssue(undefined),
        ]);
    });
});

describe("stack config: tenancy hosts, image registry and Stalwart resources", () => {
    it("reads the ACME delegation domain and the web CNAME target; the target defaults to the first console host", () => {
        const tenancy = specFrom({ ...BASE, tenancy: { acmeDelegationDomain: "acme.example.org", webCnameTarget: "web.example.org" } }).tenancy;
        assert.deepEqual([tenancy.acmeDelegationDomain, tenancy.webCnameTarget], ["acme.example.org", "web.example.org"]);
        const byDefault = specFrom({ ...BASE, gateways: { consoleHostPrefixes: ["admin", "console"] } }).tenancy;
        assert.deepEqual([byDefault.acmeDelegationDomain, byDefault.webCnameTarget], ["acme-delegation.omantel.omani.works", "admin.omantel.omani.works"]);
    });

    it("without console hosts the web CNAME target's example is still the console host", () => {
        assert.deepEqual(exactly({ ...BASE, gateways: { consoleHostPrefixes: [] }, tenancy: { webCnameTarget: "Bad" } })[1], [
            key("tenancy.webCnameTarget"),
            "Bad",
            "is not a DNS name: it has upper-case letters; DNS names here must be lowercase",
            "use e.g. console.omantel.omani.works",
        ]);
    });

    it("hosts that are not DNS names", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { acmeDelegationDomain: "Bad.x", webCnameTarget: "bad_.x" } }), [
            [key("tenancy.acmeDelegationDomain"), "Bad.x", "is not a DNS name: it has upper-case letters; DNS names here must be lowercase", "use e.g. acme-delegation.omantel.omani.works"],
            [key("tenancy.webCnameTarget"), "bad_.x", `is not a DNS name: it has an invalid label "bad_"; labels are a-z, 0-9 and '-', and start and end with a letter or digit`, "use e.g. console.omantel.omani.works"],
        ]);
    });

    it("an image registry that is not a prefix; empty means none", () => {
        assert.deepEqual(exactly({ ...BASE, tenancy: { imageRegistry: "Harbor/x/" } }), [
            [key("tenancy.imageRegistry"), "Harbor/x/", "is not a registry prefix: it ends with '/'; the program adds it", "write a registry host and optional path, e.g. harbor.omantel.omani.works/dockerhub"],
        ]);
        assert.equal(specFrom({ ...BASE, tenancy: { imageRegistry: "" } }).tenancy.imageRegistry, "");
        assert.equal(specFrom({ ...BASE, tenancy: { imageRegistry: "harbor.example.org/hub" } }).tenancy.imageRegistry, "harbor.example.org/hub");
    });

    it("reads the Stalwart resources, and rejects what is neither an https URL nor an absolute file path", () => {
        const tenancy = specFrom({ ...BASE, tenancy: { webadminResource: "https://example.org:8443/a.zip", spamFilterResource: "/etc/spam.toml" } }).tenancy;
        assert.deepEqual([tenancy.webadminResource, tenancy.spamFilterResource], ["https://example.org:8443/a.zip", "/etc/spam.toml"]);
        assert.deepEqual(exactly({ ...BASE, tenancy: { webadminResource: "http://x/y", spamFilterResource: "/dir/" } }), [
            [
                key("tenancy.webadminResource"),
                "http://x/y",
                "is neither an https URL nor an absolute path",
                "use a versioned release URL such as https://github.com/stalwartlabs/webadmin/releases/download/v0.1.33/webadmin.zip, or the absolute path of a file mounted into the pod",
            ],
            [
                key("tenancy.spamFilterResource"),
                "/dir/",
                "is neither an https URL nor an absolute path",
                "use a versioned release URL such as https://github.com/stalwartlabs/spam-filter/releases/download/v2.0.5/spam-filter.toml, or the absolute path of a file mounted into the pod",
            ],
        ]);
    });

    it("the resource URL pattern's edges", () => {
        for (const ok of ["https://example.org/a.zip", "HTTPS://Example.org:443/", "https://a-b.example/x/y?z=1", "/a", "/etc/stalwart/webadmin.zip"]) {
            assert.equal(resourceSettingProblem(ok), undefined, ok);
        }
        for (const bad of ["xhttps://example.org/a", "https://example.org/a b", "https://example.org:/a", "https://example.org:x/a", "https://example.org", "https://ex_ample.org/a", "a/b", "/", "/a/", "/a b"]) {
            assert.equal(resourceSettingProblem(bad), "is neither an https URL nor an absolute path", bad);
        }
    });
});

describe("stack config: sectionName pins beside the serving listener", () => {
    it("a plain-HTTP listener", () => {
        assert.deepEqual(exactly({ ...BASE, blueprints: { keycloak: { sectionName: "http-omani-works" } } }), [
            [
                key("blueprints.keycloak.sectionName"),
                "http-omani-works",
                "names the plain-HTTP listener http-omani-works; auth.omantel.omani.works would be served without TLS only, and https-omantel-omani-works, the HTTPS listener that serves auth.omantel.omani.works, would not carry the route",
                `remove ${key("blueprints.keycloak.sectionName")} so the route attaches by hostname (recommended), or pin the HTTPS listener https-omantel-omani-works`,
            ],
        ]);
    });

    it("a less specific HTTPS listener", () => {
        assert.deepEqual(exactly({ ...BASE, blueprints: { keycloak: { sectionName: "https-omani-works" } } }), [
            [
                key("blueprints.keycloak.sectionName"),
                "https-omani-works",
                "names listener https-omani-works (hostname *.omani.works), but auth.omantel.omani.works is served by the more specific listener https-omantel-omani-works (hostname *.omantel.omani.works); the route would attach where no request for auth.omantel.omani.works arrives",
                `remove ${key("blueprints.keycloak.sectionName")} so the route attaches by hostname (recommended), or pin https-omantel-omani-works`,
            ],
        ]);
    });

    it("a version that is a list", () => {
        assert.deepEqual(exactly({ ...BASE, blueprints: { gitea: { version: ["1.2.44"] } } }), [
            [key("blueprints.gitea.version"), ["1.2.44"], "is not an exact semver version (ranges and a leading v are not allowed)", 'pin an exact version in quotes, e.g. "1.2.44"'],
        ]);
    });

    it("bp-harbor before its alias-route fix: the whole problem", () => {
        assert.deepEqual(exactly({ ...BASE, blueprints: { harbor: { version: "1.2.43" } } }).map(([path, value, problem]) => [path, value, problem]), [
            [
                key("blueprints.harbor.version"),
                "1.2.43",
                "predates bp-harbor 1.2.49: with host registry.omantel.omani.works the chart also renders HTTPRoute harbor-alias-redirect for harbor.omantel.omani.works, " +
                    'whose parentRef pins sectionName "https" through gateway.name/gateway.namespace/gateway.sectionName (and gateway.name also renames the main route), ' +
                    'so it does not attach (NoMatchingParent) wherever no listener is named "https", i.e. on every multi-zone Sovereign',
            ],
        ]);
    });

    it("a version that is a number", () => {
        assert.deepEqual(exactly({ ...BASE, blueprints: { gitea: { version: 1.1 } } }), [
            [key("blueprints.gitea.version"), 1.1, "is a number (YAML reads 1.10 as 1.1); versions must be quoted exact semver", 'pin an exact version in quotes, e.g. "1.2.44"'],
        ]);
    });
});

describe("stack config: unusable tenant files, system namespaces, console hosts", () => {
    it("a file that cannot be used, and empty files", () => {
        const issues = issuesOf({ ...BASE, tenantsDir: "t" }, [
            { file: "t/a.yaml", slug: "a", content: { keycloak: {} }, fileProblem: { problem: "is a folder", fix: "remove it" } },
            { file: "t/b.yaml", slug: "b", content: null },
            { file: "t/c.yaml", slug: "c", content: undefined },
        ]);
        const empty = ["(file)", undefined, "is empty", "write the tenant's keys (at least keycloak.realmURL), or remove the file"];
        assert.deepEqual(issues.map((i) => [i.file, i.path, i.value, i.problem, i.fix]), [
            ["t/a.yaml", "(file)", undefined, "is a folder", "remove it"],
            ["t/b.yaml", ...empty],
            ["t/c.yaml", ...empty],
        ]);
    });

    it("a system namespace is refused unless allowed", () => {
        assert.deepEqual(exactly({ ...BASE, blueprints: { gitea: { namespace: "kube-system" } } }), [
            [
                key("blueprints.gitea.namespace"),
                "kube-system",
                "is a namespace of Kubernetes itself",
                `install gitea in its own namespace, e.g. gitea, or set ${key("blueprints.gitea.allowSystemNamespace")}: true if you mean it`,
            ],
        ]);
        const gitea = specFrom({ ...BASE, blueprints: { gitea: { namespace: "kube-system", allowSystemNamespace: true, createNamespace: false } } }).blueprints.find((b) => b.name === "gitea");
        assert.equal(gitea?.namespace, "kube-system");
        assert.deepEqual(exactly({ ...BASE, blueprints: { gitea: { allowSystemNamespace: "yes" } } }), [
            [
                key("blueprints.gitea.allowSystemNamespace"),
                "yes",
                "expected true or false, got a string",
                `write ${key("blueprints.gitea.allowSystemNamespace")}: true or ${key("blueprints.gitea.allowSystemNamespace")}: false, unquoted`,
            ],
        ]);
    });

    it("a blueprint host that is a console host names its prefix", () => {
        assert.deepEqual(exactly({ ...BASE, gateways: { consoleHostPrefixes: ["admin"] }, blueprints: { gitea: { host: "admin.omantel.omani.works" } } }), [
            [key("blueprints.gitea.host"), "admin.omantel.omani.works", 'is the console Gateway\'s host for prefix "admin" (gateways.consoleHostPrefixes)', 'give gitea another host, or remove "admin" from gateways.consoleHostPrefixes'],
        ]);
    });
});
