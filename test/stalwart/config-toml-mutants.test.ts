// config.toml behaviour the first specs left open (found by `npm run test:mutation`): where the
// expression walk looks (inside lists of tables, never in mixed lists or under a nested http.url), the
// exact checksum, and the ConfigMap's kind.
import * as assert from "node:assert/strict";
import { configChecksum, expressionsIn, stalwartConfigMap } from "../../src/stalwart/config-toml";
import { acmeTenant } from "./fixtures";

describe("stalwart config.toml: edges", () => {
    it("finds an if/then/else block inside a list of tables", () => {
        assert.deepEqual(expressionsIn({ rules: [{ name: "r1", route: [{ if: "a == 1", then: "'x'" }, { else: "'y'" }] }] }), ["a == 1", "'x'", "'y'"]);
    });

    it("a list that mixes if-branches with other values is not an if/then/else block", () => {
        assert.deepEqual(expressionsIn({ queue: { route: [{ if: "a == 1", then: "'x'" }, "plain"] } }), []);
        assert.deepEqual(expressionsIn({ queue: { route: [] } }), []);
    });

    it("http.url counts only at the top level, not inside a list", () => {
        assert.deepEqual(expressionsIn({ http: { url: "'https://' + host" } }), ["'https://' + host"]);
        assert.deepEqual(expressionsIn({ servers: [{ http: { url: "'https://' + host" } }] }), []);
    });

    it("checksums the UTF-8 bytes with sha256", () => {
        assert.equal(configChecksum(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // "é" is the two UTF-8 bytes c3 a9 (its Latin-1 byte e9 would hash to de2e331d...).
        assert.equal(configChecksum("\u00e9"), "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    });

    it("is a v1 ConfigMap", () => {
        const cm = stalwartConfigMap(acmeTenant(), "x = 1\n");
        assert.deepEqual([cm.apiVersion, cm.kind], ["v1", "ConfigMap"]);
    });
});
