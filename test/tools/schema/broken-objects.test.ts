// One deliberately broken copy of each kind the render produces must fail with one precise line: the
// object, the field path and the rule. The unbroken objects come from the omantel example stack and pass.

import { strict as assert } from "node:assert";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { renderStack } from "../../../src/tools/render/render-stack";
import { loadCrdCatalog } from "../../../src/tools/schema/crd-catalog";
import { emptyTally } from "../../../src/tools/schema/cel-rules";
import { formatSchemaProblem } from "../../../src/tools/schema/problem";
import { validateDocument } from "../../../src/tools/schema/validate-documents";
import { REPO_ROOT } from "../../support/sovereigns";

// Mutations reach deep into manifests; typing every path would hide what each test breaks.
type Body = Record<string, any>;

const catalog = loadCrdCatalog();
const lines = (doc: RenderedDocument) => validateDocument(doc, catalog, emptyTally()).map(formatSchemaProblem);

describe("schema validation of broken objects", function () {
    this.timeout(60_000);
    let docs: RenderedDocument[];
    before(async () => {
        docs = (await renderStack({ stack: "omantel", projectRoot: REPO_ROOT })).documents;
    });

    /** A deep copy of the first rendered `kind` (optionally with this name), changed by `mutate`. */
    function broken(kind: string, mutate: (b: Body) => void, name?: string): RenderedDocument {
        const found = docs.find((d) => d.kind === kind && (name === undefined || d.name === name));
        assert.ok(found, `no ${kind} rendered`);
        assert.deepEqual(lines(found), [], `the rendered ${kind} ${found.name} is valid`);
        const body = structuredClone(found.body) as Body;
        mutate(body);
        const meta = body.metadata as { name: string; namespace?: string };
        return { kind: String(body.kind), namespace: meta.namespace, name: meta.name, body };
    }
    const label = (d: RenderedDocument) => `${d.kind} ${d.namespace === undefined ? "" : `${d.namespace}/`}${d.name} (${String(d.body.apiVersion)})`;

    it("Namespace: the name is a DNS-1123 label", () => {
        const d = broken("Namespace", (b) => (b.metadata.name = "Tenant_Acme"));
        assert.deepEqual(lines(d), [
            `${label(d)}: metadata.name: must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
        ]);
    });

    it("Secret: stringData keys are ConfigMap keys", () => {
        const d = broken("Secret", (b) => (b.stringData["dkim key"] = "[secret]"));
        assert.deepEqual(lines(d), [`${label(d)}: stringData["dkim key"]: key must consist of alphanumerics, '-', '_' or '.' (ConfigMap/Secret key)`]);
    });

    it("ConfigMap: data values are strings", () => {
        const d = broken("ConfigMap", (b) => (b.data.domain = 42), "acme-dns-records-required");
        assert.deepEqual(lines(d), [`${label(d)}: data.domain: must be string (type)`]);
    });

    it("Service: the name is a DNS-1035 label, the type an enum", () => {
        const named = broken("Service", (b) => (b.metadata.name = "25-smtp"));
        assert.deepEqual(lines(named), [
            `${label(named)}: metadata.name: must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit`,
        ]);
        const typed = broken("Service", (b) => (b.spec.type = "Public"));
        assert.deepEqual(lines(typed), [`${label(typed)}: spec.type: must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (enum)`]);
    });

    it("StatefulSet: at most 52 characters", () => {
        const d = broken("StatefulSet", (b) => (b.metadata.name = "s".repeat(53)));
        assert.deepEqual(lines(d), [
            `${label(d)}: metadata.name: must be at most 52 characters (StatefulSet: its controller-revision-hash label value <name>-<hash> must fit in 63)`,
        ]);
    });

    it("Job: at most 63 characters; container names are DNS-1123 labels", () => {
        const d = broken("Job", (b) => (b.metadata.name = "j".repeat(64)));
        assert.deepEqual(lines(d), [`${label(d)}: metadata.name: must be at most 63 characters (Job: its name is the job-name label value of its Pods)`]);
        const c = broken("Job", (b) => (b.spec.template.spec.containers[0].name = "Bootstrap"));
        assert.deepEqual(lines(c), [
            `${label(c)}: spec.template.spec.containers[0].name: must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`,
        ]);
    });

    it("ServiceAccount: label values are at most 63 characters", () => {
        const d = broken("ServiceAccount", (b) => (b.metadata.labels["app.kubernetes.io/instance"] = "x".repeat(64)));
        assert.deepEqual(lines(d), [`${label(d)}: metadata.labels["app.kubernetes.io/instance"]: value must be at most 63 characters (label value)`]);
    });

    it("NetworkPolicy: podSelector is required", () => {
        const d = broken("NetworkPolicy", (b) => delete b.spec.podSelector);
        assert.deepEqual(lines(d), [`${label(d)}: spec.podSelector: is required (required)`]);
    });

    it("Gateway: listener names are unique (CEL) and unknown fields are refused", () => {
        const d = broken("Gateway", (b) => b.spec.listeners.push({ ...b.spec.listeners[0], port: 8443 }));
        assert.deepEqual(lines(d), [
            `${label(d)}: spec.listeners[6]: duplicates item 0 (x-kubernetes-list-type map keyed by name)`,
            `${label(d)}: spec.listeners: Listener name must be unique within the Gateway (x-kubernetes-validations: self.all(l1, self.exists_one(l2, l1.name == l2.name)))`,
        ]);
        const u = broken("Gateway", (b) => (b.spec.listenerz = []));
        assert.deepEqual(lines(u), [`${label(u)}: spec.listenerz: unknown field: the schema declares no such field (strict field validation)`]);
    });

    it("HTTPRoute: a path must not contain '//' (CEL)", () => {
        const d = broken("HTTPRoute", (b) => (b.spec.rules[0].matches = [{ path: { type: "PathPrefix", value: "/mail//inbox" } }]));
        assert.deepEqual(lines(d), [
            `${label(d)}: spec.rules[0].matches[0].path: must not contain '//' when type one of ['Exact', 'PathPrefix'] (x-kubernetes-validations: (self.type in ['Exact','PathPrefix']) ? !self.value.contains('//') : true)`,
        ]);
    });

    it("ListenerSet: a listener port is 1-65535", () => {
        const d = broken("ListenerSet", (b) => (b.spec.listeners[0].port = 0));
        assert.deepEqual(lines(d), [`${label(d)}: spec.listeners[0].port: must be at least 1 (minimum 1)`]);
    });

    it("ReferenceGrant: from[].kind is required", () => {
        const d = broken("ReferenceGrant", (b) => delete b.spec.from[0].kind);
        assert.deepEqual(lines(d), [`${label(d)}: spec.from[0].kind: is required (required)`]);
    });

    it("Certificate: secretName is required", () => {
        const d = broken("Certificate", (b) => delete b.spec.secretName);
        assert.deepEqual(lines(d), [`${label(d)}: spec.secretName: is required (required)`]);
    });

    it("ExternalSecret v1 (v2.9.0) and v1beta1 (v0.16.2): creationPolicy is an enum of that release", () => {
        const v1 = broken("ExternalSecret", (b) => (b.spec.target = { ...b.spec.target, creationPolicy: "Sometimes" }));
        assert.deepEqual(lines(v1), [`${label(v1)}: spec.target.creationPolicy: must be one of "Owner", "Orphan", "Merge", "None", "CreateOrMerge" (enum)`]);
        const beta = broken("ExternalSecret", (b) => {
            b.apiVersion = "external-secrets.io/v1beta1";
            b.spec.target = { ...b.spec.target, creationPolicy: "Sometimes" };
        });
        assert.deepEqual(lines(beta), [`${label(beta)}: spec.target.creationPolicy: must be one of "Owner", "Orphan", "Merge", "None" (enum)`]);
    });

    it("DNSEndpoint: recordTTL is an integer", () => {
        const d = broken("DNSEndpoint", (b) => (b.spec.endpoints[0].recordTTL = "1h"));
        assert.deepEqual(lines(d), [`${label(d)}: spec.endpoints[0].recordTTL: must be integer (type)`]);
    });

    it("CiliumNetworkPolicy: fromEntities is an enum", () => {
        const d = broken("CiliumNetworkPolicy", (b) => (b.spec.ingress[0].fromEntities = ["gateway"]));
        assert.deepEqual(lines(d), [
            `${label(d)}: spec.ingress[0].fromEntities[0]: must be one of "all", "world", "cluster", "host", "init", "ingress", "unmanaged", "remote-node", "health", "none", "kube-apiserver" (enum)`,
        ]);
    });

    it("a selector label that breaks both the CRD's pattern and the label rule is one line", () => {
        const d = broken("CiliumNetworkPolicy", (b) => (b.spec.endpointSelector.matchLabels["app.kubernetes.io/name"] = "stal wart"));
        assert.deepEqual(lines(d), [`${label(d)}: spec.endpointSelector.matchLabels["app.kubernetes.io/name"]: must match ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$ (pattern)`]);
    });

    it("an apiVersion the vendored CRDs do not serve is named, with the versions that exist", () => {
        const d = broken("ListenerSet", (b) => (b.apiVersion = "gateway.networking.x-k8s.io/v1alpha1"));
        assert.deepEqual(lines(d), [
            `${label(d)}: (object): no CRD schema for gateway.networking.x-k8s.io/v1alpha1 ListenerSet; vendored: gateway.networking.k8s.io/v1 (apiVersion/kind)`,
        ]);
    });
});
