// scripts/pr-preview.sh and `npm run preview` (the workflow's orchestration) against tiny fake checkouts
// whose `npm run preview:snapshot` / `npm run render` are stubs: which side runs what, the files written,
// the exit code and the comment. The real snapshot and comment are tested in test/tools/pr-comment/; a
// full run against the real project takes ~30 s and was done by hand.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/sovereigns";

// Stub CLI. `snapshot --out f`: one ConfigMap per stack holding its file; a stack file containing
// "fail-check" is refused with a message and fix. `render --stack s --out dir`: the same ConfigMap as a
// rendered YAML file (for a checkout from before preview:snapshot).
const STUB = `
const fs = require("fs"), path = require("path");
const [cmd, ...argv] = process.argv.slice(2);
const arg = (f) => argv[argv.indexOf(f) + 1];
const object = (stack, content) => ({ namespace: "apps", kind: "ConfigMap", name: stack,
    body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: stack, namespace: "apps" }, data: { content } } });
const report = (stack) => ({ stack, stackFile: "stacks/Pulumi." + stack + ".yaml", zones: [], mode: "cilium", notes: [],
    attachment: { mode: "cilium", parents: [], listeners: [], routes: [] }, failures: [], count: { routes: 0, attached: 0 } });
const read = (stack) => fs.readFileSync(path.join("stacks", "Pulumi." + stack + ".yaml"), "utf8");
if (cmd === "snapshot") {
    const stacks = fs.readdirSync("stacks").filter((f) => f.endsWith(".yaml")).map((f) => f.slice(7, -5)).sort().map((stack) => {
        const content = read(stack);
        const stackFile = "stacks/Pulumi." + stack + ".yaml";
        return content.includes("fail-check")
            ? { stack, stackFile, outcome: { kind: "refused", message: stackFile + ": sectionName https names no listener. Fix: remove sectionName" }, objects: [] }
            : { stack, stackFile, outcome: { kind: "checked", report: report(stack) }, objects: [object(stack, content)] };
    });
    fs.writeFileSync(arg("--out"), JSON.stringify({ format: "sovereign-stacks/preview-snapshot/v1", stacks }));
    console.error("snapshot: " + stacks.length + " stacks");
} else {
    const stack = arg("--stack"), out = arg("--out");
    const content = read(stack);
    if (content.includes("fail-render")) { console.error("render: broken"); process.exit(1); }
    fs.mkdirSync(out, { recursive: true });
    const yaml = "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: " + stack + "\\n  namespace: apps\\ndata:\\n  content: " + JSON.stringify(content) + "\\n";
    fs.writeFileSync(path.join(out, "apps.yaml"), "# Rendered offline by sovereign-stacks from x; do not edit.\\n---\\n" + yaml);
}
`;

function fakeCheckout(stacks: Record<string, string>, withSnapshot = true): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-checkout-"));
    const scripts: Record<string, string> = {
        render: "node stub.js render",
        preview: "node -r ts-node/register/transpile-only src/tools/pr-comment/preview-cli.ts",
        ...(withSnapshot ? { "preview:snapshot": "node stub.js snapshot" } : {}),
    };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fake", version: "0.0.0", private: true, scripts }));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: sovereign-stacks\nruntime: nodejs\nstackConfigDir: stacks\n");
    fs.writeFileSync(path.join(dir, "stub.js"), STUB);
    fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\nsrc\ntsconfig.json\n");
    // `npm run preview` and its imports run for real, from the project.
    for (const link of ["node_modules", "src", "tsconfig.json"]) {
        fs.symlinkSync(path.join(REPO_ROOT, link), path.join(dir, link));
    }
    fs.mkdirSync(path.join(dir, "stacks"));
    writeStacks(dir, stacks);
    return dir;
}

function writeStacks(dir: string, stacks: Record<string, string>): void {
    for (const f of fs.readdirSync(path.join(dir, "stacks"))) {
        fs.rmSync(path.join(dir, "stacks", f));
    }
    for (const [name, content] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${name}.yaml`), content);
    }
}

const SHAS = { BASE_SHA: "1111111111111111", HEAD_SHA: "2222222222222222" };

function preview(base: string, head: string) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "preview-out-"));
    const r = spawnSync("bash", [path.join(REPO_ROOT, "scripts/pr-preview.sh"), base, head, out], { encoding: "utf8", env: { ...process.env, ...SHAS } });
    return { ...r, out, read: (file: string) => fs.readFileSync(path.join(out, file), "utf8") };
}

const lead = (comment: string) => comment.slice(0, comment.search(/\n\n(### `|<details>|\*\*Notes)/));

