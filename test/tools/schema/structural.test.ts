// Structural-schema validation of custom objects: defaults before validation, unknown fields, combinators,
// list-type uniqueness, formats, and placeholders for values unknown offline.

import { strict as assert } from "node:assert";
import type { CrdSchema } from "../../../src/tools/schema/crd-schema";
import { applyDefaults, structuralProblems } from "../../../src/tools/schema/structural";

const SCHEMA: CrdSchema = {
    type: "object",
    properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { type: "object" },
        spec: {
            type: "object",
            required: ["listeners"],
            oneOf: [{ required: ["a"] }, { required: ["b"] }],
            properties: {
                a: { type: "string" },
                b: { type: "string" },
                mode: { type: "string", default: "Terminate", enum: ["Terminate", "Passthrough"] },
                address: { type: "string", format: "ipv4" },
                listeners: {
                    type: "array",
                    maxItems: 2,
                    "x-kubernetes-list-type": "map",
                    "x-kubernetes-list-map-keys": ["name"],
                    items: { type: "object", properties: { name: { type: "string", maxLength: 5, pattern: "^[a-z]+$" }, port: { type: "integer", format: "int32", minimum: 1 } } },
                },
                extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
        },
    },
};

describe("structural schema validation", () => {
    it("applies defaults where a field is absent, without touching the input", () => {
        const input = { spec: { a: "x", listeners: [] } };
        assert.deepEqual(applyDefaults(input, SCHEMA), { spec: { a: "x", listeners: [], mode: "Terminate" } });
        assert.deepEqual(input, { spec: { a: "x", listeners: [] } });
    });

    it("passes a valid object, metadata and preserved fields included", () => {
        const ok = { apiVersion: "x/v1", kind: "X", metadata: { name: "n", anything: 1 }, spec: { a: "x", mode: "Passthrough", listeners: [{ name: "http", port: 80 }], extra: { free: true } } };
        assert.deepEqual(structuralProblems(ok, SCHEMA), []);
    });

    it("names each violated rule at its path", () => {
        const bad = {
            spec: {
                a: "x",
                b: "y",
                mode: "Mirror",
                address: "10.0.0.300",
                listeners: [{ name: "http", port: 0 }, { name: "http", port: 2 ** 31 }, { name: "Toolong" }],
                bogus: 1,
            },
        };
        assert.deepEqual(
            structuralProblems(bad, SCHEMA).map((p) => `${p.segments.join(".")}: ${p.rule}`),
            [
                'spec.mode: must be one of "Terminate", "Passthrough" (enum)',
                "spec.address: must be an IPv4 address (format ipv4)",
                "spec.listeners: must have at most 2 items (maxItems 2)",
                "spec.listeners.1: duplicates item 0 (x-kubernetes-list-type map keyed by name)",
                "spec.listeners.0.port: must be at least 1 (minimum 1)",
                "spec.listeners.1.port: must fit in a 32-bit integer (format int32)",
                "spec.listeners.2.name: must be at most 5 characters (maxLength 5)",
                "spec.listeners.2.name: must match ^[a-z]+$ (pattern)",
                "spec.bogus: unknown field: the schema declares no such field (strict field validation)",
                "spec: must match exactly one of: has a; has b, matches 2 (oneOf)",
            ],
        );
    });

    it("reports missing required fields and wrong types", () => {
        assert.deepEqual(
            structuralProblems({ spec: { a: 1 } }, SCHEMA).map((p) => `${p.segments.join(".")}: ${p.rule}`),
            ["spec.listeners: is required (required)", "spec.a: must be string (type)"],
        );
    });

    it("does not judge values the offline render cannot know", () => {
        assert.deepEqual(structuralProblems({ spec: { a: "x", listeners: [], address: "[unknown until deploy]" } }, SCHEMA), []);
    });
});
