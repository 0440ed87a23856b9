// The comment's layout and size handling on hand-built snapshots (the golden tests use real renders).

import { strict as assert } from "node:assert";
import type { RenderedDocument } from "../../../src/tools/render/documents";
import { COMMENT_MARKER, composePreviewComment, reviewAll } from "../../../src/tools/pr-comment/comment";
import { PreviewSnapshot, SNAPSHOT_FORMAT, StackSnapshot, parseSnapshot, snapshotJson } from "../../../src/tools/pr-comment/snapshot";
import { stackSummaryLine } from "../../../src/tools/pr-comment/summary-lines";
import { smallReport } from "../check/fixtures";
import { reportFor } from "../../../src/tools/check/report";

const configMap = (name: string, data: Record<string, string>): RenderedDocument => ({
    namespace: "apps",
    kind: "ConfigMap",
    name,
    body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "apps" }, data },
});

/** A passing check report (the fixture's attachment without its failing route). */
function passingReport(stack: string) {
    const failing = smallReport();
    const attachment = { ...failing.attachment, parents: failing.attachment.parents.slice(0, 1), routes: failing.attachment.routes.slice(0, 1) };
    return reportFor({ stack, stackFile: `stacks/Pulumi.${stack}.yaml`, zones: ["omani.works"], mode: "cilium", notes: [] }, attachment);
}

const checked = (stack: string, objects: RenderedDocument[], report = passingReport(stack)): StackSnapshot => ({ stack, stackFile: `stacks/Pulumi.${stack}.yaml`, outcome: { kind: "checked", report }, objects });
const snapshot = (...stacks: StackSnapshot[]): PreviewSnapshot => ({ format: SNAPSHOT_FORMAT, stacks });

