// Behaviour of the listener rule that the first specs left open (found by `npm run test:mutation`):
// which tenants land on the console Gateway and in what order, when the console Gateway admits
// ListenerSets, the SectionName pattern's edges, and the Gateway manifest itself.
import { strict as assert } from "node:assert";
import {
    LISTENER_SETS_LABEL,
    consoleGatewayListeners,
    gatewayManifest,
    gatewaysForSovereign,
    listenerIndexOf,
    listenerProblems,
    sharedGatewayListeners,
} from "../../src/topology/listeners";
import type { Listener } from "../../src/model/gateway-api";
import type { GatewaySettings, TenancySettings } from "../../src/model/sovereign-spec";
import type { TenantSpec } from "../../src/model/tenant-spec";
import { acmeTenant } from "../stalwart/fixtures";

const PORTS = { httpsPort: 443, httpPort: 80 };

const gateways = (overrides: Partial<GatewaySettings> = {}): GatewaySettings => ({
    management: "managed",
    namespace: "kube-system",
    className: "cilium",
    sharedName: "cilium-gateway",
    consoleName: "cilium-gateway-console",
    httpsPort: 443,
    httpPort: 80,
    consoleHostPrefixes: ["console"],
    infrastructureAnnotations: {},
    ...overrides,
});

const tenancy = (listeners: TenancySettings["listeners"]): TenancySettings => ({
    externalSecretsApiVersion: "external-secrets.io/v1",
    secretStore: "openbao",
    listeners,
    certificateIssuer: "letsencrypt-dns01",
    byoCertificateIssuer: "letsencrypt-http01",
    trustedCidrs: [],
    imageRegistry: "",
    acmeDelegationDomain: "acme-delegation.omantel.omani.works",
    webCnameTarget: "console.omantel.omani.works",
    egress: { addresses: [] },
    webadminResource: "https://example.com/webadmin.zip",
    spamFilterResource: "https://example.com/spam-filter.toml",
});

const tenant = (slug: string, implementation: TenantSpec["implementation"]): TenantSpec =>
    acmeTenant({ slug, implementation, domain: { primary: `${slug}.omani.works`, mode: "free-subdomain", zone: "omani.works" } });

const consoleOf = (spec: Parameters<typeof gatewaysForSovereign>[0]) => {
    const console = gatewaysForSovereign(spec).find((g) => g.role === "console");
    assert.ok(console);
    return console;
};

describe("console Gateway: tenant listeners and ListenerSets", () => {
    const base = { fqdn: "omani.works", zones: [{ name: "omani.works", role: "primary" as const }] };

    it("puts chart-mode tenants on the console Gateway in slug order, and native tenants in ListenerSets", () => {
        const plan = consoleOf({
            ...base,
            gateways: gateways(),
            tenancy: tenancy("listenerSets"),
            tenants: [tenant("zeta", "chart"), tenant("beta", "native"), tenant("alpha", "chart")],
        });
        assert.deepEqual(
            plan.listeners.map((l) => `${l.name} ${l.hostname}`),
            [
                "console-https console.omani.works",
                "console-http console.omani.works",
                "console-https-alpha *.alpha.omani.works",
                "console-http-alpha *.alpha.omani.works",
                "console-https-zeta *.zeta.omani.works",
                "console-http-zeta *.zeta.omani.works",
            ],
        );
        assert.deepEqual(plan.allowedListeners, {
            namespaces: { from: "Selector", selector: { matchLabels: { "sovereign-stacks/console-listener-sets": "true" } } },
        });
        assert.equal(LISTENER_SETS_LABEL, "sovereign-stacks/console-listener-sets");
    });

    it("puts every tenant on the console Gateway when tenancy.listeners is gateway, and admits no ListenerSets", () => {
        const plan = consoleOf({ ...base, gateways: gateways(), tenancy: tenancy("gateway"), tenants: [tenant("beta", "native"), tenant("alpha", "native")] });
        assert.deepEqual(
            plan.listeners.map((l) => l.name),
            ["console-https", "console-http", "console-https-alpha", "console-http-alpha", "console-https-beta", "console-http-beta"],
        );
        assert.equal(plan.allowedListeners, undefined);
        assert.equal("allowedListeners" in plan, false);
    });

    it("admits no ListenerSets and carries no tenant listeners when the Sovereign has no Gateway API", () => {
        const plan = consoleOf({ ...base, gateways: gateways({ management: "none" }), tenancy: tenancy("listenerSets"), tenants: [tenant("alpha", "chart")] });
        assert.deepEqual(
            plan.listeners.map((l) => l.name),
            ["console-https", "console-http"],
        );
        assert.equal("allowedListeners" in plan, false);
    });

    it("admits ListenerSets on an externally managed console Gateway, with no tenants listed", () => {
        const plan = consoleOf({ ...base, gateways: gateways({ management: "external" }), tenancy: tenancy("listenerSets") });
        assert.deepEqual(
            plan.listeners.map((l) => l.name),
            ["console-https", "console-http"],
        );
        assert.deepEqual(plan.allowedListeners, {
            namespaces: { from: "Selector", selector: { matchLabels: { "sovereign-stacks/console-listener-sets": "true" } } },
        });
    });

    it("no tenants listed: the console Gateway carries only its host listeners, whatever the placement", () => {
        for (const placement of ["gateway", "listenerSets"] as const) {
            const plan = consoleOf({ ...base, gateways: gateways(), tenancy: tenancy(placement) });
            assert.deepEqual(
                plan.listeners.map((l) => l.name),
                ["console-https", "console-http"],
            );
        }
    });

    it("ignores tenants when there is no tenancy section", () => {
        const plan = consoleOf({ ...base, gateways: gateways(), tenants: [tenant("alpha", "chart")] });
        assert.deepEqual(
            plan.listeners.map((l) => l.name),
            ["console-https", "console-http"],
        );
        assert.equal("allowedListeners" in plan, false);
    });
});

