import { strict as assert } from "node:assert";
import type { NamespaceInfo } from "../../src/model/gateway-api";
import { AttachmentInput, AttachmentReport, CheckMode, ParentRefStatus, checkAttachment } from "../../src/proof/attachment-checker";
import type { AllowedRoutes, Gateway, HTTPRoute, LabelSelector, Listener, ListenerSet, ParentReference } from "../../src/model/gateway-api";

// ---- fixtures -------------------------------------------------------------------------------------------

const V1 = "gateway.networking.k8s.io/v1" as const;
const ALL: AllowedRoutes = { namespaces: { from: "All" } };

function https(name: string, hostname: string | undefined, allowedRoutes?: AllowedRoutes): Listener {
    return { name, ...(hostname ? { hostname } : {}), port: 443, protocol: "HTTPS", tls: { mode: "Terminate" }, ...(allowedRoutes ? { allowedRoutes } : {}) };
}
function http(name: string, hostname: string | undefined, allowedRoutes?: AllowedRoutes): Listener {
    return { name, ...(hostname ? { hostname } : {}), port: 80, protocol: "HTTP", ...(allowedRoutes ? { allowedRoutes } : {}) };
}
function gateway(name: string, namespace: string, listeners: Listener[], extra: Partial<Gateway["spec"]> = {}): Gateway {
    return { apiVersion: V1, kind: "Gateway", metadata: { name, namespace }, spec: { gatewayClassName: "cilium", listeners, ...extra } };
}
function route(name: string, namespace: string | undefined, hostnames: string[] | undefined, parentRefs: ParentReference[]): HTTPRoute {
    return {
        apiVersion: V1,
        kind: "HTTPRoute",
        metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
        spec: { parentRefs, ...(hostnames === undefined ? {} : { hostnames }) },
    };
}
function listenerSet(name: string, namespace: string, parent: { name: string; namespace?: string }, listeners: Listener[]): ListenerSet {
    return { apiVersion: V1, kind: "ListenerSet", metadata: { name, namespace }, spec: { parentRef: parent, listeners } };
}

/** The OpenOva shared Gateway with two zones plus the per-Sovereign pair (docs/attachment.md). */
const zonePair = (zone: string) => {
    const suffix = zone.replace(/\./g, "-");
    return [https(`https-${suffix}`, `*.${zone}`, ALL), http(`http-${suffix}`, `*.${zone}`, ALL)];
};
const OPENOVA = gateway("cilium-gateway", "kube-system", [...zonePair("omani.works"), ...zonePair("omani.homes"), ...zonePair("omantel.omani.works")]);
const SHARED: ParentReference = { name: "cilium-gateway", namespace: "kube-system" };

const only = (report: AttachmentReport): ParentRefStatus => {
    assert.equal(report.parents.length, 1);
    return report.parents[0];
};
const outcome = (p: ParentRefStatus) => ({ accepted: p.accepted, reason: p.reason, message: p.message, attachedListeners: p.attachedListeners });
const both = (input: Omit<AttachmentInput, "mode">) => ({
    spec: only(checkAttachment({ ...input, mode: "spec" })),
    cilium: only(checkAttachment({ ...input, mode: "cilium" })),
});
const ACCEPTED = "Accepted HTTPRoute";

// ---- every reason, both modes agree ---------------------------------------------------------------------

interface ReasonCase {
    name: string;
    input: Omit<AttachmentInput, "mode">;
    expected: ReturnType<typeof outcome>;
}

