// The API server's name rules, one boundary at a time.

import { strict as assert } from "node:assert";
import {
    configMapKeyProblem,
    dns1035LabelProblem,
    dns1123LabelProblem,
    dns1123SubdomainProblem,
    labelValueProblem,
    nameProblems,
    nameRuleFor,
    portNameProblem,
    qualifiedNameProblem,
} from "../../../src/tools/schema/api-server-name-rules";

describe("name rules the OpenAPI schema does not express", () => {
    it("DNS-1123 labels: 63 characters, lowercase, no leading or trailing '-'", () => {
        assert.equal(dns1123LabelProblem("a".repeat(63)), undefined);
        assert.equal(dns1123LabelProblem("9lives"), undefined);
        assert.equal(dns1123LabelProblem("a".repeat(64)), "must be at most 63 characters (DNS-1123 label)");
        for (const bad of ["", "-a", "a-", "A", "a.b", "a_b"]) {
            assert.match(dns1123LabelProblem(bad)!, /must be a DNS-1123 label/, bad);
        }
    });

    it("DNS-1123 subdomains: dots allowed, 253 characters", () => {
        assert.equal(dns1123SubdomainProblem("stalwart-acme.tls"), undefined);
        assert.equal(dns1123SubdomainProblem(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`), undefined);
        assert.equal(dns1123SubdomainProblem("a".repeat(254)), "must be at most 253 characters (DNS-1123 subdomain)");
        assert.match(dns1123SubdomainProblem("a..b")!, /DNS-1123 subdomain/);
    });

    it("DNS-1035 labels start with a letter (Service names)", () => {
        assert.equal(dns1035LabelProblem("stalwart-acme-smtp"), undefined);
        assert.match(dns1035LabelProblem("1smtp")!, /starting with a letter/);
        assert.equal(nameRuleFor("Service")("1smtp"), dns1035LabelProblem("1smtp"));
    });

    it("per-kind limits: StatefulSet 52, Job 63, CronJob 52, Namespace a label", () => {
        assert.equal(nameRuleFor("StatefulSet")("s".repeat(52)), undefined);
        assert.match(nameRuleFor("StatefulSet")("s".repeat(53))!, /^must be at most 52 characters/);
        assert.equal(nameRuleFor("Job")("j".repeat(63)), undefined);
        assert.match(nameRuleFor("Job")("j".repeat(64))!, /^must be at most 63 characters \(Job/);
        assert.match(nameRuleFor("CronJob")("c".repeat(53))!, /^must be at most 52 characters \(CronJob/);
        assert.match(nameRuleFor("Namespace")("tenant.acme")!, /DNS-1123 label/);
        assert.equal(nameRuleFor("ConfigMap")("stalwart.acme"), undefined);
    });

    it("label keys are qualified names, values at most 63 of the label alphabet", () => {
        assert.equal(qualifiedNameProblem("app.kubernetes.io/name"), undefined);
        assert.equal(qualifiedNameProblem("tier"), undefined);
        assert.equal(qualifiedNameProblem("a/b/c"), "must be a qualified name: an optional DNS subdomain prefix and '/', then a name");
        assert.equal(qualifiedNameProblem("/name"), "must have a non-empty prefix before '/' (qualified name)");
        assert.equal(qualifiedNameProblem(`x/${"n".repeat(64)}`), "name part must be at most 63 characters (qualified name)");
        assert.match(qualifiedNameProblem("Bad_Prefix/x")!, /^prefix must be a DNS-1123 subdomain/);
        assert.equal(labelValueProblem(""), undefined);
        assert.equal(labelValueProblem("v0.15.5"), undefined);
        assert.equal(labelValueProblem("v".repeat(64)), "must be at most 63 characters (label value)");
        assert.match(labelValueProblem("a b")!, /label value/);
        assert.match(labelValueProblem("-a")!, /label value/);
    });

    it("ConfigMap keys and port names", () => {
        assert.equal(configMapKeyProblem("config.toml"), undefined);
        assert.equal(configMapKeyProblem(".."), "must not be '.' or '..' (ConfigMap/Secret key)");
        assert.match(configMapKeyProblem("a/b")!, /alphanumerics/);
        assert.equal(portNameProblem("submissions"), undefined);
        assert.equal(portNameProblem("submissions-tls1"), "must be at most 15 characters (IANA_SVC_NAME)");
        assert.equal(portNameProblem("a--b"), "must not contain '--' (IANA_SVC_NAME)");
        assert.equal(portNameProblem("8080"), "must contain at least one letter (IANA_SVC_NAME)");
    });

    it("finds labels in templates and selectors, Service port names, and namespaces on cluster-scoped kinds", () => {
        const sts = {
            apiVersion: "apps/v1",
            kind: "StatefulSet",
            metadata: { name: "web", namespace: "tenant-a" },
            spec: {
                selector: { matchLabels: { app: "bad value" } },
                template: { metadata: { labels: { "bad key!": "x" } }, spec: { containers: [{ name: "web", ports: [{ name: "http_port", containerPort: 80 }] }] } },
            },
        };
        assert.deepEqual(nameProblems("StatefulSet", sts, true), [
            { segments: ["spec", "selector", "matchLabels", "app"], rule: "value must be empty or alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (label value)" },
            { segments: ["spec", "template", "metadata", "labels", "bad key!"], rule: "key name part must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (qualified name)" },
            { segments: ["spec", "template", "spec", "containers", 0, "ports", 0, "name"], rule: "must be lowercase alphanumerics and '-', starting and ending with an alphanumeric (IANA_SVC_NAME)" },
        ]);
        const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { ports: [{ name: "http", port: 80 }, { port: 443 }] } };
        assert.deepEqual(nameProblems("Service", svc, true), [{ segments: ["spec", "ports", 1, "name"], rule: "is required when a Service has more than one port" }]);
        const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", namespace: "b" } };
        assert.deepEqual(nameProblems("Namespace", ns, false), [{ segments: ["metadata", "namespace"], rule: "must be absent: Namespace is cluster-scoped" }]);
    });
});
