// Property: no malformed stack is accepted, and none ends in a stack trace. A seeded generator breaks a
// valid Sovereign (inline tenants and a tenant file) in ways every reader must refuse: a typed leaf
// given a value of the wrong type or an invalid string, an unknown key in any mapping, a required key
// removed, or broken YAML text. Each case runs `npm run render` in-process; deterministic by seed.

import { strict as assert } from "node:assert";
import * as yaml from "js-yaml";
import { isPlainObject } from "../../src/rules/plain-object";
import { BadInputCase, P, assertClearRefusal, runCase, stackText } from "../support/bad-input";
import { zonesOf } from "../support/sovereigns";

// Override to explore further, e.g. MALFORMED_SEED=7 MALFORMED_CASES=2000 npx mocha test/tools/malformed-stacks.test.ts
const SEED = Number(process.env.MALFORMED_SEED ?? 20261201);
const CASES = Number(process.env.MALFORMED_CASES ?? 200);

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const realm = (slug: string) => ({ realmURL: `https://auth.omantel.omani.works/realms/${slug}` });

function validStack(): Record<string, unknown> {
    return {
        fqdn: "omantel.omani.works",
        zones: zonesOf("omani.works", "omani.homes"),
        gateways: { management: "managed", httpsPort: 443, consoleHostPrefixes: ["console", "api"], infrastructureAnnotations: { "io.cilium/lb-ipam-ips": "10.0.0.10" } },
        blueprints: { gitea: { host: "git.omantel.omani.works", version: "1.3.7" }, grafana: { enabled: false, namespace: "monitoring" }, harbor: { values: { harbor: { externalURL: "https://registry.omantel.omani.works" } } } },
        tenancy: { secretStore: "vault-region1", trustedCidrs: ["10.42.0.0/16"], imageRegistry: "harbor.omantel.omani.works/dockerhub", listeners: "listenerSets" },
        tenants: [
            { slug: "acme", keycloak: { ...realm("acme"), clientID: "stalwart" }, resources: { requests: { cpu: "100m" }, limits: { memory: "2Gi" } } },
            { slug: "hooli", implementation: "chart", domain: { mode: "byo", primary: "hooli.example" }, keycloak: realm("hooli"), dns: { powerdns: { enabled: false } }, chart: { version: "1.1.0" } },
        ],
        tenantsDir: "tenants",
    };
}

function validTenantFile(): Record<string, unknown> {
    return { keycloak: realm("initech"), admin: { generatePassword: true }, persistence: { spool: { size: "10Gi" } }, dmarc: { rua: "dmarc@initech.omani.homes" } };
}

type Path = (string | number)[];

/** Paths of every scalar leaf and every mapping, outside the subtrees whose keys and values are free. */
function walk(value: unknown, at: Path, leaves: Path[], mappings: Path[]): void {
    const last = at[at.length - 1];
    if (last === "values" || last === "infrastructureAnnotations") {
        return; // chart values and annotations take any key
    }
    if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, [...at, i], leaves, mappings));
    } else if (isPlainObject(value)) {
        mappings.push(at);
        for (const [k, v] of Object.entries(value)) {
            walk(v, [...at, k], leaves, mappings);
        }
    } else {
        leaves.push(at);
    }
}

function setAt(root: unknown, at: Path, value: unknown): void {
    let node = root as Record<string | number, unknown>;
    for (const k of at.slice(0, -1)) {
        node = node[k] as Record<string | number, unknown>;
    }
    node[at[at.length - 1]] = value;
}

function getAt(root: unknown, at: Path): unknown {
    return at.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root);
}

// Values no typed leaf accepts: a list, a mapping, a negative number, strings with spaces, control
// characters, a terminal escape, or a length over every limit.
const HOSTILE: readonly unknown[] = [[1], { x: 1 }, -1, "Bad Value!", "a\u0000b c", "\u001b[31mred\u001b[0m x", `${"y".repeat(300)} z`, "../../etc passwd"];

interface Generated {
    description: string;
    files: Record<string, string>;
}

