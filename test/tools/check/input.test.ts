// What `npm run check` feeds the checker: the plan's Gateways and routes plus the HTTPRoute objects the
// program registers (read back from the rendered documents), one per namespace/name.

import { strict as assert } from "node:assert";
import type { HTTPRoute } from "../../../src/model/gateway-api";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { routeFromDocument, unionRoutes } from "../../../src/tools/check/input";
import { buildCheckReport } from "../../../src/tools/check/report";
import { planSovereign } from "../../../src/plan/sovereign-plan";
import { specFrom, zonesOf } from "../../support/sovereigns";

const SHARED = { name: "cilium-gateway", namespace: "kube-system" };

function routeDoc(namespace: string, name: string, hostnames: string[], parentRef: Record<string, unknown>): RenderedDocument {
    return {
        namespace,
        kind: "HTTPRoute",
        name,
        body: { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name, namespace }, spec: { parentRefs: [parentRef], hostnames, rules: [] } },
    };
}

const planned = (namespace: string, name: string, hostnames: string[]): HTTPRoute => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, namespace },
    spec: { parentRefs: [SHARED], hostnames },
});

describe("check: input", () => {
    it("reads HTTPRoute documents and ignores everything else", () => {
        const doc = routeDoc("mail", "webmail", ["mail.acme.com"], { name: "console-acme", kind: "ListenerSet" });
        assert.deepEqual(routeFromDocument(doc), {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: { name: "webmail", namespace: "mail" },
            spec: { parentRefs: [{ name: "console-acme", kind: "ListenerSet" }], hostnames: ["mail.acme.com"] },
        });
        assert.equal(routeFromDocument({ namespace: "mail", kind: "Service", name: "web", body: { apiVersion: "v1", kind: "Service" } }), undefined);
        assert.equal(routeFromDocument({ namespace: "x", kind: "HTTPRoute", name: "r", body: { apiVersion: "example.com/v1", kind: "HTTPRoute" } }), undefined);
    });

    it("unions planned and rendered routes by namespace/name, sorted; a rendered route that differs wins, with a note", () => {
        const { routes, notes } = unionRoutes(
            [planned("keycloak", "keycloak", ["auth.x.omani.works"]), planned("gitea", "gitea", ["gitea.x.omani.works"])],
            [routeDoc("gitea", "gitea", ["gitea.x.omani.works"], SHARED), routeDoc("keycloak", "keycloak", ["sso.x.omani.works"], SHARED), routeDoc("mail", "webmail", ["mail.x.omani.works"], SHARED)],
        );
        assert.deepEqual(
            routes.map((r) => `${r.metadata.namespace}/${r.metadata.name} ${r.spec.hostnames?.join(",")}`),
            ["gitea/gitea gitea.x.omani.works", "keycloak/keycloak sso.x.omani.works", "mail/webmail mail.x.omani.works"],
        );
        assert.deepEqual(notes, ["HTTPRoute keycloak/keycloak: the rendered object's parentRefs/hostnames differ from the plan's prediction; the rendered one is checked"]);
    });

    it("a program-created route the plan does not predict is still checked, and can fail the check", () => {
        const plan = planSovereign(specFrom({ fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") }));
        const extra = [routeDoc("mail", "webmail", ["mail.omani.homes"], SHARED), routeDoc("mail", "pinned", ["mail.omani.homes"], { ...SHARED, sectionName: "https" })];
        const report = buildCheckReport({ stack: "t", stackFile: "f", zones: [], plan, documents: extra }, "cilium");
        assert.deepEqual(report.count, { routes: plan.routes.length + 2, attached: plan.routes.length + 1 });
        assert.deepEqual(
            report.failures.map((f) => f.message),
            [
                "HTTPRoute mail/pinned -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent " +
                    "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
            ],
        );
        const webmail = report.attachment.parents.find((p) => p.route.name === "webmail")!;
        assert.deepEqual(webmail.attachedListeners, ["https-omani-homes", "http-omani-homes"]);
    });
});
