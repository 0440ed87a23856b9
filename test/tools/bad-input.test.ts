// Every bad input, class by class (issue 10): one clear error naming file, key, value and fix, exit 1
// (usage errors exit 2 with one usage line), nothing on stdout, no stack trace, nothing leaked. The
// CLIs run in-process through their entry functions (runRender, runCheck) on files in a temp folder;
// bad-input-process.test.ts runs a few of the same cases as real child processes.

import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { REPO_ROOT, zonesOf } from "../support/sovereigns";

import { BadInputCase, Entry, P, TOKEN, assertClearRefusal, runCase, stackText } from "../support/bad-input";

const realm = (slug: string) => ({ realmURL: `https://auth.omantel.omani.works/realms/${slug}` });
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const ONE_ZONE = { fqdn: "t28.omani.works", zones: zonesOf("omani.works") };

const S = "Pulumi.s.yaml";
const tenantsOf = (files: Record<string, Entry>): Record<string, Entry> => Object.fromEntries(Object.entries(files).map(([k, v]) => [`tenants/${k}`, v]));
const KUBECONFIG = yaml.dump({ apiVersion: "v1", kind: "Config", clusters: [{ name: "c", cluster: { server: "https://10.0.0.1" } }], users: [{ name: "admin", user: { token: TOKEN } }] });

