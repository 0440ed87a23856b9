// A Sovereign with 1000 tenants: valid objects only (listener budgets, Gateway API names, Kubernetes
// name limits), every route attaching, and stable placement when a tenant is added in the middle.
// (The full mock render at this size takes tens of seconds; `npm run bench` runs it.)

import { strict as assert } from "node:assert";
import { slugDerivedNames } from "../../src/config/tenant-config";
import { listenerProblems } from "../../src/topology/listeners";
import { attachmentFailures, checkSovereignAttachment } from "../../src/proof/sovereign-attachment";
import { SovereignPlan, planSovereign } from "../../src/plan/sovereign-plan";
import type { TenantPlan } from "../../src/plan/tenant-plan";
import { specFrom, zonesOf } from "../support/sovereigns";

const slugOf = (i: number) => `org${String(i).padStart(4, "0")}`;
function tenant(slug: string): Record<string, unknown> {
    const byo = slug.endsWith("0"); // every tenth brings its own domain
    return {
        slug,
        keycloak: { realmURL: `https://auth.big.omani.works/realms/${slug}` },
        ...(byo ? { domain: { mode: "byo", primary: `${slug}.example.com` } } : {}),
    };
}
function sovereign(slugs: string[]): SovereignPlan {
    return planSovereign(specFrom({ fqdn: "big.omani.works", zones: zonesOf("omani.works", "omani.homes"), tenants: slugs.map((s) => tenant(s)) }));
}
const SLUGS = Array.from({ length: 1000 }, (_, i) => slugOf(i));

describe("a Sovereign with 1000 tenants", function () {
    this.timeout(120_000);
    let plan: SovereignPlan;
    before(() => {
        plan = sovereign(SLUGS);
    });

    it("keeps every Gateway and ListenerSet within Gateway API limits", () => {
        assert.equal(plan.tenants.length, 1000);
        for (const g of plan.gateways) {
            assert.deepEqual(listenerProblems(g), [], `${g.namespace}/${g.name}`);
        }
        assert.deepEqual(plan.gateways.map((g) => g.listeners.length), [6, 6]);
        assert.equal(plan.listenerSets.length, 1000);
        for (const ls of plan.listenerSets) {
            assert.deepEqual(listenerProblems({ namespace: ls.metadata.namespace!, name: ls.metadata.name, listeners: ls.spec.listeners }), []);
        }
    });

    it("derives no name over its Kubernetes limit", () => {
        for (const slug of SLUGS) {
            for (const d of slugDerivedNames(slug)) {
                assert.ok(d.name.length <= d.max, `${d.what} ${d.name}`);
            }
        }
    });

    it("attaches every route (1008 routes, Cilium mode)", () => {
        const report = checkSovereignAttachment(plan);
        assert.equal(report.parents.length, plan.routes.length);
        assert.equal(plan.routes.length, 8 + 1000);
        assert.deepEqual(attachmentFailures(report), []);
    });

    it("adding a tenant in the middle changes no other tenant's objects and no Gateway", () => {
        const withNew = sovereign([...SLUGS.slice(0, 500), "org0499b", ...SLUGS.slice(500)]);
        assert.deepEqual(withNew.gateways, plan.gateways);
        const bySlug = (p: SovereignPlan) => new Map<string, TenantPlan>(p.tenants.map((t) => [t.tenant.slug, t]));
        const before = bySlug(plan);
        const after = bySlug(withNew);
        assert.equal(after.size, 1001);
        for (const [slug, t] of before) {
            const a = after.get(slug)!;
            // origin.path records the tenant's index in the inline list, which inserting shifts; nothing else may move.
            assert.deepEqual({ ...a, tenant: { ...a.tenant, origin: null } }, { ...t, tenant: { ...t.tenant, origin: null } }, slug);
        }
        assert.equal(after.get("org0499b")!.listenerSet?.metadata.name, "console-org0499b");
    });
});
