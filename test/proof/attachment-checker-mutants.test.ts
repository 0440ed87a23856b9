// Behaviour of the attachment checker that the first specs left open (found by `npm run test:mutation`):
// the full text of every Cilium-difference explanation, ListenerSets whose parent is missing, not a Gateway
// or one of two Gateways, allowedListeners Same/None with a selector, the serving listener looked up per
// port, the report's exact shape, and the route warnings' edges.
import { strict as assert } from "node:assert";
import { AttachmentInput, AttachmentReport, ParentRefStatus, checkAttachment } from "../../src/proof/attachment-checker";
import type { AllowedRoutes, Gateway, HTTPRoute, Listener, ListenerSet, NamespaceInfo, ParentReference } from "../../src/model/gateway-api";

const V1 = "gateway.networking.k8s.io/v1" as const;
const ALL: AllowedRoutes = { namespaces: { from: "All" } };
const ACCEPTED = "Accepted HTTPRoute";

function https(name: string, hostname: string | undefined, allowedRoutes: AllowedRoutes = ALL, port = 443): Listener {
    return { name, ...(hostname ? { hostname } : {}), port, protocol: "HTTPS", tls: { mode: "Terminate" }, allowedRoutes };
}
function http(name: string, hostname: string | undefined, allowedRoutes: AllowedRoutes = ALL, port = 80): Listener {
    return { name, ...(hostname ? { hostname } : {}), port, protocol: "HTTP", allowedRoutes };
}
function gateway(name: string, namespace: string | undefined, listeners: Listener[], extra: Partial<Gateway["spec"]> = {}): Gateway {
    return { apiVersion: V1, kind: "Gateway", metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, spec: { gatewayClassName: "cilium", listeners, ...extra } };
}
function route(name: string, namespace: string, hostnames: string[] | undefined, parentRefs: ParentReference[] | undefined): HTTPRoute {
    return {
        apiVersion: V1,
        kind: "HTTPRoute",
        metadata: { name, namespace },
        spec: { ...(parentRefs === undefined ? {} : { parentRefs }), ...(hostnames === undefined ? {} : { hostnames }) },
    };
}
function listenerSet(name: string, namespace: string | undefined, parentRef: ListenerSet["spec"]["parentRef"], listeners: Listener[]): ListenerSet {
    return { apiVersion: V1, kind: "ListenerSet", metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, spec: { parentRef, listeners } };
}

const only = (report: AttachmentReport): ParentRefStatus => {
    assert.equal(report.parents.length, 1);
    return report.parents[0];
};
const both = (input: Omit<AttachmentInput, "mode">) => ({
    spec: only(checkAttachment({ ...input, mode: "spec" })),
    cilium: only(checkAttachment({ ...input, mode: "cilium" })),
});
const GW_REF: ParentReference = { name: "gw", namespace: "infra" };
const OPEN_LISTENERS = { allowedListeners: { namespaces: { from: "All" as const } } };

