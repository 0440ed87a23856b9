// Route-guard behaviour the first specs left open (found by `npm run test:mutation`): which parentRefs
// count as Gateway refs, the namespace a ref defaults to, and how refs with a port or duplicates merge.
import { strict as assert } from "node:assert";
import { guardRouteParentRefs } from "../../src/proof/route-guard";

const listeners = new Map([
    ["kube-system/cilium-gateway", ["https-omani-works", "http-omani-works"]],
    ["kube-system/42", ["https"]],
]);
const GW = { name: "cilium-gateway", namespace: "kube-system" };

function route(parentRefs: unknown, namespace?: string) {
    return {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "gitea", ...(namespace ? { namespace } : {}) },
        spec: { parentRefs, hostnames: ["git.omani.works"] },
    };
}
const refsOf = (r: Record<string, unknown>) => (r.spec as { parentRefs: unknown }).parentRefs;

describe("route guard: edges", () => {
    it("leaves refs alone that are not to a Gateway of the Gateway API group, or whose name is not a string", () => {
        const refs = [
            { ...GW, group: "example.io", sectionName: "https" },
            { ...GW, kind: "ListenerSet", sectionName: "https" },
            { name: 42, namespace: "kube-system", sectionName: "http" },
        ];
        const input = route(refs);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.equal(result.route, input);
        assert.deepEqual(result.removed, []);
    });

    it("passes through a route whose parentRefs is not a list, with nothing removed", () => {
        const input = route({ name: "cilium-gateway" });
        assert.deepEqual(guardRouteParentRefs(input, listeners, "gitea"), { route: input, removed: [] });
    });

    it("a route without namespace uses the default namespace for its refs", () => {
        const result = guardRouteParentRefs(route([{ name: "cilium-gateway", sectionName: "https" }]), listeners, "kube-system");
        assert.deepEqual(refsOf(result.route), [{ name: "cilium-gateway" }]);
        assert.deepEqual(result.removed, [{ gateway: "kube-system/cilium-gateway", sectionName: "https", why: "no-such-listener" }]);
    });

    it("keeps two refs pinned to distinct real listeners of one Gateway", () => {
        const input = route([
            { ...GW, sectionName: "https-omani-works" },
            { ...GW, sectionName: "http-omani-works" },
        ]);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.equal(result.route, input);
        assert.deepEqual(result.removed, []);
    });

    it("a ref with a port is not a whole-Gateway ref: it absorbs nothing", () => {
        const input = route([
            { ...GW, port: 443 },
            { ...GW, sectionName: "https-omani-works" },
        ]);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.equal(result.route, input);
        assert.deepEqual(result.removed, []);
    });

    it("a whole-Gateway ref absorbs a ref with a port and a duplicate of itself", () => {
        const input = route([{ ...GW, port: 443 }, GW, GW]);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.deepEqual(refsOf(result.route), [GW]);
        assert.deepEqual(result.removed, []);
        assert.deepEqual(refsOf(input), [{ ...GW, port: 443 }, GW, GW]);
    });
});

describe("route guard: a whole-Gateway ref listed after a pinned one", () => {
    it("still absorbs the pinned ref, which is reported", () => {
        const result = guardRouteParentRefs(route([{ ...GW, sectionName: "https-omani-works" }, GW]), listeners, "gitea");
        assert.deepEqual(refsOf(result.route), [GW]);
        assert.deepEqual(result.removed, [{ gateway: "kube-system/cilium-gateway", sectionName: "https-omani-works", why: "merged-with-whole-gateway-ref" }]);
    });
});