const SIMPLE = gateway("gw", "infra", [https("https", "*.example.com", ALL), http("http", "*.example.com", ALL)]);
const REASONS: ReasonCase[] = [
    {
        name: "Accepted: no sectionName attaches to every matching listener",
        input: { gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra" }])] },
        expected: { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["https", "http"] },
    },
    {
        name: "Accepted: sectionName selects exactly one listener",
        input: { gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", sectionName: "https" }])] },
        expected: { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["https"] },
    },
    {
        name: "Accepted: port selects the listeners on that port",
        input: { gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", port: 80 }])] },
        expected: { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["http"] },
    },
    {
        name: "NoMatchingParent: sectionName names no listener",
        input: { gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", sectionName: "https-eu" }])] },
        expected: { accepted: false, reason: "NoMatchingParent", message: "No matching listener with sectionName https-eu", attachedListeners: [] },
    },
    {
        name: "NoMatchingParent: port matches no listener",
        input: { gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", port: 8443 }])] },
        expected: { accepted: false, reason: "NoMatchingParent", message: "No matching listener with port 8443", attachedListeners: [] },
    },
    {
        name: "NotAllowedByListeners: explicit kinds without HTTPRoute",
        input: {
            gateways: [gateway("gw", "infra", [https("https", "*.example.com", { ...ALL, kinds: [{ kind: "GRPCRoute" }] })])],
            routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra" }])],
        },
        expected: { accepted: false, reason: "NotAllowedByListeners", message: "HTTPRoute is not allowed to attach to this Gateway due to route kind restrictions", attachedListeners: [] },
    },
    {
        name: "NotAllowedByListeners: allowedRoutes defaults to Same",
        input: {
            gateways: [gateway("gw", "infra", [https("https", "*.example.com")])],
            routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra" }])],
        },
        expected: { accepted: false, reason: "NotAllowedByListeners", message: "HTTPRoute is not allowed to attach to this Gateway due to namespace restrictions", attachedListeners: [] },
    },
    {
        name: "NoMatchingListenerHostname: hostname outside every listener",
        input: { gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.org"], [{ name: "gw", namespace: "infra" }])] },
        expected: { accepted: false, reason: "NoMatchingListenerHostname", message: "No matching listener hostname", attachedListeners: [] },
    },
];

describe("attachment: every reason", () => {
    for (const c of REASONS) {
        it(c.name, () => {
            const { spec, cilium } = both(c.input);
            assert.deepEqual(outcome(spec), c.expected);
            assert.deepEqual(outcome(cilium), c.expected);
            assert.equal(spec.ciliumDifference, undefined);
            assert.equal(cilium.ciliumDifference, undefined);
        });
    }

    it("InvalidHTTPRoute (Cilium's non-standard reason) when the parent Gateway is missing", () => {
        const p = only(checkAttachment({ gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "nope", namespace: "infra" }])] }));
        assert.deepEqual(outcome(p), {
            accepted: false,
            reason: "InvalidHTTPRoute",
            message:
                'Gateway infra/nope not found. InvalidHTTPRoute is Cilium\'s non-standard reason ("Invalid" + route kind); Gateway API does not specify a reason for a missing parent.',
            attachedListeners: [],
        });
        assert.equal(p.status, "False");
        assert.equal(p.gateway, "infra/nope");
    });

    it("Pending (Accepted=Unknown) for a parentRef that is not a Gateway or ListenerSet", () => {
        const p = only(checkAttachment({ gateways: [SIMPLE], routes: [route("r", "apps", [], [{ group: "", kind: "Service", name: "web" }])] }));
        assert.deepEqual([p.status, p.accepted, p.reason, p.message], [
            "Unknown",
            false,
            "Pending",
            'parentRef Service apps/web (group "") is not a Gateway or ListenerSet; this checker does not evaluate it',
        ]);
    });

    it('never uses the non-existent reason "NoMatchingListener"', () => {
        const reasons = REASONS.flatMap((c) => [checkAttachment({ ...c.input, mode: "spec" }), checkAttachment({ ...c.input, mode: "cilium" })]).flatMap((r) =>
            r.parents.map((p) => p.reason as string),
        );
        assert.equal(reasons.includes("NoMatchingListener"), false);
    });
});

describe("attachment: CRD defaults and report shape", () => {
    it("defaults group, kind and namespace of a parentRef, and the route namespace to default", () => {
        const report = checkAttachment({ gateways: [gateway("gw", "default", [https("https", undefined)])], routes: [route("r", undefined, undefined, [{ name: "gw" }])] });
        const p = only(report);
        assert.deepEqual(p.parentRef, { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "default", name: "gw" });
        assert.deepEqual(p.route, { namespace: "default", name: "r" });
        assert.deepEqual(outcome(p), { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["https"] });
    });

    it("is Cilium mode by default", () => {
        assert.equal(checkAttachment({ gateways: [], routes: [] }).mode, "cilium");
    });

    it("reports each parentRef separately, with its index and relevant listeners", () => {
        const report = checkAttachment({
            gateways: [SIMPLE],
            routes: [route("r", "apps", ["a.example.com"], [
                { name: "gw", namespace: "infra", sectionName: "https" },
                { name: "gw", namespace: "infra", sectionName: "missing" },
            ])],
        });
        assert.deepEqual(
            report.parents.map((p) => [p.parentRefIndex, p.reason, p.relevantListeners, p.attachedListeners]),
            [
                [0, "Accepted", ["https"], ["https"]],
                [1, "NoMatchingParent", [], []],
            ],
        );
    });

    it("warns that parentRefs[].port is unsupported on Cilium", () => {
        const p = only(checkAttachment({ gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", port: 443 }])] }));
        assert.deepEqual(p.warnings, [
            "parentRefs[].port is unsupported on Cilium (HTTPRouteParentRefPort is listed unsupported in Cilium v1.20.0's conformance report); use sectionName or hostnames instead",
        ]);
    });

    it("warns about IP addresses in route hostnames, which the CRD pattern lets through", () => {
        const report = checkAttachment({ gateways: [gateway("gw", "infra", [http("http", undefined, ALL)])], routes: [route("r", "apps", ["10.0.0.1"], [{ name: "gw", namespace: "infra" }])] });
        assert.deepEqual(report.routes[0].warnings, [
            'spec.hostnames: "10.0.0.1" is an IP address; Gateway API hostnames are never IP addresses (the CRD pattern accepts them by mistake)',
            "hostname 10.0.0.1 is served only over plain HTTP (listener http): no HTTPS listener the route attaches to serves it",
        ]);
    });
});

// ---- allowedRoutes ----------------------------------------------------------------------------------------

describe("attachment: allowedRoutes namespaces", () => {
    const NAMESPACES: NamespaceInfo[] = [
        { name: "team-a", labels: { team: "a", tier: "web" } },
        { name: "team-b", labels: { team: "b" } },
    ];
    const selector = (sel: LabelSelector | undefined): AllowedRoutes => ({ namespaces: { from: "Selector", ...(sel ? { selector: sel } : {}) } });
    const expr = (key: string, operator: "In" | "NotIn" | "Exists" | "DoesNotExist", values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
    const withPolicy = (allowedRoutes: AllowedRoutes | undefined) => gateway("gw", "infra", [https("https", "*.example.com", allowedRoutes)]);
    const cases: [string, AllowedRoutes | undefined, string, boolean][] = [
        ["default (Same), route in the Gateway's namespace", undefined, "infra", true],
        ["default (Same), route elsewhere", undefined, "team-a", false],
        ["Same, route elsewhere", { namespaces: { from: "Same" } }, "team-a", false],
        ["All", ALL, "team-b", true],
        ["Selector matchLabels, match", selector({ matchLabels: { team: "a" } }), "team-a", true],
        ["Selector matchLabels, no match", selector({ matchLabels: { team: "a" } }), "team-b", false],
        ["Selector matchLabels AND matchExpressions, both hold", selector({ matchLabels: { team: "a" }, matchExpressions: [expr("tier", "In", ["web"])] }), "team-a", true],
        ["Selector matchLabels AND matchExpressions, one fails", selector({ matchLabels: { team: "a" }, matchExpressions: [expr("tier", "In", ["db"])] }), "team-a", false],
        ["Selector NotIn, label absent", selector({ matchExpressions: [expr("tier", "NotIn", ["web"])] }), "team-b", true],
        ["Selector NotIn, label excluded", selector({ matchExpressions: [expr("tier", "NotIn", ["web"])] }), "team-a", false],
        ["Selector Exists", selector({ matchExpressions: [expr("tier", "Exists")] }), "team-a", true],
        ["Selector Exists, absent", selector({ matchExpressions: [expr("tier", "Exists")] }), "team-b", false],
        ["Selector DoesNotExist", selector({ matchExpressions: [expr("tier", "DoesNotExist")] }), "team-b", true],
        ["Selector on metadata.name of a namespace not in the input", selector({ matchLabels: { "kubernetes.io/metadata.name": "unlisted" } }), "unlisted", true],
        ["Selector on a label an unlisted namespace cannot have", selector({ matchLabels: { team: "a" } }), "unlisted", false],
        ["Selector empty selects every namespace", selector({}), "team-b", true],
        ["Selector without selector selects nothing", selector(undefined), "team-a", false],
    ];
    for (const [name, allowedRoutes, namespace, allowed] of cases) {
        it(`${name}: ${allowed ? "Accepted" : "NotAllowedByListeners"}`, () => {
            const routes = [route("r", namespace, ["a.example.com"], [{ name: "gw", namespace: "infra" }])];
            const input = { gateways: [withPolicy(allowedRoutes)], namespaces: NAMESPACES, routes };
            for (const p of Object.values(both(input))) {
                assert.equal(p.reason, allowed ? "Accepted" : "NotAllowedByListeners");
                assert.deepEqual(p.attachedListeners, allowed ? ["https"] : []);
            }
        });
    }
});

describe("attachment: allowedRoutes kinds", () => {
    const cases: [string, Listener, boolean][] = [
        ["HTTPS without kinds (protocol default)", https("l", undefined, ALL), true],
        ["explicit HTTPRoute", https("l", undefined, { ...ALL, kinds: [{ kind: "HTTPRoute" }] }), true],
        ["explicit HTTPRoute with the Gateway API group", https("l", undefined, { ...ALL, kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }] }), true],
        ["HTTPRoute of another group", https("l", undefined, { ...ALL, kinds: [{ group: "example.io", kind: "HTTPRoute" }] }), false],
        ["TLS listener (default TLSRoute)", { name: "l", port: 443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: ALL }, false],
    ];
    for (const [name, listener, allowed] of cases) {
        it(`${name}: ${allowed ? "Accepted" : "NotAllowedByListeners"} in spec mode`, () => {
            const p = only(checkAttachment({ mode: "spec", gateways: [gateway("gw", "infra", [listener])], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra" }])] }));
            assert.deepEqual([p.reason, p.attachedListeners], allowed ? ["Accepted", ["l"]] : ["NotAllowedByListeners", []]);
        });
    }
});

// ---- Cilium differences ---------------------------------------------------------------------------------

describe("attachment: where Cilium differs from the spec", () => {
    it("difference 1: listener *.example.com with route *.com intersects in the spec only", () => {
        const { spec, cilium } = both({ gateways: [gateway("gw", "infra", [https("https", "*.example.com", ALL)])], routes: [route("r", "apps", ["*.com"], [{ name: "gw", namespace: "infra" }])] });
        assert.deepEqual(outcome(spec), { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["https"] });
        assert.deepEqual(outcome(cilium), { accepted: false, reason: "NoMatchingListenerHostname", message: "No matching listener hostname", attachedListeners: [] });
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 1 \(wildcard vs wildcard\): the spec intersects listener hostname \*\.example\.com with the broader route wildcard \*\.com/);
        assert.equal(spec.ciliumDifference, cilium.ciliumDifference);
    });

    it("difference 1 also shrinks the attachment set when another listener still matches", () => {
        const gw = gateway("gw", "infra", [https("wild", "*.example.com", ALL), https("any", undefined, ALL)]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["*.com"], [{ name: "gw", namespace: "infra" }])] });
        assert.deepEqual([spec.attachedListeners, cilium.attachedListeners], [["wild", "any"], ["any"]]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 1/);
    });

    it("difference 2: the hostname check ignores sectionName, so a pinned route whose host is on another listener stays Accepted with nothing attached", () => {
        const gw = gateway("gw", "infra", [https("https-a", "*.a.example", ALL), https("https-b", "*.b.example", ALL)]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["x.b.example"], [{ name: "gw", namespace: "infra", sectionName: "https-a" }])] });
        assert.deepEqual(outcome(spec), { accepted: false, reason: "NoMatchingListenerHostname", message: "No matching listener hostname", attachedListeners: [] });
        assert.deepEqual(outcome(cilium), { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: [] });
        assert.deepEqual(cilium.warnings, ["Accepted=True but attached to no listener: the route serves nothing through this parentRef"]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 2 \(hostname check ignores sectionName and port\)/);
        assert.match(cilium.ciliumDifference ?? "", /spec: NoMatchingListenerHostname \("No matching listener hostname"\)\.$/);
    });

    it("difference 2 with sectionName and port that exist but not on the same listener", () => {
        const { spec, cilium } = both({ gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", sectionName: "https", port: 80 }])] });
        assert.deepEqual([spec.reason, spec.message], ["NoMatchingParent", "No matching listener with sectionName https and port 80"]);
        assert.deepEqual([cilium.reason, cilium.attachedListeners], ["Accepted", []]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 2/);
    });

    it("difference 3: route kinds are checked on every listener with explicit kinds, ignoring sectionName", () => {
        const gw = gateway("gw", "infra", [
            https("https", "*.example.com", ALL),
            { name: "tls-passthrough", port: 8443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: { ...ALL, kinds: [{ kind: "TLSRoute" }] } },
        ]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", sectionName: "https" }])] });
        assert.deepEqual(outcome(spec), { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["https"] });
        assert.deepEqual(outcome(cilium), {
            accepted: false,
            reason: "NotAllowedByListeners",
            message: "HTTPRoute is not allowed to attach to this Gateway due to route kind restrictions",
            attachedListeners: [],
        });
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 3 \(route kinds across all listeners\): .* listener tls-passthrough lists allowedRoutes\.kinds without HTTPRoute/);
    });

    it("difference 3: the protocol check spans all listeners, so a route pinned to a TCP listener is Accepted with nothing attached", () => {
        const gw = gateway("gw", "infra", [http("web", undefined, ALL), { name: "tcp", port: 5432, protocol: "TCP", allowedRoutes: ALL }]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra", sectionName: "tcp" }])] });
        assert.deepEqual([spec.reason, spec.message], ["NotAllowedByListeners", "HTTPRoute is not allowed to attach to this Gateway due to route kind restrictions"]);
        assert.deepEqual([cilium.reason, cilium.attachedListeners], ["Accepted", []]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 3 \(protocol and route kinds across all listeners\)/);
    });

    it("Cilium's protocol check: no HTTP or HTTPS listener at all", () => {
        const gw = gateway("gw", "infra", [{ name: "tcp", port: 5432, protocol: "TCP", allowedRoutes: ALL }]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", [], [{ name: "gw", namespace: "infra" }])] });
        assert.deepEqual([cilium.reason, cilium.message], ["NotAllowedByListeners", "No Listener with matching Protocol. Allowed protocols: [HTTP HTTPS]"]);
        assert.equal(spec.reason, "NotAllowedByListeners");
        assert.equal(cilium.ciliumDifference, undefined);
    });

    it("check order: Cilium checks hostnames before sectionName", () => {
        const { spec, cilium } = both({ gateways: [OPENOVA], routes: [route("r", "apps", ["gitea.example.org"], [{ ...SHARED, sectionName: "https" }])] });
        assert.deepEqual([spec.reason, spec.message], ["NoMatchingParent", "No matching listener with sectionName https"]);
        assert.deepEqual([cilium.reason, cilium.message], ["NoMatchingListenerHostname", "No matching listener hostname"]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium's check order \(protocol, route kind, ports, hostnames, sectionName, namespace\)/);
    });

    it("Cilium's namespace check stops at the first non-matching Selector listener", () => {
        const gw = gateway("gw", "infra", [
            https("team-a", undefined, { namespaces: { from: "Selector", selector: { matchLabels: { team: "a" } } } }),
            http("public", undefined, ALL),
        ]);
        const { spec, cilium } = both({ gateways: [gw], namespaces: [{ name: "apps", labels: { team: "b" } }], routes: [route("r", "apps", ["a.example.com"], [{ name: "gw", namespace: "infra" }])] });
        assert.deepEqual([spec.reason, spec.attachedListeners], ["Accepted", ["public"]]);
        assert.deepEqual([cilium.reason, cilium.message], ["NotAllowedByListeners", "HTTPRoute is not allowed to attach to this Gateway due to namespace selector restrictions"]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium's namespace check stops at the first selected listener whose Selector does not match namespace apps/);
    });
});

// ---- the OpenOva shared Gateway -------------------------------------------------------------------------

describe("attachment: OpenOva two-zone shared Gateway", () => {
    for (const mode of ["spec", "cilium"] as CheckMode[]) {
        it(`${mode}: a route pinned to sectionName https is rejected with NoMatchingParent`, () => {
            const p = only(checkAttachment({ mode, gateways: [OPENOVA], routes: [route("gitea", "gitea", ["gitea.omani.works"], [{ ...SHARED, sectionName: "https" }])] }));
            assert.deepEqual(outcome(p), { accepted: false, reason: "NoMatchingParent", message: "No matching listener with sectionName https", attachedListeners: [] });
            assert.equal(p.ciliumDifference, undefined);
        });

        it(`${mode}: without sectionName it attaches to the HTTPS and HTTP listeners whose hostnames match`, () => {
            const report = checkAttachment({ mode, gateways: [OPENOVA], routes: [route("gitea", "gitea", ["gitea.omantel.omani.works"], [SHARED])] });
            const p = only(report);
            assert.deepEqual(outcome(p), {
                accepted: true,
                reason: "Accepted",
                message: ACCEPTED,
                attachedListeners: ["https-omani-works", "http-omani-works", "https-omantel-omani-works", "http-omantel-omani-works"],
            });
            assert.deepEqual(p.relevantListeners, OPENOVA.spec.listeners.map((l) => l.name));
            assert.equal(p.gateway, "kube-system/cilium-gateway");
            // Listener isolation: the most specific listener serves the host, and no TLS warning follows.
            assert.deepEqual(
                report.routes[0].serving.map((s) => [s.hostname, s.protocol, s.listener, s.attached]),
                [
                    ["gitea.omantel.omani.works", "HTTPS", "https-omantel-omani-works", true],
                    ["gitea.omantel.omani.works", "HTTP", "http-omantel-omani-works", true],
                ],
            );
            assert.deepEqual(report.routes[0].warnings, []);
        });
    }

    it("counts attachedRoutes per listener from Accepted parentRefs only", () => {
        const report = checkAttachment({
            gateways: [OPENOVA],
            routes: [
                route("gitea", "gitea", ["gitea.omantel.omani.works"], [SHARED]),
                route("shop", "shop", ["shop.omani.homes"], [SHARED]),
                route("pinned", "shop", ["pinned.omani.homes"], [{ ...SHARED, sectionName: "https" }]),
                route("secure", "web", ["www.omani.works"], [{ ...SHARED, sectionName: "https-omani-works" }]),
            ],
        });
        assert.deepEqual(
            report.listeners.map((l) => [l.listener, l.attachedRoutes, l.routes]),
            [
                ["https-omani-works", 2, ["gitea/gitea", "web/secure"]],
                ["http-omani-works", 1, ["gitea/gitea"]],
                ["https-omani-homes", 1, ["shop/shop"]],
                ["http-omani-homes", 1, ["shop/shop"]],
                ["https-omantel-omani-works", 1, ["gitea/gitea"]],
                ["http-omantel-omani-works", 1, ["gitea/gitea"]],
            ],
        );
        assert.deepEqual(report.listeners[0], {
            gateway: "kube-system/cilium-gateway",
            listener: "https-omani-works",
            protocol: "HTTPS",
            port: 443,
            hostname: "*.omani.works",
            active: true,
            attachedRoutes: 2,
            routes: ["gitea/gitea", "web/secure"],
        });
    });

    it("warns when a route is served only over plain HTTP", () => {
        const report = checkAttachment({ gateways: [OPENOVA], routes: [route("app", "apps", ["app.omani.works"], [{ ...SHARED, sectionName: "http-omani-works" }])] });
        assert.deepEqual(only(report).attachedListeners, ["http-omani-works"]);
        assert.deepEqual(report.routes[0].warnings, [
            "hostname app.omani.works is served only over plain HTTP (listener http-omani-works): no HTTPS listener the route attaches to serves it",
        ]);
    });

    it("warns when a hostname is more than one label below an HTTPS wildcard (RFC 2818)", () => {
        const report = checkAttachment({ gateways: [OPENOVA], routes: [route("deep", "apps", ["a.b.omani.homes"], [SHARED])] });
        assert.deepEqual(only(report).attachedListeners, ["https-omani-homes", "http-omani-homes"]);
        assert.deepEqual(report.routes[0].warnings, [
            "hostname a.b.omani.homes is 2 labels below HTTPS listener https-omani-homes's wildcard *.omani.homes: it attaches (a Gateway API " +
                "wildcard matches one or more labels), but a *.omani.homes certificate covers one label (RFC 2818), so the TLS handshake " +
                "fails unless the certificate also covers a.b.omani.homes",
        ]);
    });

    it("warns when a route without hostnames attaches to every zone", () => {
        const report = checkAttachment({ gateways: [OPENOVA], routes: [route("catch-all", "apps", undefined, [SHARED])] });
        assert.equal(only(report).attachedListeners.length, 6);
        assert.deepEqual(report.routes[0].warnings, [
            "the route has no hostnames, so it attaches to every zone it can reach (*.omani.works, *.omani.homes, *.omantel.omani.works); set spec.hostnames to the hosts it serves",
        ]);
    });

    it("shows a host captured by a more specific listener the pinned route does not attach to", () => {
        const input = { gateways: [OPENOVA], routes: [route("gitea", "gitea", ["gitea.omantel.omani.works"], [{ ...SHARED, sectionName: "https-omani-works" }])] };
        const spec = checkAttachment({ ...input, mode: "spec" });
        assert.deepEqual(only(spec).attachedListeners, ["https-omani-works"]);
        assert.deepEqual(spec.routes[0].serving.map((s) => [s.listener, s.attached]), [["https-omantel-omani-works", false]]);
        assert.deepEqual(spec.routes[0].warnings, [
            "hostname gitea.omantel.omani.works on HTTPS port 443 is captured by the more specific listener https-omantel-omani-works, to which the route is not attached: with listener isolation those requests never reach this route",
        ]);
        // Cilium's namespace check applies the same isolation and finds no candidate: difference 2.
        const cilium = only(checkAttachment({ ...input, mode: "cilium" }));
        assert.deepEqual([cilium.reason, cilium.attachedListeners], ["Accepted", []]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 2 .*listener isolation/);
    });
});

// ---- ListenerSets -----------------------------------------------------------------------------------------

describe("attachment: ListenerSets (GEP-1713)", () => {
    const GW = gateway("gw", "infra", [https("https", "*.example.com", ALL)], { allowedListeners: { namespaces: { from: "All" } } });
    const LS = listenerSet("team-ls", "team", { name: "gw", namespace: "infra" }, [https("team-https", "*.team.example.com")]);
    const lsRef: ParentReference = { kind: "ListenerSet", name: "team-ls" };

    it("a route naming the ListenerSet attaches to its listeners", () => {
        const report = checkAttachment({ gateways: [GW], listenerSets: [LS], routes: [route("app", "team", ["app.team.example.com"], [lsRef])] });
        const p = only(report);
        assert.deepEqual(outcome(p), { accepted: true, reason: "Accepted", message: ACCEPTED, attachedListeners: ["team-https"] });
        assert.deepEqual([p.gateway, p.listenerSet, p.parentRef.namespace], ["infra/gw", "team/team-ls", "team"]);
        assert.deepEqual(
            report.listeners.map((l) => [l.gateway, l.listenerSet ?? "-", l.listener, l.active, l.attachedRoutes]),
            [
                ["infra/gw", "-", "https", true, 0],
                ["infra/gw", "team/team-ls", "team-https", true, 1],
            ],
        );
    });

    it("a route naming the Gateway attaches only to the Gateway's own listeners, although isolation hands the host to the ListenerSet", () => {
        const report = checkAttachment({ gateways: [GW], listenerSets: [LS], routes: [route("app", "team", ["app.team.example.com"], [{ name: "gw", namespace: "infra" }])] });
        assert.deepEqual(only(report).attachedListeners, ["https"]);
        assert.deepEqual(report.routes[0].serving.map((s) => [s.listenerSet ?? "-", s.listener, s.attached]), [["team/team-ls", "team-https", false]]);
    });

    it("a Gateway parentRef cannot pin a listener that only a ListenerSet defines", () => {
        const p = only(checkAttachment({ gateways: [GW], listenerSets: [LS], routes: [route("app", "team", ["app.team.example.com"], [{ name: "gw", namespace: "infra", sectionName: "team-https" }])] }));
        assert.deepEqual([p.reason, p.message], ["NoMatchingParent", "No matching listener with sectionName team-https"]);
    });

    it("Same on a ListenerSet listener means the ListenerSet's namespace", () => {
        const p = only(checkAttachment({ gateways: [GW], listenerSets: [LS], routes: [route("app", "apps", ["app.team.example.com"], [{ ...lsRef, namespace: "team" }])] }));
        assert.deepEqual([p.reason, p.message], ["NotAllowedByListeners", "HTTPRoute is not allowed to attach to this ListenerSet due to namespace restrictions"]);
    });

    it("a Gateway without allowedListeners (default None) leaves the ListenerSet's listeners unprogrammed", () => {
        const closed = gateway("gw", "infra", [https("https", "*.example.com", ALL)]);
        const report = checkAttachment({ gateways: [closed], listenerSets: [LS], routes: [route("app", "team", ["app.team.example.com"], [lsRef])] });
        const p = only(report);
        assert.deepEqual([p.accepted, p.attachedListeners], [true, []]);
        assert.deepEqual(p.warnings, [
            "ListenerSet team/team-ls is not attached: its Gateway infra/gw does not allow it (allowedListeners.namespaces.from: None); its listeners are not programmed, so this parentRef serves nothing",
            "Accepted=True but attached to no listener: the route serves nothing through this parentRef",
        ]);
        assert.deepEqual(report.listeners.map((l) => [l.listener, l.active, l.attachedRoutes]), [["https", true, 0], ["team-https", false, 0]]);
    });

    const allowedListenerCases: [string, Gateway["spec"]["allowedListeners"], boolean][] = [
        ["Same, ListenerSet elsewhere", { namespaces: { from: "Same" } }, false],
        ["Selector matching the ListenerSet's namespace", { namespaces: { from: "Selector", selector: { matchLabels: { delegated: "yes" } } } }, true],
        ["Selector not matching", { namespaces: { from: "Selector", selector: { matchLabels: { delegated: "no" } } } }, false],
    ];
    for (const [name, allowedListeners, active] of allowedListenerCases) {
        it(`allowedListeners ${name}: ${active ? "programmed" : "not programmed"}`, () => {
            const gw = gateway("gw", "infra", [https("https", "*.example.com", ALL)], { allowedListeners });
            const report = checkAttachment({
                gateways: [gw],
                listenerSets: [LS],
                namespaces: [{ name: "team", labels: { delegated: "yes" } }],
                routes: [route("app", "team", ["app.team.example.com"], [lsRef])],
            });
            assert.deepEqual(only(report).attachedListeners, active ? ["team-https"] : []);
        });
    }

    it("a missing ListenerSet gives InvalidHTTPRoute", () => {
        const p = only(checkAttachment({ gateways: [GW], listenerSets: [LS], routes: [route("app", "team", [], [{ kind: "ListenerSet", name: "nope" }])] }));
        assert.deepEqual([p.reason, p.listenerSet, p.gateway], ["InvalidHTTPRoute", "team/nope", ""]);
        assert.match(p.message, /^ListenerSet team\/nope not found\. InvalidHTTPRoute is Cilium's non-standard reason/);
    });

    it("difference 3 for ListenerSets: only listeners with explicit kinds count in Cilium's kind check", () => {
        const mixed = listenerSet("mixed", "team", { name: "gw", namespace: "infra" }, [
            https("web", "*.team.example.com"),
            { name: "passthrough", port: 8443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: { kinds: [{ kind: "TLSRoute" }] } },
        ]);
        const { spec, cilium } = both({ gateways: [GW], listenerSets: [mixed], routes: [route("app", "team", ["app.team.example.com"], [{ kind: "ListenerSet", name: "mixed" }])] });
        assert.deepEqual([spec.reason, spec.attachedListeners], ["Accepted", ["web"]]);
        assert.deepEqual([cilium.reason, cilium.message], ["NotAllowedByListeners", "HTTPRoute is not allowed to attach to this ListenerSet due to route kind restrictions"]);
        assert.match(cilium.ciliumDifference ?? "", /^Cilium difference 3 \(route kinds\): Cilium's ListenerSet route-kind check only looks at listeners with explicit allowedRoutes\.kinds \(passthrough\)/);
    });
});