describe("attachment: the full text of every Cilium-difference explanation", () => {
    it("difference 1, naming the first pair and both outcomes", () => {
        const gw = gateway("gw", "infra", [https("any", undefined), https("wild", "*.example.com")]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["*.com"], [GW_REF])] });
        assert.deepEqual([spec.attachedListeners, cilium.attachedListeners], [["any", "wild"], ["any"]]);
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 1 (wildcard vs wildcard): the spec intersects listener hostname *.example.com with the broader route " +
                "wildcard *.com as *.example.com, but Cilium's listener-wildcard case wins even when its test fails, so they do not " +
                "intersect; Cilium: Accepted (listeners: any), spec: Accepted (listeners: any, wild).",
        );
    });

    it("difference 1 when Cilium rejects: the rejection is quoted", () => {
        const gw = gateway("gw", "infra", [https("wild", "*.example.com")]);
        const { cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["*.com"], [GW_REF])] });
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 1 (wildcard vs wildcard): the spec intersects listener hostname *.example.com with the broader route " +
                "wildcard *.com as *.example.com, but Cilium's listener-wildcard case wins even when its test fails, so they do not " +
                'intersect; Cilium: NoMatchingListenerHostname ("No matching listener hostname"), spec: Accepted (listeners: wild).',
        );
    });

    it("difference 2 when the spec rejects: no isolation remark", () => {
        const gw = gateway("gw", "infra", [https("https-a", "*.a.example"), https("https-b", "*.b.example")]);
        const { cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["x.b.example"], [{ ...GW_REF, sectionName: "https-a" }])] });
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 2 (hostname check ignores sectionName and port): the hostname check passed on another listener, and " +
                "the namespace check found no candidate among the selected listeners, so Cilium leaves Accepted=True while the route " +
                'is attached to no listener; spec: NoMatchingListenerHostname ("No matching listener hostname").',
        );
    });

    it("difference 2 when the spec accepts: isolation named, even with a wildcard pair present", () => {
        // Route *.example covers listener *.a.example in the spec (a wildcard pair), but the difference here is 2.
        const gw = gateway("gw", "infra", [https("https-a", "*.a.example"), https("https-b", "*.b.example")]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["x.b.example", "*.example"], [{ ...GW_REF, sectionName: "https-a" }])] });
        assert.deepEqual([spec.reason, spec.attachedListeners], ["Accepted", ["https-a"]]);
        assert.deepEqual([cilium.reason, cilium.attachedListeners], ["Accepted", []]);
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 2 (hostname check ignores sectionName and port): the hostname check passed on another listener, and " +
                "the namespace check found no candidate among the selected listeners (Cilium's listener isolation also removes " +
                "hostnames that a more specific listener claims), so Cilium leaves Accepted=True while the route is attached to no " +
                "listener; spec: Accepted (listeners: https-a).",
        );
    });

    it("difference 3 on a Gateway, naming the blocking listener", () => {
        const gw = gateway("gw", "infra", [
            https("https", "*.example.com"),
            { name: "tls-passthrough", port: 8443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: { ...ALL, kinds: [{ kind: "TLSRoute" }] } },
        ]);
        const { cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [{ ...GW_REF, sectionName: "https" }])] });
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 3 (route kinds across all listeners): Cilium's route-kind check rejects the route because listener " +
                "tls-passthrough lists allowedRoutes.kinds without HTTPRoute, although sectionName/port do not select it; the spec " +
                "only looks at the relevant listeners: Accepted (listeners: https).",
        );
    });

    it("difference 3 on a ListenerSet", () => {
        const gw = gateway("gw", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
        const mixed = listenerSet("mixed", "team", { name: "gw", namespace: "infra" }, [
            https("web", "*.team.example.com"),
            { name: "passthrough", port: 8443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: { kinds: [{ kind: "TLSRoute" }] } },
        ]);
        const { cilium } = both({ gateways: [gw], listenerSets: [mixed], routes: [route("app", "team", ["app.team.example.com"], [{ kind: "ListenerSet", name: "mixed" }])] });
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 3 (route kinds): Cilium's ListenerSet route-kind check only looks at listeners with explicit " +
                "allowedRoutes.kinds (passthrough) and rejects when none lists HTTPRoute, ignoring listeners that accept HTTPRoute by " +
                "protocol; spec: Accepted (listeners: web).",
        );
    });

    it("difference 3 across protocols, attached to no listener", () => {
        const gw = gateway("gw", "infra", [http("web", undefined), { name: "tcp", port: 5432, protocol: "TCP", allowedRoutes: ALL }]);
        const { cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [{ ...GW_REF, sectionName: "tcp" }])] });
        assert.equal(
            cilium.ciliumDifference,
            "Cilium difference 3 (protocol and route kinds across all listeners): Cilium's protocol and route-kind checks look at " +
                "every listener of the Gateway, ignoring sectionName and port, so it accepts the route although no relevant listener " +
                "takes an HTTPRoute; it is attached to no listener; spec: NotAllowedByListeners (\"HTTPRoute is not allowed to attach " +
                'to this Gateway due to route kind restrictions").',
        );
    });

    it("difference 3 across protocols, attached to the listener Cilium programs", () => {
        // The spec only looks at the pinned TCP listener; Cilium's data plane gets every HTTP listener that matches.
        const gw = gateway("gw", "infra", [{ name: "tcp", port: 80, protocol: "TCP", allowedRoutes: ALL }, http("web", undefined)]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [{ ...GW_REF, port: 80 }])] });
        assert.deepEqual([spec.reason, spec.attachedListeners], ["Accepted", ["web"]]);
        assert.deepEqual([cilium.reason, cilium.attachedListeners], ["Accepted", ["web"]]);
        assert.equal(cilium.ciliumDifference, undefined);
    });

    it("Cilium's check order: the spec's namespace rejection against Cilium's hostname rejection", () => {
        const gw = gateway("gw", "infra", [https("https", "*.example.com", { namespaces: { from: "Same" } })]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.org"], [GW_REF])] });
        assert.deepEqual([spec.reason, cilium.reason], ["NotAllowedByListeners", "NoMatchingListenerHostname"]);
        assert.equal(
            cilium.ciliumDifference,
            "Cilium's check order (protocol, route kind, ports, hostnames, sectionName, namespace) gives NoMatchingListenerHostname " +
                '("No matching listener hostname") where the spec\'s order gives NotAllowedByListeners ("HTTPRoute is not allowed to ' +
                'attach to this Gateway due to namespace restrictions").',
        );
    });

    it("Cilium's selector short-circuit, in full", () => {
        const gw = gateway("gw", "infra", [https("team-a", undefined, { namespaces: { from: "Selector", selector: { matchLabels: { team: "a" } } } }), http("public", undefined)]);
        const { cilium } = both({ gateways: [gw], namespaces: [{ name: "apps", labels: { team: "b" } }], routes: [route("r", "apps", ["a.example.com"], [GW_REF])] });
        assert.equal(
            cilium.ciliumDifference,
            "Cilium's namespace check stops at the first selected listener whose Selector does not match namespace apps and rejects, " +
                "without trying later listeners; spec: Accepted (listeners: public).",
        );
    });
});

