// Tenants through the whole program under mocks: every resource a native tenant gets, with the exact
// fields that matter; chart mode; secrets never rendered; and adding a tenant leaves every other
// tenant's objects byte-identical.

import { strict as assert } from "node:assert";
import * as yaml from "js-yaml";
import { parse as parseToml } from "smol-toml";
import { getPath } from "../../../src/rules/value-paths";
import { toYamlStream } from "../../../src/tools/render/manifest-files";
import { fakeRsaKey } from "../../../src/tools/render/fake-rsa-key";
import { fakeEd25519Key } from "../../../src/tools/render/provider-fakes";
import type { RenderResult } from "../../../src/tools/render/render-stack";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { LONE_EQUALS, expressionsIn } from "../../../src/stalwart/config-toml";
import { ed25519DkimPublicKey, rsaDkimPublicKey } from "../../../src/stalwart/dkim";
import { attachmentFailures, checkSovereignAttachment } from "../../../src/proof/sovereign-attachment";
import { capturingWarnings, renderValues, zonesOf } from "../../support/sovereigns";

const realm = (slug: string) => ({ realmURL: `https://auth.omantel.omani.works/realms/${slug}` });
const BASE = { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") };
const TENANTS = [
    { slug: "acme", keycloak: realm("acme") },
    { slug: "globex", keycloak: realm("globex"), domain: { mode: "byo", primary: "globex.com" }, admin: { generatePassword: true } },
    { slug: "initech", implementation: "chart", keycloak: realm("initech"), domain: { zone: "omani.works" } },
];

const inNamespace = (r: RenderResult, ns: string) => r.documents.filter((d) => d.namespace === ns);
const doc = (r: RenderResult, ns: string | undefined, kind: string, name: string): RenderedDocument => {
    const found = r.documents.find((d) => d.namespace === ns && d.kind === kind && d.name === name);
    assert.ok(found, `${kind} ${ns}/${name} not rendered`);
    return found;
};
const promiseOf = <T>(o: { apply: (f: (v: T) => void) => unknown }) => new Promise<T>((resolve) => o.apply(resolve));

describe("tenants under mocks", () => {
    let r: RenderResult;
    before(async () => {
        r = (await capturingWarnings(() => renderValues("tenants", { ...BASE, tenants: TENANTS }))).result;
    });

    it("gives a native tenant its full set of resources", () => {
        assert.deepEqual(
            inNamespace(r, "tenant-acme").map((d) => `${d.kind}/${d.name}`),
            [
                "ListenerSet/console-acme",
                "Certificate/stalwart-acme-tls",
                "CiliumNetworkPolicy/stalwart-acme-gateway-ingress",
                "ConfigMap/acme-dns-records-required",
                "ConfigMap/stalwart-acme-config",
                "CronJob/acme-certs",
                "DNSEndpoint/stalwart-acme-dns",
                "ExternalSecret/stalwart-acme-admin",
                "ExternalSecret/stalwart-oidc",
                "HTTPRoute/stalwart-acme-user-access",
                "Job/stalwart-acme-bootstrap",
                "NetworkPolicy/stalwart-acme",
                "NetworkPolicy/stalwart-acme-bootstrap",
                "NetworkPolicy/stalwart-acme-cert-reload",
                "NetworkPolicy/stalwart-acme-default-deny",
                "Secret/stalwart-acme-dkim",
                "Service/stalwart-acme-imap",
                "Service/stalwart-acme-smtp",
                "Service/stalwart-acme-web",
                "ServiceAccount/stalwart-acme",
                "StatefulSet/stalwart-acme",
            ],
        );
        assert.deepEqual(doc(r, undefined, "Namespace", "tenant-acme").body.metadata, {
            name: "tenant-acme",
            labels: { "app.kubernetes.io/managed-by": "sovereign-stacks", "catalyst.openova.io/tenant": "acme", "sovereign-stacks/console-listener-sets": "true" },
        });
    });

    it("pins the image, probes over HTTP on 8080, and keeps volumeClaimTemplates labels stable", () => {
        const sts = doc(r, "tenant-acme", "StatefulSet", "stalwart-acme").body;
        const container = (getPath(sts, "spec.template.spec.containers") as Record<string, unknown>[])[0];
        assert.equal(container.image, "stalwartlabs/stalwart:v0.15.5");
        assert.deepEqual(container.command, ["/usr/local/bin/stalwart"]);
        assert.deepEqual(container.args, ["--config", "/opt/stalwart/etc/config.toml"]);
        assert.deepEqual(getPath(container, "livenessProbe.httpGet"), { path: "/healthz/live", port: "http", scheme: "HTTP" });
        assert.deepEqual(getPath(container, "readinessProbe.httpGet"), { path: "/healthz/ready", port: "http", scheme: "HTTP" });
        assert.deepEqual(
            (container.ports as { name: string; containerPort: number }[]).map((p) => `${p.name}:${p.containerPort}`),
            ["smtp:25", "submission:587", "submissions:465", "imap:143", "imaps:993", "http:8080"],
        );
        assert.deepEqual(container.resources, { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } });
        assert.deepEqual(getPath(sts, "spec.replicas"), 1);
        const claim = (getPath(sts, "spec.volumeClaimTemplates") as Record<string, unknown>[])[0];
        assert.deepEqual(getPath(claim, "metadata.labels"), { "app.kubernetes.io/component": "mail-server", "app.kubernetes.io/instance": "stalwart-acme", "app.kubernetes.io/name": "stalwart" });
        assert.deepEqual(getPath(claim, "spec.resources.requests.storage"), "20Gi");
        assert.deepEqual(getPath(container, "env"), [
            { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: "stalwart-acme-admin", key: "ADMIN_PASSWORD" } } },
            { name: "OIDC_CLIENT_SECRET", valueFrom: { secretKeyRef: { name: "stalwart-oidc", key: "OIDC_CLIENT_SECRET", optional: true } } },
        ]);
        assert.equal(getPath(sts, "spec.template.spec.automountServiceAccountToken"), false);
        assert.equal(doc(r, "tenant-acme", "ServiceAccount", "stalwart-acme").body.automountServiceAccountToken, false);
    });

    it("exposes SMTP and IMAP on LoadBalancers sharing one address, webmail on ClusterIP", () => {
        const ports = (name: string) => (getPath(doc(r, "tenant-acme", "Service", name).body, "spec.ports") as { port: number }[]).map((p) => p.port);
        assert.deepEqual(ports("stalwart-acme-smtp"), [25, 587, 465]);
        assert.deepEqual(ports("stalwart-acme-imap"), [143, 993]);
        assert.deepEqual(ports("stalwart-acme-web"), [8080]);
        const smtp = doc(r, "tenant-acme", "Service", "stalwart-acme-smtp").body;
        assert.equal(getPath(smtp, "spec.type"), "LoadBalancer");
        assert.equal(getPath(smtp, "spec.externalTrafficPolicy"), "Local");
        assert.deepEqual(getPath(smtp, "metadata.annotations"), {
            "external-dns.alpha.kubernetes.io/hostname": "mail.acme.omani.homes",
            "lbipam.cilium.io/sharing-key": "stalwart-acme",
        });
        assert.deepEqual(getPath(doc(r, "tenant-acme", "Service", "stalwart-acme-imap").body, "metadata.annotations"), { "lbipam.cilium.io/sharing-key": "stalwart-acme" });
        assert.equal(getPath(doc(r, "tenant-acme", "Service", "stalwart-acme-web").body, "spec.type"), "ClusterIP");
    });

    it("renders a config.toml that parses, compares only with ==, names the mail host and signs with both keys", () => {
        const toml = (getPath(doc(r, "tenant-acme", "ConfigMap", "stalwart-acme-config").body, "data") as Record<string, string>)["config.toml"];
        const config = parseToml(toml as string) as Record<string, unknown>;
        assert.equal(getPath(config, "server.hostname"), "mail.acme.omani.homes");
        assert.equal(getPath(config, "http.url"), "'https://webmail.acme.omani.homes'");
        assert.equal(getPath(config, "report.domain"), "acme.omani.homes");
        assert.equal(getPath(config, "auth.arc.seal"), "'rsa-acme.omani.homes'");
        assert.equal(getPath(config, "spam-filter.enable"), false);
        assert.equal(getPath(config, "spam-filter.resource"), "https://github.com/stalwartlabs/spam-filter/releases/download/v2.0.5/spam-filter.toml");
        assert.equal(getPath(config, "webadmin.resource"), "https://github.com/stalwartlabs/webadmin/releases/download/v0.1.33/webadmin.zip");
        assert.equal(getPath(config, "storage.directory"), "keycloak");
        assert.equal(getPath(config, "directory.keycloak.endpoint.url"), "https://auth.omantel.omani.works/realms/acme/protocol/openid-connect/token/introspect");
        assert.equal(getPath(config, "authentication.fallback-admin.secret"), "%{env:ADMIN_SECRET}%");
        const signatures = config.signature as Record<string, Record<string, unknown>>;
        assert.deepEqual(Object.keys(signatures), ["rsa-acme.omani.homes", "ed25519-acme.omani.homes"]);
        const signature = signatures["ed25519-acme.omani.homes"];
        assert.equal(signature.domain, "acme.omani.homes");
        assert.equal(signature.algorithm, "ed25519-sha256");
        assert.equal(signatures["rsa-acme.omani.homes"]!.algorithm, "rsa-sha256");
        assert.equal(signatures["rsa-acme.omani.homes"]!["private-key"], "%{file:/opt/stalwart/dkim/rsa.key}%");
        const expressions = expressionsIn(config as never);
        assert.ok(expressions.length >= 3, expressions.join(" | "));
        for (const e of expressions) {
            assert.doesNotMatch(e, LONE_EQUALS, e);
        }
        assert.ok(expressions.some((e) => e.includes(" == ") || e.includes("is_local_domain")), expressions.join(" | "));
    });

    it("lists the records the domain needs, with both real DKIM keys from the mock", () => {
        const data = getPath(doc(r, "tenant-acme", "ConfigMap", "acme-dns-records-required").body, "data") as Record<string, string>;
        const p = ed25519DkimPublicKey(fakeEd25519Key("acme-dkim").publicKeyPem);
        const rsa = rsaDkimPublicKey(fakeRsaKey("acme-dkim-rsa").publicKeyPem);
        assert.equal(p.length, 44);
        assert.equal(rsa.length, 392);
        const entries = yaml.load(data["records.yaml"]) as { kind: string; name: string; value: string; priority?: number; strings?: string[]; presentation?: string }[];
        assert.deepEqual(entries.map((x) => `${x.kind} ${x.name} ${x.priority ?? ""}${x.value}`), [
            "MX acme.omani.homes 10mail.acme.omani.homes",
            "TXT acme.omani.homes v=spf1 mx -all",
            "TXT mail.acme.omani.homes v=spf1 a -all",
            `TXT rsa._domainkey.acme.omani.homes v=DKIM1; k=rsa; p=${rsa}`,
            `TXT ed25519._domainkey.acme.omani.homes v=DKIM1; k=ed25519; p=${p}`,
            "TXT _dmarc.acme.omani.homes v=DMARC1; p=reject; rua=mailto:dmarc@acme.omani.homes",
            "TXT _smtp._tls.acme.omani.homes v=TLSRPTv1; rua=mailto:postmaster@acme.omani.homes",
            "SRV _submissions._tcp.acme.omani.homes 0 1 465 mail.acme.omani.homes",
            "SRV _imaps._tcp.acme.omani.homes 0 1 993 mail.acme.omani.homes",
            "CNAME webmail.acme.omani.homes console.omantel.omani.works",
        ]);
        const dkimRsa = entries[3]!;
        const text = `v=DKIM1; k=rsa; p=${rsa}`;
        assert.deepEqual(dkimRsa.strings, [text.slice(0, 255), text.slice(255)]);
        assert.equal(dkimRsa.presentation, `"${text.slice(0, 255)}" "${text.slice(255)}"`);
    });

    it("publishes free-subdomain records through external-dns, the RSA DKIM record as two strings, and only lists BYO ones", () => {
        const endpoints = getPath(doc(r, "tenant-acme", "DNSEndpoint", "stalwart-acme-dns").body, "spec.endpoints") as { dnsName: string; recordType: string; targets: string[] }[];
        assert.deepEqual(endpoints.map((e) => `${e.recordType} ${e.dnsName}`), [
            "MX acme.omani.homes",
            "TXT acme.omani.homes",
            "TXT mail.acme.omani.homes",
            "TXT rsa._domainkey.acme.omani.homes",
            "TXT ed25519._domainkey.acme.omani.homes",
            "TXT _dmarc.acme.omani.homes",
            "TXT _smtp._tls.acme.omani.homes",
            "SRV _submissions._tcp.acme.omani.homes",
            "SRV _imaps._tcp.acme.omani.homes",
            "CNAME webmail.acme.omani.homes",
        ]);
        const rsaTarget = endpoints[3]!.targets[0]!;
        assert.match(rsaTarget, /^"v=DKIM1; k=rsa; p=MII[A-Za-z0-9+/]{234}" "[A-Za-z0-9+/=]{155}"$/);
        assert.deepEqual(endpoints[9]!.targets, ["console.omantel.omani.works"]);
        assert.equal(inNamespace(r, "tenant-globex").filter((d) => d.kind === "DNSEndpoint").length, 0);
        assert.deepEqual(getPath(doc(r, "tenant-globex", "Service", "stalwart-globex-smtp").body, "metadata.annotations"), { "lbipam.cilium.io/sharing-key": "stalwart-globex" });
    });

    it("lists a BYO tenant's records in publishing order: ACME delegations first, web host last", () => {
        const data = getPath(doc(r, "tenant-globex", "ConfigMap", "globex-dns-records-required").body, "data") as Record<string, string>;
        const entries = yaml.load(data["records.yaml"]) as { kind: string; name: string; value: string }[];
        assert.deepEqual(entries.map((x) => `${x.kind} ${x.name}`), [
            "CNAME _acme-challenge.mail.globex.com",
            "CNAME _acme-challenge.webmail.globex.com",
            "MX globex.com",
            "TXT globex.com",
            "TXT mail.globex.com",
            "TXT rsa._domainkey.globex.com",
            "TXT ed25519._domainkey.globex.com",
            "TXT _dmarc.globex.com",
            "TXT _smtp._tls.globex.com",
            "SRV _submissions._tcp.globex.com",
            "SRV _imaps._tcp.globex.com",
            "CNAME webmail.globex.com",
        ]);
        assert.equal(entries[0]!.value, "mail.globex.com.acme-delegation.omantel.omani.works");
        assert.equal(entries[1]!.value, "webmail.globex.com.acme-delegation.omantel.omani.works");
        assert.deepEqual(getPath(doc(r, "tenant-globex", "Certificate", "stalwart-globex-tls").body, "spec"), {
            secretName: "stalwart-globex-tls",
            dnsNames: ["mail.globex.com", "webmail.globex.com"],
            issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: "letsencrypt-dns01-prod-powerdns" },
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        });
    });

    it("starts whatever the tenant's DNS says: the TLS volume is optional and a CronJob reloads certificates", () => {
        const sts = doc(r, "tenant-globex", "StatefulSet", "stalwart-globex").body;
        const volumes = getPath(sts, "spec.template.spec.volumes") as { name: string; secret?: { optional?: boolean; items: { key: string }[] } }[];
        assert.equal(volumes.find((v) => v.name === "tls")!.secret!.optional, true);
        assert.deepEqual(volumes.find((v) => v.name === "dkim")!.secret!.items.map((i) => i.key), ["rsa.key", "ed25519.key"]);
        const cron = doc(r, "tenant-globex", "CronJob", "globex-certs").body;
        assert.equal(getPath(cron, "spec.schedule"), "17 */6 * * *");
    });

    it("exports the same records per tenant as a stack output", async () => {
        const acme = await promiseOf<{ type: string; name: string; value: string; strings?: string[] }[]>(r.tenantDnsRecords.acme);
        assert.equal(acme.length, 10);
        assert.equal(acme.find((x) => x.name.startsWith("ed25519._domainkey"))?.value, `v=DKIM1; k=ed25519; p=${ed25519DkimPublicKey(fakeEd25519Key("acme-dkim").publicKeyPem)}`);
        const rsaRecord = acme.find((x) => x.name.startsWith("rsa._domainkey"))!;
        assert.equal(rsaRecord.value, `v=DKIM1; k=rsa; p=${rsaDkimPublicKey(fakeRsaKey("acme-dkim-rsa").publicKeyPem)}`);
        assert.deepEqual(rsaRecord.strings!.map((x) => x.length), [255, 155]);
        assert.deepEqual(Object.keys(r.tenantDnsRecords).sort(), ["acme", "globex", "initech"]);
        assert.deepEqual(await promiseOf(r.tenantDnsRecords.initech), []);
        assert.deepEqual(r.outputs.tenants.acme, {
            domain: "acme.omani.homes",
            mode: "free-subdomain",
            implementation: "native",
            namespace: "tenant-acme",
            mailHost: "mail.acme.omani.homes",
            webHost: "webmail.acme.omani.homes",
            listenerContainer: "ListenerSet tenant-acme/console-acme",
        });
        assert.equal(r.outputs.tenants.initech.listenerContainer, "Gateway kube-system/cilium-gateway-console");
    });

    it("pulls secrets from OpenBao at the ExternalSecrets API version the stack names", () => {
        const admin = doc(r, "tenant-acme", "ExternalSecret", "stalwart-acme-admin").body;
        assert.equal(admin.apiVersion, "external-secrets.io/v1");
        assert.deepEqual(getPath(admin, "spec.secretStoreRef"), { kind: "ClusterSecretStore", name: "vault-region1" });
        assert.deepEqual((getPath(admin, "spec.data") as unknown[])[0], {
            secretKey: "ADMIN_PASSWORD",
            remoteRef: { key: "sovereign/omantel.omani.works/stalwart/acme/admin", property: "ADMIN_PASSWORD" },
        });
        // globex generates its password instead: a Secret, never an ExternalSecret.
        assert.deepEqual(inNamespace(r, "tenant-globex").filter((d) => d.kind === "ExternalSecret").map((d) => d.name), ["stalwart-oidc"]);
        assert.deepEqual(doc(r, "tenant-globex", "Secret", "stalwart-globex-admin").body.stringData, { ADMIN_PASSWORD: "[secret]" });
    });

    it("never renders a secret value", async () => {
        const stream = toYamlStream(r.documents);
        const key = fakeEd25519Key("acme-dkim").privateKeyPem;
        const rsaKey = fakeRsaKey("acme-dkim-rsa").privateKeyPem;
        assert.ok(!stream.includes(key.split("\n")[1]), "the DKIM private key leaked");
        assert.ok(!stream.includes(rsaKey.split("\n")[1]), "the RSA DKIM private key leaked");
        assert.ok(!/BEGIN (RSA )?PRIVATE KEY/.test(stream), "a private key leaked");
        const outputs = JSON.stringify(await promiseOf(r.tenantDnsRecords.acme)) + JSON.stringify(r.outputs);
        assert.doesNotMatch(outputs, /PRIVATE KEY|\[secret\]/);
        assert.deepEqual(doc(r, "tenant-acme", "Secret", "stalwart-acme-dkim").body.stringData, { "rsa.key": "[secret]", "ed25519.key": "[secret]" });
        for (const d of r.documents.filter((x) => x.kind === "ConfigMap")) {
            assert.doesNotMatch(JSON.stringify(d.body), /PRIVATE KEY|\[secret\]/, d.name);
        }
    });

    it("parents the user-access route on the tenant's ListenerSet with no sectionName, on the web host", () => {
        const route = doc(r, "tenant-acme", "HTTPRoute", "stalwart-acme-user-access").body;
        assert.deepEqual(getPath(route, "spec.parentRefs"), [{ group: "gateway.networking.k8s.io", kind: "ListenerSet", name: "console-acme", namespace: "tenant-acme" }]);
        assert.deepEqual(getPath(route, "spec.hostnames"), ["webmail.acme.omani.homes"]);
        const rules = getPath(route, "spec.rules") as { matches: { path: { value: string } }[]; backendRefs?: unknown[] }[];
        assert.deepEqual(rules.map((x) => [x.matches.map((m) => m.path.value).join(" "), x.backendRefs?.length ?? 0]), [
            ["/jmap /dav /.well-known /auth /api/account /api/oauth /", 1],
            ["/api /metrics", 0],
        ]);
        assert.deepEqual(getPath(doc(r, "tenant-globex", "HTTPRoute", "stalwart-globex-user-access").body, "spec.hostnames"), ["webmail.globex.com"]);
    });

    it("chart mode installs bp-stalwart-tenant with the tenant mapped onto its keys", () => {
        const chart = doc(r, "tenant-initech", "HelmChart", "stalwart-initech").body;
        assert.equal(getPath(chart, "spec.chart"), "oci://ghcr.io/openova-io/bp-stalwart-tenant");
        assert.deepEqual(getPath(chart, "spec.values.ingress.webmail"), { mode: "gateway", host: "mail.initech.omani.works", parentRef: { name: "cilium-gateway-console", namespace: "kube-system" } });
        // The chart renders the rest in the provider; the program adds only the console TLS grant.
        assert.deepEqual(inNamespace(r, "tenant-initech").map((d) => `${d.kind}/${d.name}`), ["HelmChart/stalwart-initech", "ReferenceGrant/stalwart-initech-console-tls"]);
    });
});

