import { strict as assert } from "node:assert";
import { guardRouteParentRefs } from "../../src/proof/route-guard";

// A two-zone Sovereign: no listener is called plain "https" any more.
const listeners = new Map([
    ["kube-system/cilium-gateway", ["https-omani-works", "http-omani-works", "https-omani-homes", "http-omani-homes"]],
    ["kube-system/cilium-gateway-console", ["console-https", "console-http"]],
]);

function route(parentRefs: Record<string, unknown>[], namespace?: string) {
    return {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "gitea", ...(namespace ? { namespace } : {}) },
        spec: { parentRefs, hostnames: ["git.omani.works"] },
    };
}

describe("route guard", () => {
    it("drops sectionName https on a two-zone Sovereign", () => {
        const input = route([{ name: "cilium-gateway", namespace: "kube-system", sectionName: "https" }], "gitea");
        const { route: out, removed } = guardRouteParentRefs(input, listeners, "gitea");
        assert.deepEqual((out.spec as { parentRefs: unknown[] }).parentRefs, [{ name: "cilium-gateway", namespace: "kube-system" }]);
        assert.deepEqual(removed, [{ gateway: "kube-system/cilium-gateway", sectionName: "https", why: "no-such-listener" }]);
        // The input is not modified.
        assert.deepEqual(input.spec.parentRefs, [{ name: "cilium-gateway", namespace: "kube-system", sectionName: "https" }]);
    });

    it("keeps a sectionName that names a real listener", () => {
        const input = route([{ name: "cilium-gateway", namespace: "kube-system", sectionName: "https-omani-homes" }]);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.equal(result.route, input);
        assert.deepEqual(result.removed, []);
    });

    it("defaults the parent namespace to the route's namespace, then to the chart namespace", () => {
        const inRouteNs = guardRouteParentRefs(route([{ name: "cilium-gateway", sectionName: "https" }], "kube-system"), listeners, "gitea");
        assert.deepEqual(inRouteNs.removed.map((r) => r.gateway), ["kube-system/cilium-gateway"]);
        // In namespace gitea there is no known Gateway called cilium-gateway: left alone.
        const elsewhere = guardRouteParentRefs(route([{ name: "cilium-gateway", sectionName: "https" }]), listeners, "gitea");
        assert.deepEqual(elsewhere.removed, []);
    });

    it("leaves parents it does not know, and non-Gateway parents, alone", () => {
        const refs = [
            { name: "other-gateway", namespace: "kube-system", sectionName: "https" },
            { group: "", kind: "Service", name: "cilium-gateway", namespace: "kube-system", sectionName: "https" },
        ];
        const result = guardRouteParentRefs(route(refs), listeners, "gitea");
        assert.deepEqual((result.route.spec as { parentRefs: unknown[] }).parentRefs, refs);
        assert.deepEqual(result.removed, []);
    });

    it("collapses refs to one Gateway once they lose their sectionName (CEL forbids duplicates)", () => {
        const input = route([
            { name: "cilium-gateway", namespace: "kube-system", sectionName: "https" },
            { name: "cilium-gateway", namespace: "kube-system", sectionName: "http" },
            { name: "cilium-gateway-console", namespace: "kube-system", sectionName: "console-https" },
        ]);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.deepEqual((result.route.spec as { parentRefs: unknown[] }).parentRefs, [
            { name: "cilium-gateway", namespace: "kube-system" },
            { name: "cilium-gateway-console", namespace: "kube-system", sectionName: "console-https" },
        ]);
        assert.deepEqual(result.removed, [
            { gateway: "kube-system/cilium-gateway", sectionName: "https", why: "no-such-listener" },
            { gateway: "kube-system/cilium-gateway", sectionName: "http", why: "no-such-listener" },
        ]);
    });

    it("a whole-Gateway ref absorbs a valid pinned ref to the same Gateway", () => {
        const input = route([
            { name: "cilium-gateway", namespace: "kube-system" },
            { name: "cilium-gateway", namespace: "kube-system", sectionName: "https-omani-works" },
        ]);
        const result = guardRouteParentRefs(input, listeners, "gitea");
        assert.deepEqual((result.route.spec as { parentRefs: unknown[] }).parentRefs, [{ name: "cilium-gateway", namespace: "kube-system" }]);
        assert.deepEqual(result.removed, [{ gateway: "kube-system/cilium-gateway", sectionName: "https-omani-works", why: "merged-with-whole-gateway-ref" }]);
    });

    it("passes through routes without parentRefs", () => {
        const input = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "x" }, spec: {} };
        assert.equal(guardRouteParentRefs(input, listeners, "ns").route, input);
    });
});