describe("attachment: Cilium's checks on ListenerSets differ from those on Gateways", () => {
    const gw = gateway("gw", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);

    it("a ListenerSet's kind check passes when one selected listener with explicit kinds lists HTTPRoute", () => {
        const ls = listenerSet("ls", "team", { name: "gw", namespace: "infra" }, [
            https("web", "*.team.example.com", { namespaces: { from: "Same" }, kinds: [{ kind: "HTTPRoute" }] }),
            { name: "passthrough", port: 8443, protocol: "TLS", tls: { mode: "Passthrough" }, allowedRoutes: { kinds: [{ kind: "TLSRoute" }] } },
        ]);
        const { spec, cilium } = both({ gateways: [gw], listenerSets: [ls], routes: [route("app", "team", ["app.team.example.com"], [{ kind: "ListenerSet", name: "ls" }])] });
        assert.deepEqual([spec.reason, spec.attachedListeners], ["Accepted", ["web"]]);
        assert.deepEqual([cilium.reason, cilium.attachedListeners, cilium.ciliumDifference], ["Accepted", ["web"], undefined]);
    });

    it("a ListenerSet's namespace check goes on past a Selector that does not match", () => {
        const ls = listenerSet("ls", "team", { name: "gw", namespace: "infra" }, [
            https("team-a", undefined, { namespaces: { from: "Selector", selector: { matchLabels: { team: "a" } } } }),
            http("public", undefined),
        ]);
        const { spec, cilium } = both({
            gateways: [gw],
            listenerSets: [ls],
            namespaces: [{ name: "apps", labels: { team: "b" } }],
            routes: [route("app", "apps", ["app.example.com"], [{ kind: "ListenerSet", name: "ls", namespace: "team" }])],
        });
        assert.deepEqual([spec.reason, spec.attachedListeners], ["Accepted", ["public"]]);
        assert.deepEqual([cilium.reason, cilium.attachedListeners, cilium.ciliumDifference], ["Accepted", ["public"], undefined]);
    });
});

describe("attachment: route kinds in Cilium mode", () => {
    const cases: [string, AllowedRoutes, boolean][] = [
        ["explicit HTTPRoute", { ...ALL, kinds: [{ kind: "HTTPRoute" }] }, true],
        ["explicit HTTPRoute with the Gateway API group", { ...ALL, kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }] }, true],
        ["GRPCRoute and HTTPRoute", { ...ALL, kinds: [{ kind: "GRPCRoute" }, { kind: "HTTPRoute" }] }, true],
        ["HTTPRoute of another group", { ...ALL, kinds: [{ group: "example.io", kind: "HTTPRoute" }] }, false],
        ["GRPCRoute only", { ...ALL, kinds: [{ kind: "GRPCRoute" }] }, false],
    ];
    for (const [name, allowedRoutes, allowed] of cases) {
        it(`${name}: ${allowed ? "Accepted" : "NotAllowedByListeners"} in both modes`, () => {
            const gw = gateway("gw", "infra", [https("l", undefined, allowedRoutes)]);
            const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [GW_REF])] });
            for (const p of [spec, cilium]) {
                assert.deepEqual([p.reason, p.attachedListeners], allowed ? ["Accepted", ["l"]] : ["NotAllowedByListeners", []]);
            }
        });
    }
});

