import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { childKeys, configKeys, listDefault, numberDefault, stringDefault } from "../../src/config/config-keys";
import { configReference } from "../../src/config/config-reference";
import { specFrom, zonesOf } from "../support/sovereigns";

const ROOT = path.join(__dirname, "..", "..");

describe("the config key table", () => {
    it("is what docs/configuration.md says (run npm run docs:config after changing it)", () => {
        assert.equal(fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8"), configReference());
    });

    it("declares Pulumi.yaml's string keys with the table's defaults and descriptions", () => {
        const project = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { type: string; default: string; description: string }> };
        const declared = Object.keys(project.config);
        assert.deepEqual(declared, ["fqdn", "shardOf", "tenantsDir"]);
        for (const name of declared) {
            const key = configKeys("stack").find((k) => k.path === name)!;
            assert.deepEqual(project.config[name], { type: key.type, default: key.default, description: key.doc }, name);
        }
    });

    it("lists each key once, with a parent for every nested key", () => {
        for (const scope of ["stack", "tenant"] as const) {
            const paths = configKeys(scope).map((k) => k.path);
            assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i), [], scope);
            for (const p of paths) {
                const parent = p.replace(/(\.[^.]+|\[\]\.[^.]+)$/, "");
                if (parent !== p && !parent.endsWith("<name>") && parent !== "blueprints.stalwart-tenant") {
                    assert.ok(paths.includes(parent.replace(/\[\]$/, "")), `${scope} ${p} has no parent ${parent}`);
                }
            }
        }
    });

    it("gives the readers their allowed keys in the table's order", () => {
        assert.deepEqual(childKeys("stack", ""), ["fqdn", "zones", "gateways", "blueprints", "tenancy", "tenants", "tenantsDir", "shardOf"]);
        assert.deepEqual(childKeys("stack", "zones[]"), ["name", "role"]);
        assert.deepEqual(childKeys("stack", "blueprints.<name>"), ["enabled", "version", "host", "namespace", "releaseName", "createNamespace", "allowSystemNamespace", "sectionName", "values"]);
        assert.deepEqual(childKeys("stack", "blueprints.stalwart-tenant"), ["version"]);
        assert.deepEqual(childKeys("tenant", "dns.powerdns"), ["enabled", "apiURL", "apiKeySecretName", "zone"]);
        assert.throws(() => childKeys("tenant", "nothing"), /no tenant config keys under nothing/);
    });

    it("is where the readers take their defaults from", () => {
        const spec = specFrom({ fqdn: "omantel.omani.works", zones: zonesOf("omani.works") });
        assert.equal(spec.gateways.namespace, stringDefault("stack", "gateways.namespace"));
        assert.equal(spec.gateways.httpsPort, numberDefault("stack", "gateways.httpsPort"));
        assert.deepEqual(spec.gateways.consoleHostPrefixes, listDefault("stack", "gateways.consoleHostPrefixes"));
        assert.equal(spec.tenancy.secretStore, stringDefault("stack", "tenancy.secretStore"));
        assert.equal(stringDefault("stack", "tenancy.secretStore"), "vault-region1");
        assert.throws(() => numberDefault("stack", "gateways.namespace"), /gateways.namespace has no number default/);
        assert.throws(() => stringDefault("stack", "nope"), /no stack config key nope/);
    });
});
