// The pure decision of every object a tenant gets: ids, order, dependencies, generated-secret slots,
// and the parts computed from the DKIM public keys. The component only creates what this returns.

import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { getPath } from "../../src/rules/value-paths";
import { planSovereign } from "../../src/plan/sovereign-plan";
import type { SovereignSpec } from "../../src/model/sovereign-spec";
import { DkimPublicKeyPems, TenantManifests, TenantObject, blueprintPolicyPort, spfSources, tenantManifests } from "../../src/stalwart/tenant-manifests";
import { specFrom, zonesOf } from "../support/sovereigns";

const realm = { realmURL: "https://auth.omantel.omani.works/realms/t" };
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const KEYS: DkimPublicKeyPems = {
    rsa: generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }).toString(),
    ed25519: generateKeyPairSync("ed25519").publicKey.export({ format: "pem", type: "spki" }).toString(),
};

function manifestsOf(values: Record<string, unknown>, slug: string): { planned: TenantManifests; spec: SovereignSpec } {
    const spec = specFrom(values);
    const plan = planSovereign(spec).tenants.find((t) => t.tenant.slug === slug)!;
    return { planned: tenantManifests(plan, spec), spec };
}

const byId = (objects: TenantObject[], id: string) => objects.find((o) => o.id === id)!;
const bodyOf = (o: TenantObject) => (o.type === "chart" ? undefined : o.manifest);

