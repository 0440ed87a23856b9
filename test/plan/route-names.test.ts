import { strict as assert } from "node:assert";
import { CATALOG } from "../../src/model/blueprint-catalog";
import { aliasRouteName, helmFullname, routeName } from "../../src/rules/chart-route-names";
import { templateTruthy } from "../../src/model/template-truthiness";
import { compareSemver } from "../../src/rules/name-rules";

describe("route names as the charts give them", () => {
    it("helmFullname: <release>-<chart>, the release alone when it contains the chart name, or fullnameOverride", () => {
        assert.equal(helmFullname({}, "newapi", "bp-newapi"), "newapi-bp-newapi");
        assert.equal(helmFullname({}, "bp-newapi-main", "bp-newapi"), "bp-newapi-main");
        assert.equal(helmFullname({ nameOverride: "llm" }, "newapi", "bp-newapi"), "newapi-llm");
        assert.equal(helmFullname({ nameOverride: "api" }, "myapi", "bp-newapi"), "myapi");
        assert.equal(helmFullname({ fullnameOverride: "gw", nameOverride: "api" }, "newapi", "bp-newapi"), "gw");
        assert.equal(helmFullname({ fullnameOverride: "" }, "newapi", "bp-newapi"), "newapi-bp-newapi");
    });

    it("helmFullname: truncated to 63 characters, then one trailing '-' dropped", () => {
        const release = `${"a".repeat(52)}`;
        // "<52 a>-bp-stalwart-tenant" is 71 characters; the first 63 end in "-bp-stalwar".
        assert.equal(helmFullname({}, release, "bp-stalwart-tenant"), `${release}-bp-stalwar`);
        assert.equal(helmFullname({ fullnameOverride: `${"b".repeat(62)}-x` }, "r", "c"), "b".repeat(62));
    });

    it("routeName: the value at the path, else the chart's literal fallback", () => {
        const rule = CATALOG.gitea.route.name;
        assert.equal(routeName(rule, {}, "anything"), "gitea");
        assert.equal(routeName(rule, { gateway: { name: "git" } }, "anything"), "git");
        assert.equal(routeName(rule, { gateway: { name: "" } }, "anything"), "gitea");
        assert.equal(routeName(CATALOG.powerdns.route.name, { api: { gateway: { name: "pdns" } } }, "powerdns"), "pdns");
    });

    it("routeName: <fullname><suffix> for newapi and stalwart-tenant", () => {
        assert.equal(routeName(CATALOG.newapi.route.name, {}, "newapi"), "newapi-bp-newapi-public");
        assert.equal(routeName(CATALOG["stalwart-tenant"].route.name, {}, "stalwart-acme"), "stalwart-acme-bp-stalwart-tenant-webmail");
    });

    it("aliasRouteName: harbor-alias-redirect whatever the release, fullnameOverride renames it", () => {
        const alias = CATALOG.harbor.route.aliasRoute!;
        assert.equal(aliasRouteName(alias, {}), "harbor-alias-redirect");
        assert.equal(aliasRouteName(alias, { fullnameOverride: "reg" }), "reg-alias-redirect");
        assert.equal(aliasRouteName(alias, { gateway: { name: "x" } }), "harbor-alias-redirect");
    });

    it("templateTruthy follows Go templates", () => {
        assert.deepEqual([undefined, null, false, 0, "", [], {}].map(templateTruthy), [false, false, false, false, false, false, false]);
        assert.deepEqual([true, 1, "false", [0], { a: 1 }].map(templateTruthy), [true, true, true, true, true]);
    });
});

describe("catalog default versions", () => {
    it("each names where it was read: <path>@<12-hex commit> in openova-io/openova, under the chart's own folder", () => {
        for (const def of Object.values(CATALOG).filter((d) => d.name !== "powerdns")) {
            assert.match(def.defaultVersionSource, new RegExp(`^platform/${def.name}/\\S+@[0-9a-f]{12}$`), def.name);
        }
        // No bp-powerdns Chart.yaml at or after its fix is readable; the source says so instead of inventing one.
        assert.match(CATALOG.powerdns.defaultVersionSource, /^platform\/powerdns\/chart\/Chart\.yaml \(TBD-A40 \/ issue #1902 bump; newest readable 1\.0\.6@[0-9a-f]{12}\)$/);
    });

    it("bp-harbor defaults to 1.2.49 (the alias fix) and bp-newapi to at least 1.4.149", () => {
        assert.equal(CATALOG.harbor.defaultVersion, CATALOG.harbor.route.aliasRoute?.fixedIn);
        assert.ok(compareSemver(CATALOG.newapi.defaultVersion, "1.4.149") >= 0);
    });
});
