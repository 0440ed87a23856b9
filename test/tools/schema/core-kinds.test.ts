// Built-in kinds through the Kubernetes OpenAPI validators: which apiVersions are built in, the rule text
// for each kind of OpenAPI error, a kind this Kubernetes version does not serve, and offline placeholders.

import { strict as assert } from "node:assert";
import { isBuiltInApiVersion, openApiRule, validateBuiltIn } from "../../../src/tools/schema/core-kinds";

const ref = (apiVersion: string, kind: string) => ({ apiVersion, kind, namespace: "mail", name: "x" });

describe("built-in kinds", () => {
    it("knows the API server's own groups from CRD groups", () => {
        assert.equal(isBuiltInApiVersion("v1"), true);
        assert.equal(isBuiltInApiVersion("apps/v1"), true);
        assert.equal(isBuiltInApiVersion("networking.k8s.io/v1"), true);
        assert.equal(isBuiltInApiVersion("gateway.networking.k8s.io/v1"), false);
        assert.equal(isBuiltInApiVersion("cilium.io/v2"), false);
    });

    it("states each OpenAPI rule without the offending value", () => {
        assert.equal(openApiRule({ instancePath: "/spec", keyword: "required", params: { missingProperty: "selector" } }), "is required (required)");
        assert.equal(openApiRule({ instancePath: "/a", keyword: "maxLength", params: { limit: 63 }, message: "must NOT have more than 63 characters" }), "must NOT have more than 63 characters (maxLength 63)");
        assert.equal(openApiRule({ instancePath: "/a", keyword: "format", params: { format: "int32" } }), "must be a valid int32 (format)");
        assert.equal(openApiRule({ instancePath: "/a", keyword: "pattern", params: { pattern: "^a$" } }), "must match ^a$ (pattern)");
    });

    it("names a required field at its own path, and a kind Kubernetes 1.33 does not serve", () => {
        assert.deepEqual(validateBuiltIn(ref("apps/v1", "StatefulSet"), { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "x" }, spec: { selector: {} } }), [
            { object: ref("apps/v1", "StatefulSet"), path: "spec.template", rule: "is required (required)" },
        ]);
        assert.deepEqual(validateBuiltIn(ref("v1", "Gadget"), { apiVersion: "v1", kind: "Gadget", metadata: { name: "x" } }), [
            { object: ref("v1", "Gadget"), path: "", rule: "Kubernetes 1.33 serves no kind Gadget in v1 (apiVersion/kind)" },
        ]);
    });

    it("refuses removed and pre-release API versions, naming the GA version", () => {
        assert.deepEqual(validateBuiltIn(ref("batch/v1beta1", "CronJob"), { apiVersion: "batch/v1beta1", kind: "CronJob", metadata: { name: "x" } }), [
            {
                object: ref("batch/v1beta1", "CronJob"),
                path: "apiVersion",
                rule: "batch/v1beta1 is not served by default on Kubernetes 1.30 and newer (removed, or a pre-release API that is off by default); use batch/v1",
            },
        ]);
        assert.equal(validateBuiltIn(ref("autoscaling/v2beta2", "HorizontalPodAutoscaler"), { metadata: { name: "x" } })[0]!.rule.endsWith("; use autoscaling/v2"), true);
    });

    it("does not judge values the offline render cannot know", () => {
        const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "x" }, data: { key: "[secret]" } };
        assert.deepEqual(validateBuiltIn(ref("v1", "Secret"), secret), []);
        assert.deepEqual(validateBuiltIn(ref("v1", "Secret"), { ...secret, data: { key: "not base64!" } }), [
            { object: ref("v1", "Secret"), path: "data.key", rule: "must be a valid byte (format)" },
        ]);
    });
});
