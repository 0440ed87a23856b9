// Golden tests of the pull-request comment, one per kind of change a reviewer meets, each from real offline
// renders of a small Sovereign (base: stack t28 on omani.works) before and after. They pin the lines a
// reviewer reads first: the failing check, the headline and the one summary line per stack.

import { strict as assert } from "node:assert";
import { composePreviewComment, reviewAll } from "../../../src/tools/pr-comment/comment";
import type { PreviewSnapshot } from "../../../src/tools/pr-comment/snapshot";
import { objectChangeLines, stackSummaryLine } from "../../../src/tools/pr-comment/summary-lines";
import { BASE_VALUES, snapshotOf } from "./golden-support";

/** The comment up to the first per-stack section: marker, title, failures, headline, summary lines. */
function leadOf(base: PreviewSnapshot, head: PreviewSnapshot): string[] {
    const body = composePreviewComment({ baseLabel: "aaaaaaaaaaaa", headLabel: "bbbbbbbbbbbb", base, head, notes: [] }).body;
    const end = body.search(/\n\n(### `|<details>)/);
    // The stack file the program names is a temporary copy; show it as the stack's own file.
    return (end < 0 ? body : body.slice(0, end)).replace(/[^\s`(]*Pulumi\.t28\.yaml/g, "stacks/Pulumi.t28.yaml").trimEnd().split("\n");
}

const summaryLines = (base: PreviewSnapshot, head: PreviewSnapshot) => reviewAll(base, head).map(stackSummaryLine);

const HEADER = ["<!-- sovereign-stacks-preview -->", "", "## Sovereign stacks: preview", ""];

describe("pull-request comment: golden cases (real renders of stack t28)", function () {
    this.timeout(120_000);
    let base: PreviewSnapshot;

    before(async () => {
        base = await snapshotOf(BASE_VALUES);
    });

    it("no change at all: one line, nothing else", async () => {
        const head = await snapshotOf(BASE_VALUES);
        assert.deepEqual(summaryLines(base, head), ["- `t28`: attachment passed · no change"]);
        assert.deepEqual(leadOf(base, head), [...HEADER, "Base `aaaaaaaaaaaa` → head `bbbbbbbbbbbb` · 1 stack: 0 changed, 1 unchanged · attachment passed on every stack", "", "- `t28`: attachment passed · no change"]);
        const comment = composePreviewComment({ base, head, notes: [] });
        assert.equal(comment.body, comment.full);
        assert.ok(!comment.body.includes("<details>"), "no detail for an unchanged stack");
    });

    it("tenant added: the tenant, its new route and where it is served; its objects by kind", async () => {
        const head = await snapshotOf({
            ...BASE_VALUES,
            tenants: [{ slug: "acme", domain: { mode: "free-subdomain" }, keycloak: { realmURL: "https://auth.t28.omani.works/realms/acme" }, dmarc: { rua: "dmarc@acme.omani.works" } }],
        });
        assert.deepEqual(summaryLines(base, head), [
            "- `t28`: attachment passed · 22 to create, 0 to update, 0 to delete · tenant added: `acme` · route: `tenant-acme/stalwart-acme-user-access` added, serves webmail.acme.omani.works via console-http-acme, console-https-acme",
        ]);
        const [review] = reviewAll(base, head);
        assert.deepEqual(objectChangeLines(review.objects), [
            "- create **Certificate** `tenant-acme/stalwart-acme-tls`",
            "- create **CiliumNetworkPolicy** `tenant-acme/stalwart-acme-gateway-ingress`",
            "- create **ConfigMap** `tenant-acme/acme-dns-records-required`, `tenant-acme/stalwart-acme-config`",
            "- create **CronJob** `tenant-acme/acme-certs`",
            "- create **DNSEndpoint** `tenant-acme/stalwart-acme-dns`",
            "- create **ExternalSecret** `tenant-acme/stalwart-acme-admin`, `tenant-acme/stalwart-oidc`",
            "- create **HTTPRoute** `tenant-acme/stalwart-acme-user-access`",
            "- create **Job** `tenant-acme/stalwart-acme-bootstrap`",
            "- create **ListenerSet** `tenant-acme/console-acme`",
            "- create **Namespace** `tenant-acme`",
            "- create **NetworkPolicy** `tenant-acme/stalwart-acme`, `tenant-acme/stalwart-acme-bootstrap`, `tenant-acme/stalwart-acme-cert-reload`, `tenant-acme/stalwart-acme-default-deny`",
            "- create **Secret** `tenant-acme/stalwart-acme-dkim`",
            "- create **Service** `tenant-acme/stalwart-acme-imap`, `tenant-acme/stalwart-acme-smtp`, `tenant-acme/stalwart-acme-web`",
            "- create **ServiceAccount** `tenant-acme/stalwart-acme`",
            "- create **StatefulSet** `tenant-acme/stalwart-acme`",
        ]);
        // The DKIM key is generated: its Secret shows keys, never values, in the diff too.
        const full = composePreviewComment({ base, head, notes: [] }).full;
        const secret = full.slice(full.indexOf("create `Secret tenant-acme/stalwart-acme-dkim`"));
        assert.match(secret, /\n\+stringData:\n\+  ed25519\.key: '\[secret\]'\n\+  rsa\.key: '\[secret\]'\n```/);
        assert.ok(!/BEGIN [A-Z ]*PRIVATE KEY/.test(full), "no private key in the comment");
    });

    it("blueprint host changed: the chart value and the route's served host", async () => {
        const head = await snapshotOf({ ...BASE_VALUES, blueprints: { gitea: { host: "code.t28.omani.works" } } });
        assert.deepEqual(summaryLines(base, head), [
            "- `t28`: attachment passed · 0 to create, 1 to update, 0 to delete · route: `gitea/gitea` serves gitea.t28.omani.works via http-t28-omani-works, https-t28-omani-works → code.t28.omani.works via http-t28-omani-works, https-t28-omani-works",
        ]);
        const [review] = reviewAll(base, head);
        assert.deepEqual(objectChangeLines(review.objects), ["- update **HelmChart** `gitea/gitea`: values.gateway.host gitea.t28.omani.works → code.t28.omani.works"]);
        const body = composePreviewComment({ base, head, notes: [] }).body;
        assert.ok(
            body.includes(
                [
                    "```diff",
                    "--- base/t28/HelmChart/gitea/gitea",
                    "+++ head/t28/HelmChart/gitea/gitea",
                    "@@ -9,7 +9,7 @@",
                    "   values:",
                    "     gateway:",
                    "       enabled: true",
                    "-      host: gitea.t28.omani.works",
                    "+      host: code.t28.omani.works",
                    "       parentRef:",
                    "         name: cilium-gateway",
                    "         namespace: kube-system",
                    "```",
                ].join("\n"),
            ),
            body,
        );
        assert.ok(body.includes("<details><summary>Attachment: <code>t28</code> (routes, listeners, diagram)</summary>"), "a route changed: attachment detail is shown");
    });

    it("zone added: the Gateway's listener renames and every route they move", async () => {
        const head = await snapshotOf({ ...BASE_VALUES, zones: [{ name: "omani.works", role: "primary" }, { name: "omani.homes", role: "org-pool" }] });
        assert.deepEqual(summaryLines(base, head), [
            "- `t28`: attachment passed · 0 to create, 1 to update, 0 to delete · Gateway kube-system/cilium-gateway listeners added `http-omani-homes`, `http-omani-works`, `https-omani-homes`, `https-omani-works`; removed `http`, `https` · 8 routes: `gitea/gitea`, `grafana/grafana`, `harbor/harbor`, `harbor/harbor-alias-redirect` and 4 more attached http, https → http-omani-works, https-omani-works",
        ]);
        const [review] = reviewAll(base, head);
        assert.deepEqual(objectChangeLines(review.objects), [
            "- update **Gateway** `kube-system/cilium-gateway`: spec.listeners[name=https] (removed); spec.listeners[name=http] (removed); spec.listeners[name=https-omani-works] (added) {6 keys}; and 3 more",
        ]);
    });

    it("chart version bump: the chart and its versions", async () => {
        const pinned = await snapshotOf({ ...BASE_VALUES, blueprints: { gitea: { version: "1.2.45" } } });
        const bumped = await snapshotOf({ ...BASE_VALUES, blueprints: { gitea: { version: "1.2.47" } } });
        assert.deepEqual(summaryLines(pinned, bumped), ["- `t28`: attachment passed · 0 to create, 1 to update, 0 to delete · chart `gitea` 1.2.45 → 1.2.47"]);
        const [review] = reviewAll(pinned, bumped);
        assert.deepEqual(objectChangeLines(review.objects), ["- update **HelmChart** `gitea/gitea`: version 1.2.45 → 1.2.47"]);
    });

    it("failing pin: the program's message and fix come first, and the head is not diffed", async () => {
        const head = await snapshotOf({ ...BASE_VALUES, blueprints: { keycloak: { sectionName: "https-omani-homes" } } });
        assert.deepEqual(leadOf(base, head), [
            ...HEADER,
            "### Failing",
            "",
            "**`t28`** (`stacks/Pulumi.t28.yaml`): the program refused the stack; nothing would be registered:",
            "",
            "```text",
            "1 configuration error; nothing was registered:",
            '  - stacks/Pulumi.t28.yaml: sovereign-stacks:blueprints.keycloak.sectionName = "https-omani-homes": names no listener of Gateway kube-system/cilium-gateway; the route would be rejected (Accepted=False, NoMatchingParent). Fix: remove sectionName so the route attaches by hostname (recommended), or use one of: https, http, https-t28-omani-works, http-t28-omani-works',
            "```",
            "",
            "Base `aaaaaaaaaaaa` → head `bbbbbbbbbbbb` · 1 stack: 1 changed, 0 unchanged · attachment **FAILED** on `t28`",
            "",
            "- `t28`: **refused** by the program (passed on base) · objects not compared: the head did not render",
        ]);
    });
});
