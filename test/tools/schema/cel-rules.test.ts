// CEL rules as the API server runs them on create: schema-typed values, escaped property names, fieldPath,
// messageExpression, transition rules skipped, and rules the evaluator cannot run reported, not passed.

import { strict as assert } from "node:assert";
import { celProblems, celValueOf, emptyTally, escapeCelProperty, fieldPathSegments } from "../../../src/tools/schema/cel-rules";
import type { CrdSchema } from "../../../src/tools/schema/crd-schema";

const object = (properties: Record<string, CrdSchema>, rules: CrdSchema["x-kubernetes-validations"] = []): CrdSchema => ({
    type: "object",
    properties,
    "x-kubernetes-validations": rules,
});

describe("CEL rules", () => {
    it("escapes property names the way the API server does", () => {
        assert.equal(escapeCelProperty("namespace"), "__namespace__");
        assert.equal(escapeCelProperty("x-prop"), "x__dash__prop");
        assert.equal(escapeCelProperty("a.b/c"), "a__dot__b__slash__c");
        assert.equal(escapeCelProperty("a__b"), "a__underscores__b");
        assert.equal(escapeCelProperty("port"), "port");
        assert.equal(escapeCelProperty("1st"), undefined);
    });

    it("types values by the schema: integers are CEL ints, declared fields escaped, map keys kept", () => {
        const schema = object({ port: { type: "integer" }, weight: { type: "number" }, namespace: { type: "string" }, labels: { type: "object", additionalProperties: { type: "string" } } });
        const value = celValueOf({ port: 443, weight: 1, namespace: "a", labels: { "app.kubernetes.io/name": "x" } }, schema);
        assert.deepEqual(value, new Map<string, unknown>([["port", 443n], ["weight", 1], ["__namespace__", "a"], ["labels", new Map([["app.kubernetes.io/name", "x"]])]]));
    });

    it("reads fieldPath into path segments", () => {
        assert.deepEqual(fieldPathSegments(".spec.listeners[2].tls"), ["spec", "listeners", 2, "tls"]);
        assert.deepEqual(fieldPathSegments(".labels['app.kubernetes.io/name']"), ["labels", "app.kubernetes.io/name"]);
    });

    it("reports a failing rule at its node (plus fieldPath) with its message or messageExpression", () => {
        const schema = object({
            spec: object({ min: { type: "integer" }, max: { type: "integer" }, namespace: { type: "string" } }, [
                { rule: "self.min <= self.max", message: "min must not exceed max", fieldPath: ".min" },
                { rule: "self.__namespace__ != 'default'", messageExpression: "'namespace ' + self.__namespace__ + ' is reserved'" },
                { rule: "self.max < 100" },
            ]),
        });
        const tally = emptyTally();
        const problems = celProblems({ spec: { min: 5, max: 200, namespace: "default" } }, schema, tally);
        assert.deepEqual(problems, [
            { segments: ["spec"], rule: "namespace default is reserved (x-kubernetes-validations: self.__namespace__ != 'default')" },
            { segments: ["spec"], rule: "failed rule: self.max < 100 (x-kubernetes-validations: self.max < 100)" },
        ]);
        assert.deepEqual(tally, { evaluated: 3, transitionRulesSkipped: 0, unsupported: [] });
        assert.deepEqual(celProblems({ spec: { min: 300, max: 50, namespace: "a" } }, schema, emptyTally())[0], {
            segments: ["spec", "min"],
            rule: "min must not exceed max (x-kubernetes-validations: self.min <= self.max)",
        });
    });

    it("does not run rules on absent nodes, skips transition rules, and names rules it cannot evaluate", () => {
        const schema = object({
            spec: object({ address: { type: "string", "x-kubernetes-validations": [{ rule: "isIP(self)", message: "must be an IP" }] } }, [
                { rule: "self == oldSelf", message: "immutable" },
            ]),
            absent: object({}, [{ rule: "false" }]),
        });
        const tally = emptyTally();
        const problems = celProblems({ spec: { address: "10.0.0.1" } }, schema, tally);
        assert.deepEqual(problems, [{ segments: ["spec", "address"], rule: "CEL rule not evaluated offline (unbound function: isIP): isIP(self)" }]);
        assert.deepEqual(tally, { evaluated: 0, transitionRulesSkipped: 1, unsupported: [{ rule: "isIP(self)", reason: "unbound function: isIP" }] });
    });

    it("a rule that errors on the value (a field it reads is absent) is a problem, as on the API server", () => {
        const schema = object({ spec: object({ a: { type: "string" } }, [{ rule: "self.a == 'x'" }]) });
        assert.deepEqual(celProblems({ spec: {} }, schema, emptyTally()), [{ segments: ["spec"], rule: "CEL rule errors (field not found: a): self.a == 'x'" }]);
    });
});