describe("scripts/pr-preview.sh and npm run preview (fake checkouts)", function () {
    this.timeout(120_000);

    it("snapshots both sides, puts the refused head stack first, and exits 1", () => {
        const base = fakeCheckout({ alpha: "zones: [a]\n", gone: "zones: [g]\n", same: "s\n" });
        const head = fakeCheckout({ alpha: "zones: [a, b]\n", fresh: "fail-check\n", same: "s\n" });
        const r = preview(base, head);
        assert.equal(r.status, 1, r.stderr);
        assert.deepEqual(fs.readdirSync(r.out).sort(), ["comment.md", "full-comment.md", "logs", "snapshot-base.json", "snapshot-head.json"]);
        assert.equal(r.read("logs/snapshot-base.log"), "snapshot: 3 stacks\n");
        assert.equal(lead(r.read("comment.md")), [
            "<!-- sovereign-stacks-preview -->",
            "",
            "## Sovereign stacks: preview",
            "",
            "### Failing",
            "",
            "**`fresh`** (`stacks/Pulumi.fresh.yaml`): the program refused the stack; nothing would be registered:",
            "",
            "```text",
            "stacks/Pulumi.fresh.yaml: sectionName https names no listener. Fix: remove sectionName",
            "```",
            "",
            "Base `111111111111` → head `222222222222` · 4 stacks: 3 changed, 1 unchanged · attachment **FAILED** on `fresh`",
            "",
            "- `alpha`: attachment passed · 0 to create, 1 to update, 0 to delete",
            "- `fresh`: new stack, **refused** by the program · objects not compared: the head did not render",
            "- `gone`: stack removed · 0 to create, 0 to update, 1 to delete",
            "- `same`: attachment passed · no change",
        ].join("\n"));
        assert.ok(r.read("comment.md").includes("- update **ConfigMap** `apps/alpha`: data.content zones: [a]\n → zones: [a, b]\n"));
        assert.match(r.stderr, /preview: .*comment\.md \(\d+ characters\); failing: fresh\n$/);
    });

    it("a base from before preview:snapshot is rendered with its own npm run render, and not checked", () => {
        const base = fakeCheckout({ alpha: "zones: [a]\n", broken: "fail-render\n" }, false);
        const head = fakeCheckout({ alpha: "zones: [a]\n", broken: "ok\n" });
        const r = preview(base, head);
        assert.equal(r.status, 0, r.stderr);
        const comment = r.read("comment.md");
        assert.ok(comment.includes("- `alpha`: attachment passed · no change\n- `broken`: attachment passed (failed on base) · objects not compared: the base did not render\n"), comment);
        assert.ok(comment.includes("- The base has no `npm run preview:snapshot`: its objects come from `npm run render` and its routes were not checked, so route and listener changes are not compared."), comment);
        assert.equal(r.read("logs/render-base-broken.log"), "render: broken\n");
    });

    it("npm run preview -- --base <git ref> compares a commit of the same checkout with the work tree", () => {
        const repo = fakeCheckout({ alpha: "zones: [a]\n" });
        const git = (...args: string[]) => {
            const g = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" });
            assert.equal(g.status, 0, g.stderr);
            return g.stdout.trim();
        };
        git("init", "-q");
        git("add", "-A");
        git("commit", "-qm", "base");
        const sha = git("rev-parse", "--short=12", "HEAD");
        writeStacks(repo, { alpha: "zones: [a, b]\n" });
        const out = path.join(repo, "out-preview");
        const r = spawnSync("npm", ["run", "--silent", "preview", "--", "--base", "HEAD", "--out", out], { cwd: repo, encoding: "utf8", env: { ...process.env, BASE_SHA: "", HEAD_SHA: "" } });
        assert.equal(r.status, 0, r.stderr);
        const comment = fs.readFileSync(path.join(out, "comment.md"), "utf8");
        assert.ok(comment.includes(`Base \`${sha}\` → head \`${sha} + uncommitted changes\` · 1 stack: 1 changed, 0 unchanged · attachment passed on every stack\n\n- \`alpha\`: attachment passed · 0 to create, 1 to update, 0 to delete\n`), comment);
        assert.ok(comment.includes("- Base HEAD ("), "the note says how the base was made");
    });

    it("usage errors exit 2", () => {
        const r = spawnSync("bash", [path.join(REPO_ROOT, "scripts/pr-preview.sh"), "/nonexistent"], { encoding: "utf8" });
        assert.equal(r.status, 2);
        assert.match(r.stderr, /^usage: bash scripts\/pr-preview\.sh <base checkout> <head checkout> <out dir>/);
        const head = fakeCheckout({ alpha: "a\n" });
        const bad = spawnSync("npm", ["run", "--silent", "preview", "--", "--base", "no-such-ref"], { cwd: head, encoding: "utf8" });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /^preview: --base no-such-ref: neither a folder nor a git ref of /);
    });
});