describe("one free-subdomain, one BYO and one chart tenant on 1, 2 and 3 zones", () => {
    const SHAPES = [
        { fqdn: "omani.works", zones: ["omani.works"], free: "acme.omani.works" },
        { fqdn: "omantel.omani.works", zones: ["omani.works", "omani.homes"], free: "acme.omani.homes" },
        { fqdn: "omani.works", zones: ["omani.works", "omani.homes", "omani.biz"], free: "acme.omani.homes" },
    ];
    for (const shape of SHAPES) {
        it(`${shape.zones.length} zone(s): every route attaches, web hosts are never MX hosts, records point the web host at the console Gateway`, async () => {
            const r = (await capturingWarnings(() => renderValues(`z${shape.zones.length}`, { fqdn: shape.fqdn, zones: zonesOf(...shape.zones), tenants: TENANTS }))).result;
            assert.deepEqual(attachmentFailures(checkSovereignAttachment(r.plan)), []);
            for (const t of r.plan.tenants) assert.notEqual(t.webHost === t.mailHost, t.tenant.implementation === "native", t.tenant.slug);
            const routes = r.documents.filter((d) => d.kind === "HTTPRoute" && ["tenant-acme", "tenant-globex"].includes(d.namespace ?? ""));
            assert.deepEqual(routes.map((d) => (getPath(d.body, "spec.hostnames") as string[]).join()), [`webmail.${shape.free}`, "webmail.globex.com"]);
            const acme = await promiseOf<{ type: string; name: string; value: string }[]>(r.tenantDnsRecords.acme);
            assert.deepEqual(acme.filter((x) => x.type === "CNAME").map((x) => `${x.name} ${x.value}`), [`webmail.${shape.free} console.${shape.fqdn}`]);
            const globex = await promiseOf<{ type: string; name: string; value: string }[]>(r.tenantDnsRecords.globex);
            assert.deepEqual(globex.filter((x) => x.type === "CNAME").map((x) => x.name), ["_acme-challenge.mail.globex.com", "_acme-challenge.webmail.globex.com", "webmail.globex.com"]);
            assert.ok(r.documents.some((d) => d.kind === "HelmChart" && d.namespace === "tenant-initech"));
            assert.doesNotMatch(toYamlStream(r.documents), /PRIVATE KEY/);
        });
    }
});