describe("pull-request comment: layout and size", () => {
    it("a failing route comes first with its fix, then the headline, one line per stack (new and removed ones too)", () => {
        const base = snapshot(checked("alpha", [configMap("a", { k: "1" })]), checked("gone", [configMap("g", {})]));
        const failing = { ...smallReport(), stack: "alpha", stackFile: "stacks/Pulumi.alpha.yaml" };
        const head = snapshot(checked("alpha", [configMap("a", { k: "1" })], failing), checked("fresh", [configMap("f", {})]));
        const body = composePreviewComment({ base, head, notes: ["a note"] }).body;
        const lines = body.split("\n");
        assert.deepEqual(lines.slice(0, 16), [
            COMMENT_MARKER,
            "",
            "## Sovereign stacks: preview",
            "",
            "### Failing",
            "",
            "**`alpha`** (`stacks/Pulumi.alpha.yaml`): 1 route does not attach:",
            "",
            "- HTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent (No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
            "",
            "3 stacks: 3 changed, 0 unchanged · attachment **FAILED** on `alpha`",
            "",
            "- `alpha`: attachment **FAILED** (passed on base) · 0 to create, 0 to update, 0 to delete · route: `keycloak/keycloak` added, not attached (NoMatchingParent)",
            "- `fresh`: new stack, attachment passed · 1 to create, 0 to update, 0 to delete · route: `gitea/gitea` added, serves git.omani.works via https-omani-works",
            "- `gone`: stack removed · 0 to create, 0 to update, 1 to delete · route: `gitea/gitea` removed",
            "",
        ]);
        assert.ok(body.includes("<details><summary>Attachment: <code>alpha</code> (routes, listeners, diagram)</summary>"));
        assert.ok(body.endsWith("**Notes**\n\n- a note\n"), body.slice(-200));
    });

    it("shows attachment detail only for stacks whose routes, listeners or verdict changed, or that fail", () => {
        const same = checked("same", [configMap("a", { k: "1" })]);
        const changedObjects = checked("objects", [configMap("a", { k: "2" })]);
        const base = snapshot(same, checked("objects", [configMap("a", { k: "1" })]));
        const body = composePreviewComment({ base, head: snapshot(same, changedObjects), notes: [] }).body;
        assert.ok(!body.includes("Attachment:"), "objects changed, attachment did not");
        assert.ok(body.includes("- `objects`: attachment passed · 0 to create, 1 to update, 0 to delete\n- `same`: attachment passed · no change\n"));
        assert.ok(body.includes("### `objects`\n\n- update **ConfigMap** `apps/a`: data.k 1 → 2\n\n<details><summary>Diff per object (1)</summary>\n\nupdate `ConfigMap apps/a`\n\n```diff\n--- base/objects/ConfigMap/apps/a\n"));
    });

    it("cuts detail from the end first to fit the limit, and says where the whole comment is", () => {
        const big = (stack: string, v: string) => checked(stack, Array.from({ length: 30 }, (_, i) => configMap(`cm-${i}`, Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`key-${j}`, `${v}-${j}`])))));
        const base = snapshot(big("one", "a"), big("two", "a"));
        const head = snapshot(big("one", "b"), big("two", "b"));
        const comment = composePreviewComment({ base, head, notes: [] }, 20_000);
        assert.ok(comment.body.length <= 20_000, String(comment.body.length));
        assert.ok(comment.full.length > 65_536, String(comment.full.length));
        assert.ok(comment.cut > 0);
        // Both summary lines and the first stack's object list survive; the second stack's diffs go first.
        assert.ok(comment.body.includes("- `one`: attachment passed · 0 to create, 30 to update, 0 to delete\n- `two`: attachment passed · 0 to create, 30 to update, 0 to delete\n"));
        assert.ok(comment.body.includes("### `one`\n\n- update **ConfigMap** `apps/cm-0`: data.key-0 a-0 → b-0; data.key-1 a-1 → b-1; data.key-10 a-10 → b-10; and 37 more\n"));
        assert.match(comment.body, /_\d+ more object diffs in the workflow run's `preview` artifact\._\n\n<\/details>/);
        assert.match(comment.body, new RegExp(`_Cut to fit GitHub's comment limit: ${comment.cut} of 62 detail sections left out, from the end\\. The whole comment is \`full-comment\\.md\` in the workflow run's \`preview\` artifact\\._\\n$`));
        assert.equal((comment.body.match(/<details>/g) ?? []).length, (comment.body.match(/<\/details>/g) ?? []).length, "every fold is closed");
        assert.equal((comment.body.match(/^```/gm) ?? []).length % 2, 0, "every fence is closed");
    });

    it("cuts even the summary at a line boundary when nothing else is left, closing an open fence", () => {
        const message = Array.from({ length: 30 }, (_, i) => `line ${i} of a long refusal`).join("\n");
        const refused: StackSnapshot = { stack: "t28", stackFile: "stacks/Pulumi.t28.yaml", outcome: { kind: "refused", message }, objects: [] };
        const comment = composePreviewComment({ base: snapshot(), head: snapshot(refused), notes: [] }, 600);
        assert.ok(comment.body.length <= 600, String(comment.body.length));
        assert.match(comment.body, /\nline \d+ of a long refusal\n```\n\n_Cut to fit GitHub's comment limit; the whole comment is `full-comment\.md` in the workflow run's `preview` artifact\._\n$/);
    });

    it("a base rendered by an older checkout (objects only) compares objects, not routes", () => {
        const old: StackSnapshot = { stack: "t28", stackFile: "stacks/Pulumi.t28.yaml", outcome: { kind: "unchecked" }, objects: [configMap("a", { k: "1" })] };
        const [review] = reviewAll(snapshot(old), snapshot(checked("t28", [configMap("a", { k: "1" })])));
        assert.equal(stackSummaryLine(review), "- `t28`: attachment passed · no change");
    });

    it("snapshots round-trip through JSON and a file of another kind is refused by name", () => {
        const s = snapshot(checked("t28", [configMap("a", { k: "1" })]));
        assert.deepEqual(parseSnapshot(snapshotJson(s), "snap.json"), s);
        assert.throws(() => parseSnapshot("{}", "snap.json"), /^Error: snap\.json: not a preview snapshot/);
        assert.throws(() => parseSnapshot("nope", "snap.json"), /^Error: snap\.json: not JSON/);
    });
});
