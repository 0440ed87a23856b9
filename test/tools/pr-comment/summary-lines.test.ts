import { strict as assert } from "node:assert";
import { SovereignConfigError } from "../../../src/config/issues";
import { firstFew, listDelta, routeChangeText } from "../../../src/tools/pr-comment/summary-lines";
import { snapshotStack } from "../../../src/tools/pr-comment/stack-snapshot";

describe("pull-request comment: summary phrases", () => {
    it("lists a few items, then how many more", () => {
        assert.equal(firstFew(["a", "b"]), "a, b");
        assert.equal(firstFew(["a", "b", "c", "d", "e", "f"], "tenants"), "a, b, c, d and 2 more tenants");
        assert.equal(firstFew(["a", "b", "c"], "", 2), "a, b and 1 more");
    });

    it("shows only the listeners that changed, or both sides whole when a side does not attach", () => {
        assert.equal(listDelta("http, http-t28, https, https-t28", "http-omani-works, http-t28, https-omani-works, https-t28"), "http, https → http-omani-works, https-omani-works");
        assert.equal(listDelta("https", "not attached (NoMatchingParent)"), "https → not attached (NoMatchingParent)");
        assert.equal(listDelta("a, b", "a"), "b → (none)");
    });

    it("says what changed for a route: attached listeners, served hosts, or that it came or went", () => {
        const before = { attached: "https", serving: "a.example via https" };
        assert.equal(routeChangeText({ route: "x/y", before, after: { attached: "https-z", serving: "a.example via https-z" } }), "attached https → https-z, serves a.example via https → a.example via https-z");
        assert.equal(routeChangeText({ route: "x/y", after: before }), "added, serves a.example via https");
        assert.equal(routeChangeText({ route: "x/y", after: { attached: "not attached (NoMatchingParent)", serving: "nothing" } }), "added, not attached (NoMatchingParent)");
        assert.equal(routeChangeText({ route: "x/y", before }), "removed");
    });
});

describe("pull-request comment: one stack's snapshot", () => {
    const isConfigError = (err: unknown) => err instanceof SovereignConfigError;

    it("a config error is the program's refusal, with its message; anything else is a crash", async () => {
        const refused = await snapshotStack("t28", "stacks/Pulumi.t28.yaml", "/p", async () => {
            throw new SovereignConfigError([{ file: "stacks/Pulumi.t28.yaml", path: "sovereign-stacks:fqdn", value: "T28", problem: "not lowercase", fix: "write t28" }]);
        }, isConfigError);
        assert.deepEqual(refused.outcome, {
            kind: "refused",
            message: '1 configuration error; nothing was registered:\n  - stacks/Pulumi.t28.yaml: sovereign-stacks:fqdn = "T28": not lowercase. Fix: write t28',
        });
        assert.deepEqual(refused.objects, []);
        const crashed = await snapshotStack("t28", "stacks/Pulumi.t28.yaml", "/p", async () => {
            throw new TypeError("boom");
        }, isConfigError);
        assert.deepEqual(crashed, { stack: "t28", stackFile: "stacks/Pulumi.t28.yaml", outcome: { kind: "error", message: "boom" }, objects: [] });
    });
});