const CASES: Record<string, BadInputCase[]> = {
    "the stack file itself": [
        { name: "missing", files: {}, exit: 1, words: ["Pulumi.s.yaml: does not exist"] },
        { name: "--stack naming no stack", files: {}, args: ["--stack", "nope"], exit: 1, words: ["stacks/Pulumi.nope.yaml: does not exist, so there is no stack nope. Fix: use one of the stacks: omantel, omantel-shard-a, t28"] },
        { name: "a folder", files: { [S]: { folder: true } }, exit: 1, words: ["Pulumi.s.yaml: is a folder, not a file"] },
        { name: "not named Pulumi.<stack>.yaml", files: { "stack.yaml": stackText(BASE) }, args: ["--stack-file", "{dir}/stack.yaml"], exit: 1, words: ["stack.yaml: is not named like a stack file", "Fix: rename it to Pulumi.<stack>.yaml"] },
        { name: "empty", files: { [S]: "" }, exit: 1, words: ["Pulumi.s.yaml: is empty", `${P}:fqdn`] },
        { name: "only comments", files: { [S]: "# nothing yet\n" }, exit: 1, words: ["Pulumi.s.yaml: is empty"] },
        { name: "not YAML", files: { [S]: "config: [\n" }, exit: 1, words: ["Pulumi.s.yaml: is not valid YAML", "Fix: fix the YAML syntax"] },
        { name: "duplicate keys", files: { [S]: `config:\n  ${P}:fqdn: a.omani.works\n  ${P}:fqdn: b.omani.works\n` }, exit: 1, words: ["duplicated mapping key", "(3:3)"], never: ["b.omani.works"] },
        { name: "tabs", files: { [S]: `config:\n\t${P}:fqdn: a.omani.works\n` }, exit: 1, words: ["is not valid YAML", "tab"] },
        { name: "several documents", files: { [S]: `${stackText(BASE)}---\n${stackText(BASE)}` }, exit: 1, words: ["is not valid YAML", "single document"] },
        { name: "absurd nesting", files: { [S]: `config:\n  ${P}:blueprints: ${"[".repeat(5000)}${"]".repeat(5000)}\n` }, exit: 1, words: ["is not valid YAML", "nesting exceeded maxDepth"] },
        { name: "a list, not a mapping", files: { [S]: "- config\n" }, exit: 1, words: ["Pulumi.s.yaml: (top level) = (a list, not shown): is not a mapping"] },
        { name: "config: not a mapping", files: { [S]: "config: fqdn\n" }, exit: 1, words: ["config = (a string of 4 characters, not shown): is not a mapping"] },
        { name: "--stack twice", files: {}, args: ["--stack", "t28", "--stack", "omantel"], exit: 2, words: ["render: --stack is given twice"] },
        { name: "--stack-file twice", files: {}, args: ["--stack-file", "a", "--stack-file", "b"], exit: 2, words: ["--stack-file is given twice"] },
        { name: "--stack and --stack-file", files: {}, args: ["--stack", "t28", "--stack-file", "x"], exit: 2, words: ["give --stack or --stack-file, not both"] },
        { name: "a stack name with a path separator", files: {}, args: ["--stack", "../etc/passwd"], exit: 2, words: ['--stack "../etc/passwd" contains a path separator'] },
        { name: "an unknown flag (check)", tool: "check", files: {}, args: ["--stack", "t28", "--verbose"], exit: 2, words: ["check: unknown argument --verbose"] },
        {
            name: "a broken Pulumi.yaml beside it",
            files: { "Pulumi.yaml": "name: [\n", [S]: stackText(BASE) },
            exit: 1,
            words: [/Pulumi\.yaml: is not valid YAML/],
        },
        {
            name: "a Pulumi.yaml naming another project",
            files: { "Pulumi.yaml": "name: other-project\nruntime: nodejs\n", [S]: stackText(BASE) },
            exit: 1,
            words: [`${P}:fqdn = (missing): is not read`, `this program's keys are under "other-project:" (the name in Pulumi.yaml)`],
        },
        { name: "--out is a file", files: { "out.txt": "x" }, args: ["--stack", "t28", "--out", "{dir}/out.txt"], exit: 2, words: ["render: --out", "out.txt is a file; give a folder"] },
        { name: "--out under a file", files: { "out.txt": "x" }, args: ["--stack", "t28", "--out", "{dir}/out.txt/manifests"], exit: 2, words: ["is under the file"] },
        { name: "check --out under a file", tool: "check", files: { "out.txt": "x" }, args: ["--stack", "t28", "--out", "{dir}/out.txt/r.md"], exit: 2, words: ["check: --out", "is under the file"] },
        { name: "check --out is a folder", tool: "check", files: { out: { folder: true } }, args: ["--stack", "t28", "--out", "{dir}/out"], exit: 2, words: ["is a folder; give a file name"] },
        { name: "check --format md on a misnamed file", tool: "check", files: { "stack.yaml": stackText(BASE) }, args: ["--stack-file", "{dir}/stack.yaml", "--format", "md", "--out", "{dir}/report.md"], exit: 1, words: ["is not named like a stack file"] },
    ],
    keys: [
        {
            name: "a misspelt namespace",
            files: { [S]: yaml.dump({ config: { "sovereign-stack:fqdn": "omantel.omani.works", "kubernetes:context": "prod" } }) },
            exit: 1,
            words: ["sovereign-stack:fqdn = (missing): is not read", 'did you mean "sovereign-stacks:fqdn"?'],
        },
        { name: "a misspelt config:", files: { [S]: yaml.dump({ confg: { [`${P}:fqdn`]: "omantel.omani.works" } }) }, exit: 1, words: ["confg = (a mapping, not shown): is not a field of a Pulumi stack file", 'did you mean "config"?'] },
        {
            name: "__proto__ and constructor keys",
            files: { [S]: `config:\n  ${P}:fqdn: omantel.omani.works\n  ${P}:gateways:\n    __proto__: {polluted: true}\n    constructor: 1\n` },
            exit: 1,
            words: [`${P}:gateways.__proto__ = (a mapping, not shown): unknown key`, `${P}:gateways.constructor = (a number, not shown): unknown key`],
        },
        {
            name: "an unknown key deep in a tenant, with did you mean",
            files: { [S]: stackText({ ...BASE, tenants: [{ slug: "acme", keycloak: { realmUrl: "https://auth.omantel.omani.works/realms/acme" } }] }) },
            exit: 1,
            words: [`${P}:tenants[0].keycloak.realmUrl = (a string of 44 characters, not shown): unknown key`, 'did you mean "realmURL"?'],
        },
    ],
    "values the cluster would reject": [
        { name: "a GatewayClass name", files: { [S]: stackText({ ...BASE, gateways: { className: "Cilium_GW" } }) }, exit: 1, words: [`${P}:gateways.className = "Cilium_GW": is not a valid GatewayClass name`] },
        {
            name: "annotation keys and values",
            files: { [S]: stackText({ ...BASE, gateways: { infrastructureAnnotations: { "bad key": "x", "io.cilium/ok": "y".repeat(5000) } } }) },
            exit: 1,
            words: [`${P}:gateways.infrastructureAnnotations.bad key = "x": has a key that is not a qualified name`, "is 5000 characters long; the Gateway CRD allows at most 4096"],
        },
        { name: "an image registry with a scheme", files: { [S]: stackText({ ...BASE, tenancy: { imageRegistry: "https://harbor.omani.works/" } }) }, exit: 1, words: [`${P}:tenancy.imageRegistry = "https://harbor.omani.works/": is not a registry prefix: it starts with a URL scheme`] },
        { name: "an image registry with a tag", files: { [S]: stackText({ ...BASE, tenancy: { imageRegistry: "harbor.omani.works/Mirror:1" } }) }, exit: 1, words: ["has a path component that is not lowercase"] },
        {
            name: "secret and client names",
            files: { [S]: stackText({ ...BASE, tenants: [{ slug: "acme", keycloak: { ...realm("acme"), clientSecretName: "Bad_Secret", clientID: "stal wart" }, dns: { powerdns: { apiKeySecretName: "api key" } } }] }) },
            exit: 1,
            words: ['keycloak.clientSecretName = "Bad_Secret": is not a valid Secret name', 'keycloak.clientID = "stal wart": is not a usable OIDC client ID', 'dns.powerdns.apiKeySecretName = "api key": is not a valid Secret name'],
        },
        { name: "an out-of-range port", files: { [S]: stackText({ ...BASE, gateways: { httpsPort: 70000 } }) }, exit: 1, words: [`${P}:gateways.httpsPort = 70000: expected an integer from 1 to 65535`] },
        { name: "a non-finite port", files: { [S]: `config:\n  ${P}:fqdn: omantel.omani.works\n  ${P}:gateways:\n    httpPort: .inf\n` }, exit: 1, words: [`${P}:gateways.httpPort = "Infinity": expected an integer`] },
        {
            name: "quantities: syntax, requests above limits, zero limits and sizes",
            files: {
                [S]: stackText({
                    ...BASE,
                    tenants: [
                        { slug: "a", keycloak: realm("a"), resources: { requests: { cpu: "1.5 cores" } } },
                        { slug: "b", keycloak: realm("b"), resources: { requests: { memory: "2Gi" }, limits: { memory: "1Gi", cpu: "0" } }, persistence: { spool: { size: "0Gi" } } },
                    ],
                }),
            },
            exit: 1,
            words: [
                'tenants[0].resources.requests.cpu = "1.5 cores": not a Kubernetes quantity',
                'tenants[1].resources.requests.memory = "2Gi": is above resources.limits.memory (1Gi)',
                'tenants[1].resources.limits.cpu = "0": is zero',
                'tenants[1].persistence.spool.size = "0Gi": is zero',
            ],
        },
        { name: "an all-numeric TLD", files: { [S]: stackText({ fqdn: "omantel.omani.123" }) }, exit: 1, words: [`${P}:fqdn = "omantel.omani.123": is not a valid FQDN: it has an all-numeric top-level label "123"`] },
    ],
    collisions: [
        {
            name: "two blueprints on one host",
            files: { [S]: stackText({ ...BASE, blueprints: { gitea: { host: "auth.omantel.omani.works" } } }) },
            exit: 1,
            words: [`${P}:blueprints.keycloak.host = "auth.omantel.omani.works": is already the host of blueprint gitea`],
        },
        {
            name: "a blueprint on a console host",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { host: "console.omantel.omani.works" } } }) },
            exit: 1,
            words: [`${P}:blueprints.grafana.host = "console.omantel.omani.works": is the console Gateway's host for prefix "console"`],
        },
        {
            name: "a blueprint on a tenant's mail host",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { host: "mail.acme.omani.homes" } }, tenants: [{ slug: "acme", keycloak: realm("acme") }] }) },
            exit: 1,
            words: [/blueprints\.grafana\.host = "mail\.acme\.omani\.homes": (is the mail and webmail host of tenant "acme"|is not served by any HTTPS listener)/],
        },
        {
            name: "one namespace and release for two blueprints",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { namespace: "gitea", releaseName: "gitea", createNamespace: false } } }) },
            exit: 1,
            words: [`${P}:blueprints.grafana.releaseName = "gitea": is already the release of blueprint gitea in namespace gitea`],
        },
        {
            name: "two blueprints creating one namespace",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { namespace: "gitea" } } }) },
            exit: 1,
            words: [`${P}:blueprints.grafana.createNamespace = true: would create namespace gitea a second time (blueprint gitea creates it)`],
        },
        {
            name: "a blueprint in a tenant's namespace",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { namespace: "tenant-acme" } }, tenants: [{ slug: "acme", keycloak: realm("acme") }] }) },
            exit: 1,
            words: [`${P}:blueprints.grafana.namespace = "tenant-acme": is the namespace of tenant "acme"`],
        },
        {
            name: "a blueprint in kube-system",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { namespace: "kube-system" } } }) },
            exit: 1,
            words: [`${P}:blueprints.grafana.namespace = "kube-system": is a namespace of Kubernetes itself`, "allowSystemNamespace: true"],
        },
        {
            name: "a blueprint in kube-system, allowed, still creating it",
            files: { [S]: stackText({ ...BASE, blueprints: { grafana: { namespace: "kube-system", allowSystemNamespace: true } } }) },
            exit: 1,
            words: [`${P}:blueprints.grafana.createNamespace = true: would create namespace kube-system, which every cluster already has`],
        },
        {
            name: "sectionName on a plain-HTTP listener",
            files: { [S]: stackText({ ...ONE_ZONE, blueprints: { keycloak: { sectionName: "http-t28-omani-works" } } }) },
            exit: 1,
            words: [`${P}:blueprints.keycloak.sectionName = "http-t28-omani-works": names the plain-HTTP listener http-t28-omani-works`, "https-t28-omani-works, the HTTPS listener that serves auth.t28.omani.works", `Fix: remove ${P}:blueprints.keycloak.sectionName`],
        },
        {
            name: "sectionName on a shadowed listener",
            files: { [S]: stackText({ ...ONE_ZONE, blueprints: { keycloak: { sectionName: "https" } } }) },
            exit: 1,
            words: [`${P}:blueprints.keycloak.sectionName = "https": names listener https (hostname *.omani.works), but auth.t28.omani.works is served by the more specific listener https-t28-omani-works`, `remove ${P}:blueprints.keycloak.sectionName`],
        },
    ],
    "files the config points at": [
        { name: "tenantsDir with ..", files: { [S]: stackText({ ...BASE, tenantsDir: "../elsewhere" }) }, exit: 1, words: [`${P}:tenantsDir = "../elsewhere": leads out of the stack file's folder`] },
        { name: "tenantsDir absolute", files: { [S]: stackText({ ...BASE, tenantsDir: os.tmpdir() }) }, exit: 1, words: ["is an absolute path"] },
        { name: "tenantsDir a symlink out", files: { [S]: stackText({ ...BASE, tenantsDir: "tenants" }), tenants: { symlink: os.tmpdir() } }, exit: 1, words: [`${P}:tenantsDir = "tenants": is a symbolic link leading out of the stack file's folder`] },
        { name: "tenantsDir missing", files: { [S]: stackText({ ...BASE, tenantsDir: "tenants" }) }, exit: 1, words: [`${P}:tenantsDir = "tenants": does not exist`] },
        {
            name: "tenant files with other extensions, a folder, a dangling link and a loop",
            files: {
                [S]: stackText({ ...BASE, tenantsDir: "tenants" }),
                ...tenantsOf({
                    "acme.YAML": yaml.dump({ keycloak: realm("acme") }),
                    "beta.json": "{}",
                    "gamma.yaml": { folder: true },
                    "delta.yaml": { symlink: "{dir}/nowhere.yaml" },
                    "eps.yaml": { symlink: "{dir}/tenants/eps.yaml" },
                    ".gitkeep": "",
                }),
            },
            exit: 1,
            words: [
                "acme.YAML: is not a tenant file: tenant files are named <slug>.yaml or <slug>.yml. Fix: rename it to acme.yaml",
                "beta.json: is not a tenant file",
                "gamma.yaml: is a folder, not a file",
                "delta.yaml: is a symbolic link to a file that does not exist",
                "eps.yaml: is a symbolic link loop",
                "5 configuration errors",
            ],
        },
        { name: "an empty tenant file", files: { [S]: stackText({ ...BASE, tenantsDir: "tenants" }), ...tenantsOf({ "acme.yaml": "" }) }, exit: 1, words: ["acme.yaml: is empty"] },
    ],
    "hostile YAML": [
        {
            name: "an alias bomb",
            files: {
                [S]: [
                    "config:",
                    `  ${P}:fqdn: omantel.omani.works`,
                    `  ${P}:blueprints:`,
                    "    grafana:",
                    "      values:",
                    '        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
                    ..."bcdefghi".split("").map((n, i) => `        ${n}: &${n} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`),
                ].join("\n"),
            },
            exit: 1,
            words: ["Pulumi.s.yaml: expands to more than 200000 values once its aliases are resolved"],
        },
        { name: "too many aliases", files: { [S]: `config:\n  ${P}:fqdn: &f omantel.omani.works\n  ${P}:tenants: [${Array(150).fill("*f").join(",")}]\n` }, exit: 1, words: ["is not valid YAML", "alias"] },
        { name: "an alias that refers to itself", files: { [S]: `config:\n  ${P}:fqdn: omantel.omani.works\n  ${P}:tenants: &t [*t]\n` }, exit: 1, words: ["contains an alias that refers to itself"] },
        { name: "a 2 MB value", files: { [S]: `${stackText(BASE)}  ${P}:blueprints:\n    grafana:\n      values:\n        dashboard: ${"x".repeat(2 * 1024 * 1024)}\n` }, exit: 1, words: ["Pulumi.s.yaml: is 2.0 MiB; a config file may be at most 1.0 MiB"] },
        { name: "a 2 MB tenant file", files: { [S]: stackText({ ...BASE, tenantsDir: "tenants" }), ...tenantsOf({ "acme.yaml": `keycloak:\n  realmURL: "${"x".repeat(2 * 1024 * 1024)}"\n` }) }, exit: 1, words: ["acme.yaml: is 2.0 MiB"] },
    ],
    shards: [
        { name: "shardOf not a string", files: { [S]: stackText({ shardOf: 5, tenants: [] }) }, exit: 1, words: [`${P}:shardOf = "5": is not a fully qualified stack name`] },
        { name: "shardOf a mapping", files: { [S]: stackText({ shardOf: { stack: "omantel" } }) }, exit: 1, words: [`${P}:shardOf = "{\\"stack\\":\\"omantel\\"}": is not a fully qualified stack name`] },
        { name: "shardOf naming a missing stack", files: { [S]: stackText({ shardOf: "organization/sovereign-stacks/nope" }) }, exit: 1, words: ["names the Sovereign stack nope, whose stack file stacks/Pulumi.nope.yaml does not exist"] },
        { name: "shardOf naming itself", files: { [S]: stackText({ shardOf: "organization/sovereign-stacks/s" }) }, exit: 1, words: [`Pulumi.s.yaml: ${P}:shardOf = "organization/sovereign-stacks/s": names this stack itself`] },
        {
            name: "shardOf naming a shard (a chain or a cycle)",
            files: { [S]: stackText({ shardOf: "organization/sovereign-stacks/omantel-shard-a" }) },
            exit: 1,
            words: ["names omantel-shard-a, which is itself a tenant shard (stacks/Pulumi.omantel-shard-a.yaml sets shardOf)"],
        },
        {
            name: "a shard whose Sovereign stack file is not YAML",
            files: {
                "Pulumi.yaml": "name: sovereign-stacks\nruntime: nodejs\nstackConfigDir: stacks\n",
                "stacks/Pulumi.shard.yaml": stackText({ shardOf: "organization/sovereign-stacks/sov", tenants: [] }),
                "stacks/Pulumi.sov.yaml": "config: [\n",
            },
            args: ["--stack-file", "{dir}/stacks/Pulumi.shard.yaml"],
            exit: 1,
            words: [/stacks\/Pulumi\.shard\.yaml: sovereign-stacks:shardOf = "organization\/sovereign-stacks\/sov": names the Sovereign stack sov, whose stack file \S*stacks\/Pulumi\.sov\.yaml cannot be read/, /stacks\/Pulumi\.sov\.yaml: is not valid YAML/],
        },
        {
            name: "a shard whose Sovereign stack is invalid",
            files: {
                "Pulumi.yaml": "name: sovereign-stacks\nruntime: nodejs\nstackConfigDir: stacks\n",
                "stacks/Pulumi.shard.yaml": stackText({ shardOf: "organization/sovereign-stacks/sov", tenants: [] }),
                "stacks/Pulumi.sov.yaml": stackText({ fqdn: "Bad_Name" }),
            },
            args: ["--stack-file", "{dir}/stacks/Pulumi.shard.yaml"],
            exit: 1,
            words: [/stacks\/Pulumi\.shard\.yaml: sovereign-stacks:shardOf = "organization\/sovereign-stacks\/sov": names the Sovereign stack sov, which is refused \(.*stacks\/Pulumi\.sov\.yaml: see below\)/, /stacks\/Pulumi\.sov\.yaml: sovereign-stacks:fqdn = "Bad_Name"/],
        },
    ],
    "never leak": [
        {
            name: "tenantsDir pointed at a kubeconfig",
            files: { [S]: stackText({ ...BASE, tenantsDir: "kube" }), "kube/config.yaml": KUBECONFIG },
            exit: 1,
            words: ["config.yaml: users = (a list, not shown): unknown key"],
        },
        {
            name: "the Markdown report of the same",
            tool: "check",
            files: { [S]: stackText({ ...BASE, tenantsDir: "kube" }), "kube/config.yaml": KUBECONFIG },
            args: ["--stack-file", "{dir}/Pulumi.s.yaml", "--format", "md", "--out", "{dir}/report.md"],
            exit: 1,
            words: ["users = (a list, not shown)"],
        },
        { name: "a token under an unknown key", files: { [S]: stackText({ ...BASE, kubeconfig: TOKEN }) }, exit: 1, words: [`${P}:kubeconfig = (a string of ${TOKEN.length} characters, not shown): unknown config key`] },
        { name: "a token file as a tenant", files: { [S]: stackText({ ...BASE, tenantsDir: "t" }), "t/token.yaml": TOKEN }, exit: 1, words: ["token.yaml: (top level) = (a string of"] },
        { name: "a secure value under a misspelt key", files: { [S]: stackText({ ...BASE, fdqn: { secure: "v1:c2VjcmV0LWNpcGhlcnRleHQ=" } }) }, exit: 1, words: [`${P}:fdqn = (secret, not shown): unknown config key`], never: ["c2VjcmV0LWNpcGhlcnRleHQ="] },
    ],
};