describe("tenant manifests (what the StalwartTenant component creates)", () => {
    const { planned } = manifestsOf({ ...BASE, tenants: [{ slug: "acme", keycloak: realm }] }, "acme");

    it("lists every native object in creation order, each depending only on earlier ones", () => {
        assert.deepEqual(planned.objects.map((o) => `${o.type}:${o.id}`), [
            "manifest:namespace",
            "manifest:admin-external-secret",
            "manifest:listener-set",
            "generatedSecret:dkim-secret",
            "keyed:dns-records",
            "keyed:dns-endpoint",
            "manifest:oidc-external-secret",
            "manifest:certificate",
            "manifest:config",
            "manifest:service-account",
            "manifest:statefulset",
            "manifest:smtp",
            "manifest:imap",
            "manifest:web",
            "manifest:default-deny",
            "manifest:network-policy",
            "manifest:bootstrap-network-policy",
            "manifest:certificate-reload-network-policy",
            "manifest:gateway-ingress-policy",
            "manifest:user-web-route",
            "manifest:bootstrap",
            "manifest:certificate-reload",
        ]);
        const seen = new Set<string>();
        for (const o of planned.objects) {
            for (const d of o.dependsOn) assert.ok(seen.has(d), `${o.id} depends on ${d}, which comes later or not at all`);
            seen.add(o.id);
        }
        assert.deepEqual(byId(planned.objects, "statefulset").dependsOn, ["namespace", "config", "service-account", "dkim-secret", "admin-external-secret", "oidc-external-secret", "certificate"]);
        assert.deepEqual(byId(planned.objects, "bootstrap").dependsOn, ["statefulset", "web", "admin-external-secret"]);
        assert.deepEqual(planned.generates, { adminPassword: false, dkimKeys: true });
    });

    it("names the generated values a Secret carries, never the values", () => {
        const dkim = byId(planned.objects, "dkim-secret");
        assert.equal(dkim.type, "generatedSecret");
        assert.deepEqual(dkim.type === "generatedSecret" ? dkim.stringData : undefined, { "rsa.key": "dkimRsaPrivateKeyPem", "ed25519.key": "dkimEd25519PrivateKeyPem" });
        assert.deepEqual(bodyOf(dkim)!.metadata.name, "stalwart-acme-dkim");
        assert.equal("stringData" in bodyOf(dkim)!, false);
    });

    it("takes Keycloak's and PowerDNS's pod ports from the blueprint catalog", () => {
        assert.deepEqual(CATALOG.keycloak.servicePort, { port: 80, targetPort: 8080, source: "bp-keycloak gateway.backendPort 80; bitnami/keycloak containerPorts.http 8080" });
        assert.equal(CATALOG.powerdns.servicePort?.targetPort, 8081);
        assert.equal(blueprintPolicyPort("keycloak"), 8080);
        const egress = getPath(bodyOf(byId(planned.objects, "network-policy"))!, "spec.egress") as { to: unknown[]; ports: { port: number }[] }[];
        assert.deepEqual(egress[1], { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "keycloak" } } }], ports: [{ protocol: "TCP", port: 8080 }] });
        assert.deepEqual(egress[2], { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "powerdns" } } }], ports: [{ protocol: "TCP", port: 8081 }] });
        assert.throws(() => blueprintPolicyPort("gitea"), /no servicePort for gitea/);
    });

    it("computes the records ConfigMap and the DNSEndpoint from the public keys only", () => {
        const records = planned.dnsRecords!(KEYS);
        assert.deepEqual(records.map((r) => r.purpose), ["mx", "spf", "spf-helo", "dkim-rsa", "dkim-ed25519", "dmarc", "tls-rpt", "srv-submissions", "srv-imaps", "web"]);
        const cm = byId(planned.objects, "dns-records");
        assert.equal(cm.type, "keyed");
        if (cm.type === "keyed") {
            assert.equal(cm.field, "data");
            assert.match((cm.build(KEYS) as Record<string, string>)["records.yaml"]!, /k=rsa; p=MII/);
        }
        const ep = byId(planned.objects, "dns-endpoint");
        if (ep.type === "keyed") {
            assert.equal(ep.field, "spec");
            assert.equal((ep.build(KEYS) as { endpoints: unknown[] }).endpoints.length, 10);
        }
    });

    it("a chart tenant gets its namespace, its generated admin Secret, the console grant and the chart", () => {
        const chart = manifestsOf({ ...BASE, tenants: [{ slug: "initech", implementation: "chart", keycloak: realm, admin: { generatePassword: true } }] }, "initech").planned;
        assert.deepEqual(chart.objects.map((o) => `${o.type}:${o.id}`), ["manifest:namespace", "generatedSecret:admin-secret", "manifest:reference-grant", "chart:bp-stalwart-tenant-initech"]);
        assert.deepEqual(byId(chart.objects, "bp-stalwart-tenant-initech").dependsOn, ["namespace", "admin-secret"]);
        assert.deepEqual(chart.generates, { adminPassword: true, dkimKeys: false });
        assert.equal(chart.dnsRecords, undefined);
    });

    it("pins SMTP egress with a CiliumEgressGatewayPolicy and publishes its address in SPF", () => {
        const { planned: pinned, spec } = manifestsOf(
            { ...BASE, tenancy: { egress: { addresses: ["198.51.100.7"], ciliumGateway: { nodeSelector: { "egress-gateway": "true" }, egressIP: "203.0.113.25" } } }, tenants: [{ slug: "acme", keycloak: realm }] },
            "acme",
        );
        assert.equal(bodyOf(byId(pinned.objects, "egress-gateway-policy"))!.kind, "CiliumEgressGatewayPolicy");
        assert.deepEqual(spfSources(spec.tenancy.egress), { addresses: ["198.51.100.7", "203.0.113.25"] });
        assert.equal(pinned.dnsRecords!(KEYS).find((r) => r.purpose === "spf")!.value, "v=spf1 mx ip4:198.51.100.7 ip4:203.0.113.25 -all");
        assert.equal(planned.objects.some((o) => o.id === "egress-gateway-policy"), false);
    });

    it("a BYO tenant's records start with the ACME delegations, and it has no DNSEndpoint", () => {
        const byo = manifestsOf({ ...BASE, tenants: [{ slug: "globex", keycloak: realm, domain: { mode: "byo", primary: "globex.com" } }] }, "globex").planned;
        assert.equal(byo.objects.some((o) => o.id === "dns-endpoint"), false);
        assert.deepEqual(byo.dnsRecords!(KEYS).slice(0, 2).map((r) => `${r.type} ${r.name} ${r.value}`), [
            "CNAME _acme-challenge.mail.globex.com mail.globex.com.acme-delegation.omantel.omani.works",
            "CNAME _acme-challenge.webmail.globex.com webmail.globex.com.acme-delegation.omantel.omani.works",
        ]);
    });
});
