import { strict as assert } from "node:assert";
import { deepMerge } from "../../src/rules/value-paths";

describe("deepMerge", () => {
    it("keeps a chart value named __proto__ as a value, and pollutes no prototype", () => {
        const over = JSON.parse('{"__proto__": {"polluted": 1}, "a": {"b": 1}}') as Record<string, unknown>;
        const merged = deepMerge({ a: { c: 2 } }, over);
        assert.equal(JSON.stringify(merged), '{"a":{"c":2,"b":1},"__proto__":{"polluted":1}}');
        assert.equal(Object.getPrototypeOf(merged), Object.prototype);
        assert.equal((({}) as Record<string, unknown>).polluted, undefined);
    });
});
