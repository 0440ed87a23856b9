// Per-tenant planning for 1, 2 and 3 zones and both domain modes: where the web host is served from,
// and proof (with the attachment checker) that the user-access route attaches there.

import { strict as assert } from "node:assert";
import { getPath } from "../../src/rules/value-paths";
import { attachmentFailures, checkSovereignAttachment } from "../../src/proof/sovereign-attachment";
import { planSovereign } from "../../src/plan/sovereign-plan";
import { specFrom, zonesOf } from "../support/sovereigns";

const realm = { realmURL: "https://auth.example.works/realms/t" };
const SHAPES = [
    { zones: ["omani.works"], fqdn: "omani.works", freeDomain: "acme.omani.works" },
    { zones: ["omani.works", "omani.homes"], fqdn: "omantel.omani.works", freeDomain: "acme.omani.homes" },
    { zones: ["omani.works", "omani.homes", "omani.biz"], fqdn: "omani.works", freeDomain: "acme.omani.homes" },
];

function plan(fqdn: string, zones: string[], tenants: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
    return planSovereign(specFrom({ fqdn, zones: zonesOf(...zones), tenants, ...extra }));
}

describe("tenant plans", () => {
    for (const shape of SHAPES) {
        describe(`${shape.zones.length} zone(s)`, () => {
            const p = plan(shape.fqdn, shape.zones, [
                { slug: "acme", keycloak: realm },
                { slug: "globex", keycloak: realm, domain: { mode: "byo", primary: "globex.com" } },
            ]);

            it("gives a free-subdomain tenant a ListenerSet on *.<slug>.<zone>", () => {
                const acme = p.tenants.find((t) => t.tenant.slug === "acme")!;
                assert.equal(acme.tenant.domain.primary, shape.freeDomain);
                assert.equal(acme.home, "listenerSet");
                assert.deepEqual(
                    acme.listenerSet?.spec.listeners.map((l) => `${l.name} ${l.protocol}/${l.port} ${l.hostname} ${l.tls?.certificateRefs?.[0].name ?? "-"}`),
                    [`console-https-acme HTTPS/443 *.${shape.freeDomain} stalwart-acme-tls`, `console-http-acme HTTP/80 *.${shape.freeDomain} -`],
                );
                assert.deepEqual(acme.listenerSet?.spec.parentRef, { group: "gateway.networking.k8s.io", kind: "Gateway", name: "cilium-gateway-console", namespace: "kube-system" });
                assert.deepEqual(acme.certificate, {
                    name: "stalwart-acme-tls",
                    namespace: "tenant-acme",
                    secretName: "stalwart-acme-tls",
                    dnsNames: [`*.${shape.freeDomain}`, shape.freeDomain],
                    issuer: "letsencrypt-dns01-prod-powerdns",
                });
            });

            it("gives a BYO tenant listeners on its web host and a DNS-01 certificate for the web and MX hosts", () => {
                const globex = p.tenants.find((t) => t.tenant.slug === "globex")!;
                assert.deepEqual(globex.listenerSet?.spec.listeners.map((l) => l.hostname), ["webmail.globex.com", "webmail.globex.com"]);
                assert.deepEqual(globex.certificate?.dnsNames, ["mail.globex.com", "webmail.globex.com"]);
                assert.equal(globex.certificate?.issuer, "letsencrypt-dns01-prod-powerdns");
                assert.equal(globex.webHost, "webmail.globex.com");
                assert.equal(globex.mailHost, "mail.globex.com");
            });

            it("parents each user-access route on the tenant's ListenerSet, on the web host, never the MX host", () => {
                for (const t of p.tenants) {
                    assert.deepEqual(t.webRoute?.spec.parentRefs, [
                        { group: "gateway.networking.k8s.io", kind: "ListenerSet", name: `console-${t.tenant.slug}`, namespace: `tenant-${t.tenant.slug}` },
                    ]);
                    assert.deepEqual(t.webRoute?.spec.hostnames, [`webmail.${t.tenant.domain.primary}`]);
                    assert.ok(!t.webRoute!.spec.hostnames!.includes(t.mailHost));
                }
            });

            it("attaches every user-access route to the tenant's HTTPS listener (checker, Cilium mode)", () => {
                const report = checkSovereignAttachment(p);
                assert.deepEqual(attachmentFailures(report), []);
                for (const t of p.tenants) {
                    const status = report.parents.find((s) => s.route.name === `stalwart-${t.tenant.slug}-user-access`)!;
                    assert.equal(status.reason, "Accepted");
                    assert.deepEqual(status.attachedListeners, [`console-https-${t.tenant.slug}`, `console-http-${t.tenant.slug}`]);
                    const serving = report.routes.find((r) => r.route === `tenant-${t.tenant.slug}/stalwart-${t.tenant.slug}-user-access`)!.serving;
                    assert.deepEqual(
                        serving.filter((s) => s.protocol === "HTTPS").map((s) => `${s.listener} ${s.attached}`),
                        [`console-https-${t.tenant.slug} true`],
                    );
                }
            });

            it("lets ListenerSets from tenant namespaces attach to the console Gateway, and keeps its own listeners", () => {
                const console = p.gateways.find((g) => g.role === "console")!;
                assert.deepEqual(console.allowedListeners, { namespaces: { from: "Selector", selector: { matchLabels: { "sovereign-stacks/console-listener-sets": "true" } } } });
                assert.equal(console.listeners.length, 6);
                assert.deepEqual(p.namespaces.map((n) => n.labels["sovereign-stacks/console-listener-sets"]), ["true", "true"]);
            });
        });
    }

    it("chart mode: the same config mapped onto bp-stalwart-tenant's keys, listeners on the console Gateway", () => {
        const p = plan("omantel.omani.works", ["omani.works", "omani.homes"], [{ slug: "initech", implementation: "chart", keycloak: realm, admin: { generatePassword: true } }]);
        const initech = p.tenants[0];
        assert.equal(initech.home, "gateway");
        assert.equal(initech.grantsGatewaySecret, true);
        assert.equal(initech.webRoute, undefined);
        assert.equal(initech.chart?.releaseName, "stalwart-initech");
        assert.equal(initech.chart?.namespace, "tenant-initech");
        assert.equal(initech.chart?.version, "0.1.16");
        const values = initech.chart!.values;
        assert.deepEqual(getPath(values, "ingress.webmail"), { mode: "gateway", host: "mail.initech.omani.homes", parentRef: { name: "cilium-gateway-console", namespace: "kube-system" } });
        assert.deepEqual(getPath(values, "domain"), { primary: "initech.omani.homes", mode: "free-subdomain" });
        assert.deepEqual(getPath(values, "keycloak.oidcExternalSecret.remoteRef"), { key: "sovereign/omantel.omani.works/stalwart/initech/oidc", property: "OIDC_CLIENT_SECRET" });
        assert.deepEqual(getPath(values, "admin"), { secretName: "stalwart-initech-admin", autoProvision: { enabled: false }, externalSecret: { enabled: false } });
        assert.equal(getPath(values, "stalwart.tls.secretName"), "stalwart-initech-tls");
        const console = p.gateways.find((g) => g.role === "console")!;
        assert.deepEqual(console.listeners.slice(6).map((l) => `${l.name} ${l.hostname}`), ["console-https-initech *.initech.omani.homes", "console-http-initech *.initech.omani.homes"]);
        assert.deepEqual(attachmentFailures(checkSovereignAttachment(p)), []);
        const chartRoute = p.routes.find((r) => r.metadata.namespace === "tenant-initech")!;
        assert.deepEqual(chartRoute.spec.parentRefs, [{ name: "cilium-gateway-console", namespace: "kube-system" }]);
    });

    it("tenancy.listeners: gateway puts native tenants on the console Gateway, sorted by slug", () => {
        const p = plan("omani.works", ["omani.works"], [{ slug: "zeta", keycloak: realm }, { slug: "alpha", keycloak: realm }], { tenancy: { listeners: "gateway" } });
        const console = p.gateways.find((g) => g.role === "console")!;
        assert.deepEqual(console.listeners.slice(6).map((l) => l.name), ["console-https-alpha", "console-http-alpha", "console-https-zeta", "console-http-zeta"]);
        assert.equal(console.allowedListeners, undefined);
        assert.deepEqual(p.listenerSets, []);
        assert.deepEqual(p.tenants.map((t) => t.webRoute?.spec.parentRefs), [
            [{ name: "cilium-gateway-console", namespace: "kube-system" }],
            [{ name: "cilium-gateway-console", namespace: "kube-system" }],
        ]);
        assert.deepEqual(attachmentFailures(checkSovereignAttachment(p)), []);
    });

    it("serves user paths on the web host and answers the management API without forwarding it", () => {
        const p = plan("omani.works", ["omani.works"], [{ slug: "acme", keycloak: realm, web: { host: "mail-web.acme.omani.works" } }]);
        const route = p.tenants[0].webRoute!;
        assert.equal(route.metadata.name, "stalwart-acme-user-access");
        assert.deepEqual(route.spec.hostnames, ["mail-web.acme.omani.works"]);
        const prefix = (value: string) => ({ path: { type: "PathPrefix", value } });
        assert.deepEqual(route.spec.rules, [
            {
                matches: ["/jmap", "/dav", "/.well-known", "/auth", "/api/account", "/api/oauth", "/"].map(prefix),
                backendRefs: [{ name: "stalwart-acme-web", port: 8080 }],
            },
            { matches: ["/api", "/metrics"].map(prefix) },
        ]);
        assert.deepEqual(attachmentFailures(checkSovereignAttachment(p)), []);
    });

    it("a Sovereign without Gateway API plans no listeners and no routes; webmail goes through an Ingress", () => {
        const p = plan("omani.works", ["omani.works"], [{ slug: "acme", keycloak: realm }, { slug: "initech", implementation: "chart", keycloak: realm }], { gateways: { management: "none" } });
        assert.deepEqual(p.routes, []);
        assert.deepEqual(p.listenerSets, []);
        assert.deepEqual(p.tenants.map((t) => t.home), ["none", "none"]);
        assert.equal(getPath(p.tenants[1].chart!.values, "ingress.webmail.mode"), "ingress");
        assert.equal(getPath(p.blueprints.find((b) => b.definition.name === "gitea")!.values, "gateway.enabled"), false);
        // api.enabled runs the PowerDNS API itself, not just its route: left to the chart and operator.
        assert.equal(getPath(p.blueprints.find((b) => b.definition.name === "powerdns")!.values, "api.enabled"), undefined);
        assert.equal(getPath(p.blueprints.find((b) => b.definition.name === "powerdns")!.values, "api.gateway.enabled"), false);
    });
});