describe("attachment: allowedRoutes edges", () => {
    const NAMESPACES: NamespaceInfo[] = [{ name: "team-b", labels: { team: "b" } }];
    const withPolicy = (allowedRoutes: AllowedRoutes) => gateway("gw", "infra", [https("https", "*.example.com", allowedRoutes)]);
    const run = (allowedRoutes: AllowedRoutes, namespace: string) =>
        both({ gateways: [withPolicy(allowedRoutes)], namespaces: NAMESPACES, routes: [route("r", namespace, ["a.example.com"], [GW_REF])] });

    it("NotIn admits a namespace whose label has another value", () => {
        for (const p of Object.values(run({ namespaces: { from: "Selector", selector: { matchExpressions: [{ key: "team", operator: "NotIn", values: ["a"] }] } } }, "team-b"))) {
            assert.deepEqual([p.reason, p.attachedListeners], ["Accepted", ["https"]]);
        }
    });

    it("an unknown selector operator selects nothing", () => {
        const odd = { key: "team", operator: "Matches" as unknown as "In", values: ["b"] };
        for (const p of Object.values(run({ namespaces: { from: "Selector", selector: { matchExpressions: [odd] } } }, "team-b"))) {
            assert.equal(p.reason, "NotAllowedByListeners");
        }
    });

    it("an unknown allowedRoutes.namespaces.from admits no namespace", () => {
        const { spec } = run({ namespaces: { from: "None" as unknown as "Same" } }, "infra");
        assert.equal(spec.reason, "NotAllowedByListeners");
    });
});