describe("adding a tenant", () => {
    it("leaves every other tenant's objects byte-identical (and the Gateways untouched)", async () => {
        const before = (await capturingWarnings(() => renderValues("grow", { ...BASE, tenants: [TENANTS[0], TENANTS[1]] }))).result;
        const after = (await capturingWarnings(() => renderValues("grow", { ...BASE, tenants: [TENANTS[0], { slug: "beta", keycloak: realm("beta") }, TENANTS[1]] }))).result;
        const outside = (r: RenderResult) => toYamlStream(r.documents.filter((d) => d.namespace !== "tenant-beta" && d.name !== "tenant-beta"));
        assert.equal(outside(after), outside(before));
        assert.ok(after.documents.some((d) => d.namespace === "tenant-beta" && d.kind === "StatefulSet"));
    });

    it("on the console Gateway, changes only that Gateway's listener list besides the new tenant", async () => {
        const chart = (slug: string) => ({ slug, implementation: "chart", keycloak: realm(slug) });
        const before = (await capturingWarnings(() => renderValues("grow", { ...BASE, tenants: [chart("aaa"), chart("ccc")] }))).result;
        const after = (await capturingWarnings(() => renderValues("grow", { ...BASE, tenants: [chart("aaa"), chart("bbb"), chart("ccc")] }))).result;
        const rest = (r: RenderResult) => toYamlStream(r.documents.filter((d) => d.namespace !== "tenant-bbb" && d.name !== "tenant-bbb" && d.name !== "cilium-gateway-console"));
        assert.equal(rest(after), rest(before));
        const listeners = (r: RenderResult) => (getPath(r.documents.find((d) => d.name === "cilium-gateway-console")!.body, "spec.listeners") as { name: string }[]).map((l) => l.name);
        assert.deepEqual(listeners(after).filter((n) => !listeners(before).includes(n)), ["console-https-bbb", "console-http-bbb"]);
    });
});

