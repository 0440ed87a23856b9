// The program's config as the real Pulumi CLI hands it over (pulumi preview/up): every value a string,
// secrets decrypted and flagged, every namespace present. A secret's value is never printed, and keys
// of a misspelt namespace are refused instead of silently ignored.

import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { SovereignConfigError } from "../../src/config/issues";
import { sovereignFromConfig, stackConfigFromPulumi } from "../../src/config/pulumi-source";

const P = "sovereign-stacks";

async function refusal(config: Record<string, string>, secretKeys: string[]): Promise<SovereignConfigError> {
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, P, "s", false);
    pulumi.runtime.setAllConfig(config, secretKeys);
    const source = stackConfigFromPulumi({ stackFile: "/nowhere/Pulumi.s.yaml" });
    try {
        sovereignFromConfig(source);
    } catch (err) {
        assert.ok(err instanceof SovereignConfigError, String(err));
        return err;
    }
    assert.fail("expected the config to be refused");
}

describe("config from the Pulumi CLI", () => {
    it("never prints a secret value, under its own key or quoted by another message", async () => {
        const secret = "Hunter2-Secret.omani.works";
        const err = await refusal({ [`${P}:fqdn`]: secret, [`${P}:tenancy`]: JSON.stringify({ imageRegistry: `https://${secret}` }) }, [`${P}:fqdn`]);
        assert.ok(!err.message.includes(secret), err.message);
        assert.ok(!err.message.includes("Hunter2"), err.message);
        assert.match(err.message, new RegExp(`${P}:fqdn = \\(secret, not shown\\): is not a valid FQDN`));
        assert.match(err.message, new RegExp(`${P}:tenancy\\.imageRegistry = "https://\\[secret\\]": is not a registry prefix`));
    });

    it("refuses keys of a misspelt namespace and accepts provider settings", async () => {
        const err = await refusal({ "sovereign-stack:fqdn": "omantel.omani.works", "kubernetes:context": "prod", "tls:x": "y" }, []);
        assert.deepEqual(
            err.issues.map((i) => i.path),
            ["sovereign-stack:fqdn", `${P}:fqdn`],
        );
        assert.match(err.issues[0].fix, /did you mean "sovereign-stacks:fqdn"\?/);
        assert.ok(!err.message.includes("prod"));
    });

    it("keeps a __proto__ key as a key, so it is reported", async () => {
        const err = await refusal({ [`${P}:fqdn`]: "omantel.omani.works", [`${P}:__proto__`]: "{}" }, []);
        assert.deepEqual(err.issues.map((i) => i.path), [`${P}:__proto__`]);
    });

    it("refuses absurd nesting as a type error instead of overflowing the readers", async () => {
        const deep = `${"[".repeat(20000)}${"]".repeat(20000)}`;
        const err = await refusal({ [`${P}:fqdn`]: "omantel.omani.works", [`${P}:tenants`]: deep }, []);
        assert.deepEqual(err.issues.map((i) => [i.path, i.problem]), [[`${P}:tenants`, "expected a list, got a string"]]);
    });
});