describe("attachment: ListenerSets and their parent Gateways", () => {
    const LISTENERS = [https("team-https", "*.team.example.com")];
    const lsRoute = (ls = "team-ls") => route("app", "team", ["app.team.example.com"], [{ kind: "ListenerSet", name: ls }]);

    const allowedCases: [string, Gateway["spec"]["allowedListeners"], string, boolean][] = [
        ["Same, ListenerSet in the Gateway's namespace", { namespaces: { from: "Same" } }, "infra", true],
        ["None, even with a selector that would match", { namespaces: { from: "None", selector: { matchLabels: { delegated: "yes" } } } }, "team", false],
        ["Same with a matching selector, ListenerSet elsewhere", { namespaces: { from: "Same", selector: { matchLabels: { delegated: "yes" } } } }, "team", false],
        ["None, ListenerSet in the Gateway's namespace", { namespaces: { from: "None" } }, "infra", false],
    ];
    for (const [name, allowedListeners, lsNamespace, active] of allowedCases) {
        it(`allowedListeners ${name}: ${active ? "programmed" : "not programmed"}`, () => {
            const gw = gateway("gw", "infra", [https("https", "*.example.com")], { allowedListeners });
            const ls = listenerSet("team-ls", lsNamespace, { name: "gw", namespace: "infra" }, LISTENERS);
            const report = checkAttachment({
                gateways: [gw],
                listenerSets: [ls],
                namespaces: [{ name: "team", labels: { delegated: "yes" } }, { name: "infra", labels: { delegated: "yes" } }],
                routes: [route("app", "team", ["app.team.example.com"], [{ kind: "ListenerSet", name: "team-ls", namespace: lsNamespace }])],
            });
            assert.deepEqual(only(report).attachedListeners, active ? ["team-https"] : []);
            assert.deepEqual(report.listeners.map((l) => [l.listener, l.active]), [["https", true], ["team-https", active]]);
        });
    }

    it("a ListenerSet whose parent Gateway is missing is not programmed, and says why", () => {
        const gw = gateway("gw", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
        const ls = listenerSet("team-ls", "team", { name: "missing", namespace: "infra" }, LISTENERS);
        const report = checkAttachment({ gateways: [gw], listenerSets: [ls], routes: [lsRoute()] });
        const p = only(report);
        assert.deepEqual([p.accepted, p.gateway, p.listenerSet, p.attachedListeners], [true, "", "team/team-ls", []]);
        assert.deepEqual(p.warnings, [
            "ListenerSet team/team-ls is not attached: its parent Gateway infra/missing is not in the input; its listeners are not programmed, so this parentRef serves nothing",
            "Accepted=True but attached to no listener: the route serves nothing through this parentRef",
        ]);
        assert.deepEqual(report.listeners[1], {
            gateway: "",
            listenerSet: "team/team-ls",
            listener: "team-https",
            protocol: "HTTPS",
            port: 443,
            hostname: "*.team.example.com",
            active: false,
            attachedRoutes: 0,
            routes: [],
        });
    });

    const notGatewayParents: [string, ListenerSet["spec"]["parentRef"]][] = [
        ["another kind", { kind: "ListenerSet", name: "gw", namespace: "infra" }],
        ["another group", { group: "example.io", kind: "Gateway", name: "gw", namespace: "infra" }],
        ["another group, default kind", { group: "example.io", name: "gw", namespace: "infra" }],
        ["the Gateway API group, another kind", { group: "gateway.networking.k8s.io", kind: "Service", name: "gw", namespace: "infra" }],
    ];
    for (const [name, parentRef] of notGatewayParents) {
        it(`a ListenerSet whose parentRef is not a Gateway (${name}) is not programmed`, () => {
            const gw = gateway("gw", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
            const p = only(checkAttachment({ gateways: [gw], listenerSets: [listenerSet("team-ls", "team", parentRef, LISTENERS)], routes: [lsRoute()] }));
            assert.deepEqual([p.gateway, p.attachedListeners], ["", []]);
            assert.match(p.warnings[0], /^ListenerSet team\/team-ls is not attached: its parent Gateway infra\/gw is not in the input;/);
        });
    }

    it("a ListenerSet's parentRef defaults to the Gateway API group, kind Gateway and its own namespace", () => {
        const gw = gateway("gw", "team", [https("https", "*.example.com")], OPEN_LISTENERS);
        const p = only(checkAttachment({ gateways: [gw], listenerSets: [listenerSet("team-ls", "team", { name: "gw" }, LISTENERS)], routes: [lsRoute()] }));
        assert.deepEqual([p.gateway, p.attachedListeners, p.warnings], ["team/gw", ["team-https"], []]);
    });

    it("objects without a namespace live in default", () => {
        const gw = gateway("gw", undefined, [https("https", "*.example.com", { namespaces: { from: "Same" } })], { allowedListeners: { namespaces: { from: "Same" } } });
        const ls = listenerSet("ls", undefined, { name: "gw" }, [https("ls-https", "*.ls.example.com", { namespaces: { from: "Same" } })]);
        const report = checkAttachment({
            gateways: [gw],
            listenerSets: [ls],
            routes: [
                route("a", "default", ["a.example.com"], [{ name: "gw" }]),
                route("b", "default", ["b.ls.example.com"], [{ kind: "ListenerSet", name: "ls" }]),
            ],
        });
        assert.deepEqual(
            report.parents.map((p) => [p.gateway, p.listenerSet ?? "-", p.attachedListeners]),
            [
                ["default/gw", "-", ["https"]],
                ["default/gw", "default/ls", ["ls-https"]],
            ],
        );
    });

    it("with two Gateways, a ListenerSet merges into its own parent only", () => {
        // Were team-ls merged into gw-b too, its more specific listener would capture app.team.example.com there.
        const gwA = gateway("gw-a", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
        const gwB = gateway("gw-b", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
        const ls = listenerSet("team-ls", "team", { name: "gw-a", namespace: "infra" }, LISTENERS);
        const report = checkAttachment({ gateways: [gwA, gwB], listenerSets: [ls], routes: [route("app", "team", ["app.team.example.com"], [{ name: "gw-b", namespace: "infra" }])] });
        assert.deepEqual(only(report).attachedListeners, ["https"]);
        assert.deepEqual(report.routes[0].serving, [
            { hostname: "app.team.example.com", gateway: "infra/gw-b", listener: "https", protocol: "HTTPS", port: 443, attached: true },
        ]);
        // Only the RFC 2818 warning of gw-b's own wildcard, no capture by gw-a's ListenerSet.
        assert.deepEqual(report.routes[0].warnings, [
            "hostname app.team.example.com is 2 labels below HTTPS listener https's wildcard *.example.com: it attaches (a Gateway " +
                "API wildcard matches one or more labels), but a *.example.com certificate covers one label (RFC 2818), so the TLS " +
                "handshake fails unless the certificate also covers app.team.example.com",
        ]);
    });

    it("an unprogrammed ListenerSet does not capture hosts on its Gateway", () => {
        const closed = gateway("gw", "infra", [https("https", "*.example.com")]);
        const ls = listenerSet("team-ls", "team", { name: "gw", namespace: "infra" }, LISTENERS);
        const report = checkAttachment({ gateways: [closed], listenerSets: [ls], routes: [route("app", "team", ["app.team.example.com"], [GW_REF])] });
        assert.deepEqual(report.routes[0].serving.map((s) => [s.listener, s.attached]), [["https", true]]);
    });

    it("ListenerSets merge in namespace/name order: on a tie the first one serves", () => {
        const gw = gateway("gw", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
        const later = listenerSet("b-ls", "team", { name: "gw", namespace: "infra" }, [https("b-https", "*.team.example.com")]);
        const earlier = listenerSet("a-ls", "team", { name: "gw", namespace: "infra" }, [https("a-https", "*.team.example.com")]);
        const report = checkAttachment({ gateways: [gw], listenerSets: [later, earlier], routes: [route("app", "team", ["app.team.example.com"], [GW_REF])] });
        assert.deepEqual(report.routes[0].serving.map((s) => [s.listenerSet, s.listener, s.attached]), [["team/a-ls", "a-https", false]]);
        // The listener report lists ListenerSets in the same order.
        assert.deepEqual(report.listeners.map((l) => l.listener), ["https", "a-https", "b-https"]);
    });

    it("the first of two objects with the same namespace/name counts", () => {
        const first = gateway("gw", "infra", [https("first", "*.example.com")], OPEN_LISTENERS);
        const second = gateway("gw", "infra", [https("second", "*.example.com")]);
        const lsFirst = listenerSet("ls", "team", { name: "gw", namespace: "infra" }, [https("ls-first", "*.team.example.com")]);
        const lsSecond = listenerSet("ls", "team", { name: "gw", namespace: "infra" }, [https("ls-second", "*.team.example.com")]);
        const report = checkAttachment({ gateways: [first, second], listenerSets: [lsFirst, lsSecond], routes: [] });
        assert.deepEqual(report.listeners.map((l) => [l.listener, l.active]), [["first", true], ["ls-first", true]]);
    });

    it("a host served by a ListenerSet listener names the ListenerSet; one served by the Gateway does not", () => {
        const gw = gateway("gw", "infra", [https("https", "*.example.com")], OPEN_LISTENERS);
        const ls = listenerSet("team-ls", "team", { name: "gw", namespace: "infra" }, LISTENERS);
        const report = checkAttachment({
            gateways: [gw],
            listenerSets: [ls],
            routes: [route("app", "team", ["app.team.example.com"], [{ kind: "ListenerSet", name: "team-ls" }]), route("www", "team", ["www.example.com"], [GW_REF])],
        });
        assert.deepEqual(report.routes[0].serving, [
            { hostname: "app.team.example.com", gateway: "infra/gw", listenerSet: "team/team-ls", listener: "team-https", protocol: "HTTPS", port: 443, attached: true },
        ]);
        assert.deepEqual(report.routes[1].serving, [{ hostname: "www.example.com", gateway: "infra/gw", listener: "https", protocol: "HTTPS", port: 443, attached: true }]);
    });
});

describe("attachment: parentRefs that are not evaluated", () => {
    const GW = gateway("gw", "infra", [https("https", "*.example.com")]);

    it("a parentRef of another kind in the Gateway API group is Pending, with the whole status", () => {
        const report = checkAttachment({ gateways: [GW], routes: [route("r", "apps", ["a.example.com"], [{ group: "gateway.networking.k8s.io", kind: "Service", name: "gw", namespace: "infra" }])] });
        assert.deepEqual(only(report), {
            route: { namespace: "apps", name: "r" },
            parentRefIndex: 0,
            parentRef: { group: "gateway.networking.k8s.io", kind: "Service", namespace: "infra", name: "gw" },
            gateway: "",
            relevantListeners: [],
            attachedListeners: [],
            status: "Unknown",
            accepted: false,
            reason: "Pending",
            message: 'parentRef Service infra/gw (group "gateway.networking.k8s.io") is not a Gateway or ListenerSet; this checker does not evaluate it',
            warnings: [],
        });
        assert.deepEqual(report.routes[0].serving, []);
    });

    it("a Gateway of another group is Pending", () => {
        const p = only(checkAttachment({ gateways: [GW], routes: [route("r", "apps", ["a.example.com"], [{ group: "example.io", kind: "Gateway", name: "gw", namespace: "infra" }])] }));
        assert.deepEqual([p.status, p.reason, p.gateway], ["Unknown", "Pending", ""]);
    });

    it("a missing Gateway: the whole status", () => {
        assert.deepEqual(only(checkAttachment({ gateways: [GW], routes: [route("r", "apps", ["a.example.com"], [{ name: "nope", namespace: "infra" }])] })), {
            route: { namespace: "apps", name: "r" },
            parentRefIndex: 0,
            parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "infra", name: "nope" },
            gateway: "infra/nope",
            relevantListeners: [],
            attachedListeners: [],
            status: "False",
            accepted: false,
            reason: "InvalidHTTPRoute",
            message:
                'Gateway infra/nope not found. InvalidHTTPRoute is Cilium\'s non-standard reason ("Invalid" + route kind); Gateway API does not specify a reason for a missing parent.',
            warnings: [],
        });
    });
});

describe("attachment: report shape", () => {
    const SIMPLE = gateway("gw", "infra", [https("https", "*.example.com"), http("http", "*.example.com")]);

    it("an accepted Gateway parentRef: the whole status, without listenerSet or ciliumDifference keys", () => {
        const report = checkAttachment({ gateways: [SIMPLE], routes: [route("r", "apps", ["a.example.com"], [{ ...GW_REF, sectionName: "https" }])] });
        assert.deepEqual(only(report), {
            route: { namespace: "apps", name: "r" },
            parentRefIndex: 0,
            parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "infra", name: "gw", sectionName: "https" },
            gateway: "infra/gw",
            relevantListeners: ["https"],
            attachedListeners: ["https"],
            status: "True",
            accepted: true,
            reason: "Accepted",
            message: ACCEPTED,
            warnings: [],
        });
        assert.deepEqual(report.routes, [
            {
                route: "apps/r",
                hostnames: ["a.example.com"],
                serving: [{ hostname: "a.example.com", gateway: "infra/gw", listener: "https", protocol: "HTTPS", port: 443, attached: true }],
                warnings: [],
            },
        ]);
    });

    it("rejected parentRefs carry no warnings, also on an unprogrammed ListenerSet", () => {
        const closed = gateway("gw", "infra", [https("https", "*.example.com")]);
        const ls = listenerSet("ls", "apps", { name: "gw", namespace: "infra" }, [https("ls-https", "*.ls.example.com")]);
        const report = checkAttachment({
            gateways: [closed],
            listenerSets: [ls],
            routes: [
                route("r", "apps", ["a.example.org"], [GW_REF]),
                route("s", "apps", ["a.example.org"], [{ kind: "ListenerSet", name: "ls" }]),
            ],
        });
        assert.deepEqual(
            report.parents.map((p) => [p.reason, p.warnings]),
            [
                ["NoMatchingListenerHostname", []],
                ["NoMatchingListenerHostname", []],
            ],
        );
    });

    it("a listener without hostname has no hostname key in the listener report; routes are sorted", () => {
        const gw = gateway("gw", "infra", [http("any", undefined)]);
        const report = checkAttachment({
            gateways: [gw],
            routes: [route("zeta", "apps", ["z.example.com"], [GW_REF]), route("alpha", "apps", ["a.example.com"], [GW_REF])],
        });
        assert.deepEqual(report.listeners, [{ gateway: "infra/gw", listener: "any", protocol: "HTTP", port: 80, active: true, attachedRoutes: 2, routes: ["apps/alpha", "apps/zeta"] }]);
    });
});

describe("attachment: which listener serves a host", () => {
    it("is looked up among the listeners on the attached listener's own port", () => {
        const gw = gateway("gw", "infra", [https("https", "*.example.com"), https("https-alt", "*.example.com", ALL, 8443)]);
        const report = checkAttachment({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [GW_REF])] });
        assert.deepEqual(only(report).attachedListeners, ["https", "https-alt"]);
        assert.deepEqual(report.routes[0].serving.map((s) => [s.listener, s.port, s.attached]), [["https", 443, true], ["https-alt", 8443, true]]);
    });

    it("a route wildcard is served by the attached listener itself, not by a narrower one", () => {
        const gw = gateway("gw", "infra", [https("wild", "*.example.com"), https("sub", "*.a.example.com")]);
        const report = checkAttachment({ mode: "spec", gateways: [gw], routes: [route("r", "apps", ["*.a.example.com"], [{ ...GW_REF, sectionName: "wild" }])] });
        assert.deepEqual(report.routes[0].serving.map((s) => [s.hostname, s.listener, s.attached]), [["*.a.example.com", "wild", true]]);
    });

    it("a route without hostnames (*) is served by the attached listener itself", () => {
        const gw = gateway("gw", "infra", [http("any", undefined)], OPEN_LISTENERS);
        const ls = listenerSet("ls", "apps", { name: "gw", namespace: "infra" }, [http("ls-any", undefined)]);
        const report = checkAttachment({ gateways: [gw], listenerSets: [ls], routes: [route("r", "apps", undefined, [{ kind: "ListenerSet", name: "ls" }])] });
        assert.deepEqual(report.routes[0].serving.map((s) => [s.hostname, s.listener, s.attached]), [["*", "ls-any", true]]);
        assert.deepEqual(report.routes[0].hostnames, []);
    });
});

describe("attachment: route warnings", () => {
    const OPENOVA = gateway("cilium-gateway", "kube-system", [
        https("https-omani-works", "*.omani.works"),
        http("http-omani-works", "*.omani.works"),
        https("https-omantel-omani-works", "*.omantel.omani.works"),
        http("http-omantel-omani-works", "*.omantel.omani.works"),
    ]);
    const SHARED: ParentReference = { name: "cilium-gateway", namespace: "kube-system" };

    it("plain HTTP only, when the HTTPS request goes to a listener the route is not attached to", () => {
        // Spec mode: Cilium's isolation would not attach the HTTPS parentRef at all (difference 2).
        const report = checkAttachment({
            mode: "spec",
            gateways: [OPENOVA],
            routes: [route("gitea", "gitea", ["gitea.omantel.omani.works"], [{ ...SHARED, sectionName: "http-omantel-omani-works" }, { ...SHARED, sectionName: "https-omani-works" }])],
        });
        assert.deepEqual(report.routes[0].warnings, [
            "hostname gitea.omantel.omani.works on HTTPS port 443 is captured by the more specific listener https-omantel-omani-works, to which the route is not attached: with listener isolation those requests never reach this route",
            "hostname gitea.omantel.omani.works is served only over plain HTTP (listener http-omantel-omani-works): no HTTPS listener the route attaches to serves it",
        ]);
    });

    it("plain HTTP on two ports names both listeners", () => {
        const gw = gateway("gw", "infra", [http("http", "*.example.com"), http("http-alt", "*.example.com", ALL, 8080)]);
        const report = checkAttachment({ gateways: [gw], routes: [route("r", "apps", ["a.example.com"], [GW_REF])] });
        assert.deepEqual(report.routes[0].warnings, [
            "hostname a.example.com is served only over plain HTTP (listener http, http-alt): no HTTPS listener the route attaches to serves it",
        ]);
    });

    it("no catch-all warning for a route without hostnames on one zone, or with hostnames on two", () => {
        const one = gateway("gw", "infra", [https("https", "*.example.com"), http("http", "*.example.com")]);
        const noHostnames = checkAttachment({ gateways: [one], routes: [route("r", "apps", undefined, [GW_REF])] });
        assert.deepEqual(noHostnames.routes[0].warnings, []);
        const twoHosts = checkAttachment({ gateways: [OPENOVA], routes: [route("r", "apps", ["a.omani.works", "b.omantel.omani.works"], [SHARED])] });
        assert.deepEqual(twoHosts.routes[0].warnings, []);
    });

    it("a route without parentRefs attaches to nothing, and says so", () => {
        for (const parentRefs of [[], undefined]) {
            const report = checkAttachment({ gateways: [OPENOVA], routes: [route("r", "apps", ["a.omani.works"], parentRefs)] });
            assert.deepEqual(report.parents, []);
            assert.deepEqual(report.routes, [
                { route: "apps/r", hostnames: ["a.omani.works"], serving: [], warnings: ["route apps/r has no parentRefs, so it attaches to nothing"] },
            ]);
        }
    });
});

describe("attachment: Cilium's namespace check on a Selector listener", () => {
    it("a route in the Gateway's own namespace is not admitted by a Selector that does not select it", () => {
        const gw = gateway("gw", "infra", [https("team-a", undefined, { namespaces: { from: "Selector", selector: { matchLabels: { team: "a" } } } })]);
        const { spec, cilium } = both({ gateways: [gw], routes: [route("r", "infra", ["a.example.com"], [GW_REF])] });
        assert.deepEqual([spec.reason, spec.message], ["NotAllowedByListeners", "HTTPRoute is not allowed to attach to this Gateway due to namespace restrictions"]);
        assert.deepEqual([cilium.reason, cilium.message], ["NotAllowedByListeners", "HTTPRoute is not allowed to attach to this Gateway due to namespace selector restrictions"]);
    });
});