describe("a Sovereign without Gateway API", () => {
    it("serves the user paths of the web host through a Traefik Ingress with the tenant's certificate, and creates no Gateway", async () => {
        const r = (await capturingWarnings(() => renderValues("nogw", { fqdn: "omani.works", gateways: { management: "none" }, tenants: [TENANTS[0]] }))).result;
        assert.deepEqual(r.documents.filter((d) => ["Gateway", "ListenerSet", "HTTPRoute"].includes(d.kind)), []);
        const ingress = doc(r, "tenant-acme", "Ingress", "stalwart-acme-user-access").body;
        const backend = { service: { name: "stalwart-acme-web", port: { number: 8080 } } };
        assert.deepEqual(ingress.spec, {
            ingressClassName: "traefik",
            tls: [{ hosts: ["webmail.acme.omani.works"], secretName: "stalwart-acme-tls" }],
            rules: [
                {
                    host: "webmail.acme.omani.works",
                    http: { paths: ["/jmap", "/dav", "/.well-known", "/auth", "/api/account", "/api/oauth"].map((path) => ({ path, pathType: "Prefix", backend })) },
                },
            ],
        });
        assert.deepEqual(getPath(doc(r, "tenant-acme", "Certificate", "stalwart-acme-tls").body, "spec.dnsNames"), ["*.acme.omani.works", "acme.omani.works"]);
    });
});