describe("every bad input: one clear error, never a stack trace, never silent acceptance, nothing leaked", function () {
    this.timeout(120_000);
    for (const [group, cases] of Object.entries(CASES)) {
        describe(group, () => {
            for (const c of cases) {
                it(c.name, async () => {
                    const o = await runCase(c);
                    assertClearRefusal(c, o);
                    const report = path.join(o.dir, "report.md");
                    if (fs.existsSync(report)) {
                        const md = fs.readFileSync(report, "utf8");
                        assert.ok(!md.includes(TOKEN), "the Markdown report leaked the token");
                        assert.match(md, /^### Route attachment: `[^`]+` FAILED/);
                    }
                });
            }
        });
    }

    it("a 900 kB chart value renders (the limit refuses files, not values the dump can write)", async () => {
        const o = await runCase({ name: "large value", files: { [S]: stackText({ ...ONE_ZONE, blueprints: { grafana: { values: { dashboard: "x".repeat(900 * 1024) } } } }) }, exit: 0, words: [] });
        assert.equal(o.code, 0, o.stderr);
        assert.ok(o.stdout.includes("x".repeat(900 * 1024)));
    });

    it("provider settings and the project's own namespace are accepted", async () => {
        const o = await runCase({ name: "ok", files: { [S]: stackText(ONE_ZONE, { "kubernetes:context": "prod", "pulumi:tags": { a: "b" } }) }, exit: 0, words: [] });
        assert.equal(o.code, 0, o.stderr);
        assert.equal(o.stderr, "");
    });

    it("the bundled examples still render from the repository", () => {
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "stacks", "Pulumi.omantel-shard-a.yaml")));
    });
});
