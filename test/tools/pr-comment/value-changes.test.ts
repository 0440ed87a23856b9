import { strict as assert } from "node:assert";
import { describeChange, shortValue, valueChanges } from "../../../src/tools/pr-comment/value-changes";

describe("pull-request comment: changed key paths", () => {
    it("lists the leaf paths that differ, added and removed keys included, in key order", () => {
        const before = { values: { gateway: { host: "git.t28.omani.works", enabled: true }, old: 1 }, version: "1.2.8" };
        const after = { values: { gateway: { host: "code.t28.omani.works", enabled: true }, extra: { a: 1 } }, version: "1.2.8" };
        assert.deepEqual(valueChanges(before, after), [
            { path: "values.extra", after: { a: 1 } },
            { path: "values.gateway.host", before: "git.t28.omani.works", after: "code.t28.omani.works" },
            { path: "values.old", before: 1 },
        ]);
        assert.deepEqual(valueChanges(before, before), []);
    });

    it("matches lists of named items by name (a renamed listener is one removed and one added)", () => {
        const before = { listeners: [{ name: "https", port: 443 }, { name: "http", port: 80 }] };
        const after = { listeners: [{ name: "http", port: 8080 }, { name: "https-omani-works", port: 443 }] };
        assert.deepEqual(valueChanges(before, after), [
            { path: "listeners[name=https]", before: { name: "https", port: 443 } },
            { path: "listeners[name=http].port", before: 80, after: 8080 },
            { path: "listeners[name=https-omani-works]", after: { name: "https-omani-works", port: 443 } },
        ]);
    });

    it("compares other lists by position, and quotes keys that are not plain words", () => {
        assert.deepEqual(valueChanges({ hosts: ["a", "b"] }, { hosts: ["a", "c", "d"] }), [
            { path: "hosts[1]", before: "b", after: "c" },
            { path: "hosts[2]", after: "d" },
        ]);
        assert.deepEqual(valueChanges({ labels: { "app.kubernetes.io/name": "x" } }, { labels: { "app.kubernetes.io/name": "y" } }), [
            { path: 'labels["app.kubernetes.io/name"]', before: "x", after: "y" },
        ]);
    });

    it("describes a change in one short line", () => {
        assert.equal(describeChange({ path: "values.gateway.host", before: "git.t28.omani.works", after: "code.t28.omani.works" }), "values.gateway.host git.t28.omani.works → code.t28.omani.works");
        assert.equal(describeChange({ path: "x", after: { a: 1, b: 2 } }), "x (added) {2 keys}");
        assert.equal(describeChange({ path: "x", before: [1] }), "x (removed)");
        assert.equal(shortValue("a".repeat(50)), `${"a".repeat(39)}…`);
        assert.equal(shortValue(""), '""');
        assert.equal(shortValue(null), "null");
        assert.equal(shortValue("[secret]"), "[secret]");
    });
});
