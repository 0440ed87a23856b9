import { strict as assert } from "node:assert";
import { chartRoutes } from "../../src/plan/chart-routes";
import { attachmentFailures, checkSovereignAttachment } from "../../src/proof/sovereign-attachment";
import { planSovereign } from "../../src/plan/sovereign-plan";
import { specFrom, zonesOf } from "../support/sovereigns";

const twoZones = () => planSovereign(specFrom({ fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") }));

describe("the program's own attachment proof", () => {
    it("predicts each chart's routes, with the names the charts give them, from its values (harbor renders two)", () => {
        const plan = twoZones();
        const summary = plan.routes.map((r) => `${r.metadata.namespace}/${r.metadata.name} ${r.spec.hostnames?.join(",")} ${JSON.stringify(r.spec.parentRefs)}`);
        assert.deepEqual(summary, [
            'gitea/gitea gitea.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'grafana/grafana grafana.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'harbor/harbor registry.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'harbor/harbor-alias-redirect harbor.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'keycloak/keycloak auth.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'newapi/newapi-bp-newapi-public newapi.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'openbao/openbao bao.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
            'powerdns/powerdns-api pdns.omantel.omani.works [{"name":"cilium-gateway","namespace":"kube-system"}]',
        ]);
    });

    it("every planned route of a two-zone Sovereign attaches", () => {
        const report = checkSovereignAttachment(twoZones());
        assert.deepEqual(attachmentFailures(report), []);
        const gitea = report.parents.find((p) => p.route.name === "gitea")!;
        assert.deepEqual(gitea.attachedListeners, ["https-omani-works", "http-omani-works", "https-omantel-omani-works", "http-omantel-omani-works"]);
    });

    it("a chart route pinned to https on two zones is reported with route, parent, reason and fix", () => {
        const plan = twoZones();
        const harbor = plan.blueprints.find((b) => b.definition.name === "harbor")!;
        // What bp-harbor before 1.2.49 renders (the config reader refuses it): the alias route falls back to sectionName "https".
        const unhandled = { ...harbor, version: "1.2.43", values: { gateway: { enabled: true, host: "registry.omantel.omani.works" } } };
        const failures = attachmentFailures(checkSovereignAttachment({ ...plan, routes: chartRoutes(unhandled) }));
        assert.deepEqual(failures, [
            "HTTPRoute harbor/harbor-alias-redirect -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent (No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
        ]);
    });

    it("a route whose host no listener serves is reported as NoMatchingListenerHostname", () => {
        const plan = twoZones();
        const stray = { ...plan.routes[0], spec: { ...plan.routes[0].spec, hostnames: ["git.example.com"] } };
        const failures = attachmentFailures(checkSovereignAttachment({ ...plan, routes: [stray] }));
        assert.equal(failures.length, 1);
        assert.match(failures[0], /^HTTPRoute gitea\/gitea -> Gateway kube-system\/cilium-gateway: Accepted=False, reason NoMatchingListenerHostname/);
    });

    it("switching a chart's route off predicts no route", () => {
        const plan = twoZones();
        const gitea = plan.blueprints.find((b) => b.definition.name === "gitea")!;
        assert.deepEqual(chartRoutes({ ...gitea, values: { gateway: { enabled: false, host: "gitea.x" } } }), []);
    });
});
