// The vendored CRDs are what sources.json says they are: unchanged upstream files (or a declared trim),
// named with their upstream version, each apiVersion/kind from exactly one file, every one served.

import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "fs";
import * as path from "path";
import { defaultSchemaDir, loadCrdCatalog, readSchemaSources } from "../../../src/tools/schema/crd-catalog";

describe("vendored CRD schemas", () => {
    const dir = defaultSchemaDir();
    const sources = readSchemaSources(dir);

    it("lives in test/schemas at the repository root", () => {
        assert.equal(path.relative(path.resolve(__dirname, "../../.."), dir), path.join("test", "schemas"));
    });

    it("lists every vendored file once, with its upstream version in its name and an unchanged hash", () => {
        const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
        assert.deepEqual(sources.map((s) => s.file).sort(), files);
        for (const s of sources) {
            const version = /^v\d+\.\d+\.\d+$/.test(s.tag) ? s.tag : s.commit.slice(0, 8);
            assert.ok(s.file.includes(`-${version}-`), `${s.file} names ${version}`);
            assert.match(s.commit, /^[0-9a-f]{40}$/);
            assert.equal(createHash("sha256").update(fs.readFileSync(path.join(dir, s.file))).digest("hex"), s.sha256, `${s.file} is unchanged`);
            assert.equal(s.trimmed !== undefined, s.file.includes("-trimmed"), `${s.file}: only files named -trimmed are trimmed`);
        }
    });

    it("serves exactly the kinds the render uses, one file each", () => {
        const catalog = loadCrdCatalog(dir);
        assert.deepEqual(
            [...catalog.entries()].map(([key, v]) => `${key} <- ${v.file}${v.served ? "" : " (not served)"}`),
            [
                "gateway.networking.k8s.io/v1 Gateway <- gateway-api-v1.6.1-standard-gateways.yaml",
                "gateway.networking.k8s.io/v1 HTTPRoute <- gateway-api-v1.6.1-standard-httproutes.yaml",
                "gateway.networking.k8s.io/v1 ListenerSet <- gateway-api-v1.6.1-standard-listenersets.yaml",
                "gateway.networking.k8s.io/v1 ReferenceGrant <- gateway-api-v1.6.1-standard-referencegrants.yaml",
                "gateway.networking.k8s.io/v1beta1 ReferenceGrant <- gateway-api-v1.6.1-standard-referencegrants.yaml",
                "cert-manager.io/v1 Certificate <- cert-manager-v1.21.1-certificates.yaml",
                "external-secrets.io/v1 ExternalSecret <- external-secrets-v2.9.0-externalsecrets.yaml",
                "external-secrets.io/v1beta1 ExternalSecret <- external-secrets-v0.16.2-externalsecrets.yaml",
                "externaldns.k8s.io/v1alpha1 DNSEndpoint <- external-dns-v0.22.0-dnsendpoints.yaml",
                "cilium.io/v2 CiliumNetworkPolicy <- cilium-02904c9b-ciliumnetworkpolicies-trimmed.yaml",
                "cilium.io/v2 CiliumEgressGatewayPolicy <- cilium-076bbeb3-ciliumegressgatewaypolicies-trimmed.yaml",
            ],
        );
        assert.equal(catalog.get("external-secrets.io/v1 ExternalSecret")!.namespaced, true);
    });
});