describe("listener details", () => {
    it("HTTPS listeners reference the wildcard Secret by kind, name and namespace", () => {
        const [https, http] = sharedGatewayListeners("omani.works", [], "kube-system", PORTS);
        assert.deepEqual(https, {
            name: "https",
            hostname: "*.omani.works",
            port: 443,
            protocol: "HTTPS",
            tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "sovereign-wildcard-tls-omani-works", namespace: "kube-system" }] },
            allowedRoutes: { namespaces: { from: "All" } },
        });
        assert.deepEqual(http, { name: "http", hostname: "*.omani.works", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } });
    });

    it("a primary zone other than the FQDN uses the per-Sovereign Secret", () => {
        const ls = sharedGatewayListeners("t1.omani.works", [{ name: "omani.works", role: "primary" }, { name: "omani.homes", role: "org-pool" }], "gw", PORTS);
        assert.deepEqual(
            ls.filter((l) => l.protocol === "HTTPS").map((l) => `${l.hostname} ${l.tls?.certificateRefs?.[0].name}`),
            [
                "*.omani.works sovereign-wildcard-tls-t1-omani-works",
                "*.omani.homes sovereign-wildcard-tls-omani-homes",
                "*.t1.omani.works sovereign-wildcard-tls-t1-omani-works",
            ],
        );
    });
});

describe("listener validity: edges", () => {
    const plan = (listeners: Listener[]) => ({ namespace: "kube-system", name: "cilium-gateway", listeners });
    const named = (...names: string[]): Listener[] =>
        names.map((name, i) => ({ name, hostname: `h${i}.example`, port: 80, protocol: "HTTP" as const }));

    it("a Gateway with no listeners", () => {
        assert.deepEqual(listenerProblems(plan([])), ["Gateway kube-system/cilium-gateway has no listeners; a Gateway needs at least one"]);
    });

    it("exactly 64 listeners are allowed", () => {
        const ls = named(...Array.from({ length: 64 }, (_, i) => `l${i}`));
        assert.deepEqual(listenerProblems(plan(ls)), []);
    });

    it("accepts SectionNames at the pattern's edges: one character, dotted segments, 253 characters", () => {
        assert.deepEqual(listenerProblems(plan(named("a", "a.b", "a.bc", "a.b-cd", "x".repeat(253)))), []);
    });

    it("rejects a name ending in a dash, a segment starting with one, and 254 characters", () => {
        const problems = listenerProblems(plan(named("https-", "a.-b", "y".repeat(254))));
        assert.deepEqual(
            problems.map((p) => p.replace(/y{254}/, "y*254")),
            [
                'Gateway kube-system/cilium-gateway: listener name "https-" is not a valid SectionName (lowercase RFC 1123 subdomain, at most 253 characters)',
                'Gateway kube-system/cilium-gateway: listener name "a.-b" is not a valid SectionName (lowercase RFC 1123 subdomain, at most 253 characters)',
                'Gateway kube-system/cilium-gateway: listener name "y*254" is not a valid SectionName (lowercase RFC 1123 subdomain, at most 253 characters)',
            ],
        );
    });

    it("two listeners without a hostname on the same port and protocol collide", () => {
        const ls: Listener[] = [
            { name: "a", port: 80, protocol: "HTTP" },
            { name: "b", port: 80, protocol: "HTTP" },
        ];
        assert.deepEqual(listenerProblems(plan(ls)), ["Gateway kube-system/cilium-gateway: two listeners share port 80, protocol HTTP and hostname (none)"]);
    });
});

describe("Gateway manifest and listener index", () => {
    it("renders a console Gateway with its allowedListeners and no infrastructure", () => {
        const plan = consoleOf({ fqdn: "omani.works", zones: [], gateways: gateways(), tenancy: tenancy("listenerSets"), tenants: [] });
        assert.deepEqual(gatewayManifest(plan, { team: "edge" }), {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "Gateway",
            metadata: { name: "cilium-gateway-console", namespace: "kube-system", labels: { team: "edge" } },
            spec: {
                gatewayClassName: "cilium",
                listeners: consoleGatewayListeners("omani.works", ["console"], "kube-system", PORTS),
                allowedListeners: {
                    namespaces: { from: "Selector", selector: { matchLabels: { "sovereign-stacks/console-listener-sets": "true" } } },
                },
            },
        });
    });

    it("renders the shared Gateway's infrastructure annotations, and none when the map is empty", () => {
        const [shared] = gatewaysForSovereign({ fqdn: "omani.works", zones: [], gateways: gateways({ infrastructureAnnotations: { "lb/ip": "10.0.0.1" } }) });
        const manifest = gatewayManifest(shared, {});
        assert.deepEqual(manifest.spec, {
            gatewayClassName: "cilium",
            listeners: sharedGatewayListeners("omani.works", [], "kube-system", PORTS),
            infrastructure: { annotations: { "lb/ip": "10.0.0.1" } },
        });
        assert.equal("infrastructure" in gatewayManifest({ ...shared, infrastructureAnnotations: {} }, {}).spec, false);
        assert.equal("allowedListeners" in manifest.spec, false);
    });

    it("indexes listener names by namespace/name", () => {
        const plans = gatewaysForSovereign({ fqdn: "omani.works", zones: [], gateways: gateways({ namespace: "edge" }) });
        assert.deepEqual(
            [...listenerIndexOf(plans).entries()],
            [
                ["edge/cilium-gateway", ["https", "http"]],
                ["edge/cilium-gateway-console", ["console-https", "console-http"]],
            ],
        );
    });
});