function generate(random: () => number): Generated {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const stack = validStack();
    const tenant = validTenantFile();
    const inTenantFile = random() < 0.25;
    const target = inTenantFile ? tenant : stack;
    const leaves: Path[] = [];
    const mappings: Path[] = [];
    walk(target, [], leaves, mappings);
    let description: string;
    let textMutation: ((text: string) => string) | undefined;
    const kind = pick(["leaf", "leaf", "leaf", "unknown key", "missing", "text"] as const);
    if (kind === "leaf") {
        const at = pick(leaves);
        const value = pick(HOSTILE);
        setAt(target, at, value);
        description = `${at.join(".")} = ${JSON.stringify(value).slice(0, 40)}`;
    } else if (kind === "unknown key") {
        const at = pick(mappings);
        const key = pick(["zzz", "fqdnn", "Enabled", "__proto__", "constructor", "host "]);
        // defineProperty: a plain assignment to __proto__ would set the prototype, not add a key.
        Object.defineProperty(getAt(target, at), key, { value: "x", enumerable: true, writable: true, configurable: true });
        description = `unknown key ${[...at, key].join(".")}`;
    } else if (kind === "missing") {
        const removed = pick(["fqdn", "acme realmURL", "tenant file realmURL"] as const);
        if (removed === "fqdn") {
            delete stack.fqdn;
        } else if (removed === "acme realmURL") {
            delete ((stack.tenants as Record<string, Record<string, unknown>>[])[0].keycloak as Record<string, unknown>).realmURL;
        } else {
            delete (tenant.keycloak as Record<string, unknown>).realmURL;
        }
        description = `missing ${removed}`;
    } else {
        const breakage = pick(["tab", "duplicate key", "second document", "unclosed flow", "bad indentation"] as const);
        description = `text: ${breakage}${inTenantFile ? " (tenant file)" : ""}`;
        textMutation = (text) => {
            const lines = text.split("\n");
            const i = 1 + Math.floor(random() * (lines.length - 2));
            switch (breakage) {
                case "tab":
                    lines[i] = `\t${lines[i]}`;
                    return lines.join("\n");
                case "duplicate key":
                    return inTenantFile ? `${text}keycloak: {}\n` : `${text}  ${P}:fqdn: other.omani.works\n`;
                case "second document":
                    return `${text}---\n${text}`;
                case "unclosed flow":
                    return `${text}${inTenantFile ? "" : "  "}zzz: [a, b\n`;
                case "bad indentation":
                    lines[i] = `   ${lines[i]}x: :`;
                    return lines.join("\n");
            }
        };
    }
    let stackFile = stackText(stack);
    let tenantFile = yaml.dump(tenant);
    if (textMutation !== undefined) {
        if (inTenantFile) {
            tenantFile = textMutation(tenantFile);
        } else {
            stackFile = textMutation(stackFile);
        }
    }
    return { description, files: { "Pulumi.s.yaml": stackFile, "tenants/initech.yaml": tenantFile } };
}

describe(`malformed stacks (property, ${CASES} generated cases, seed ${SEED})`, function () {
    this.timeout(600_000);

    it("the unbroken stack renders (so every refusal below is the breakage's)", async () => {
        const o = await runCase({ name: "valid", files: { "Pulumi.s.yaml": stackText(validStack()), "tenants/initech.yaml": yaml.dump(validTenantFile()) }, exit: 0, words: [] });
        assert.equal(o.code, 0, o.stderr);
    });

    it("is deterministic by seed", () => {
        const a = generate(prng(SEED));
        const b = generate(prng(SEED));
        assert.deepEqual(a, b);
    });

    it("refuses every generated case with exit 1, one clear error per problem, no stack trace, no raw control characters", async () => {
        const random = prng(SEED);
        const kinds = new Map<string, number>();
        for (let i = 0; i < CASES; i++) {
            const g = generate(random);
            const c: BadInputCase = { name: g.description, files: g.files, exit: 1, words: ["nothing was registered"] };
            const o = await runCase(c);
            try {
                assertClearRefusal(c, o);
                // Every problem line names a file and ends in a fix; nothing can rewrite the terminal.
                const lines = o.stderr.trimEnd().split("\n").slice(1);
                assert.ok(lines.length > 0);
                for (const line of lines) {
                    assert.match(line, /^ {2}- \S+: .* Fix: .+/, line);
                }
                assert.doesNotMatch(o.stderr, /[\u0000-\u0008\u000b-\u001f]/, "raw control characters");
            } catch (err) {
                throw new Error(`case ${i} (${g.description}): ${(err as Error).message}`);
            }
            const kind = g.description.split(/[ =:]/)[0];
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        assert.ok(kinds.size >= 4, [...kinds.keys()].join(","));
    });
});
