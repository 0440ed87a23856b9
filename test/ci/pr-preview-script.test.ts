// scripts/pr-preview.sh, the workflow's orchestration, against two tiny fake checkouts whose `npm run
// render`/`npm run check` are stubs: which stacks it renders on which side, the diff, the exit code, and
// the comment it composes. (The real render and check are tested on their own; a full run against the
// real project takes ~40 s and was done by hand.)

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/sovereigns";

// Stub CLI: `render --stack s --out dir` copies the stack file into dir/<s>.yaml; `check --stack s --format md
// --out file` writes a one-line report. A stack file containing "fail-render" / "fail-check" makes it fail.
const STUB = `
const fs = require("fs"), path = require("path");
const [cmd, ...argv] = process.argv.slice(2);
const arg = (f) => argv[argv.indexOf(f) + 1];
const stack = arg("--stack"), out = arg("--out");
const content = fs.readFileSync(path.join("stacks", "Pulumi." + stack + ".yaml"), "utf8");
if (cmd === "render") {
    if (content.includes("fail-render")) { console.error("render: broken"); process.exit(1); }
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, stack + ".yaml"), content);
    console.error("render: 1 documents");
} else {
    const failed = content.includes("fail-check");
    fs.writeFileSync(out, "### Route attachment: \`" + stack + "\` " + (failed ? "FAILED" : "passed") + "\\n");
    process.exit(failed ? 1 : 0);
}
`;

function fakeCheckout(stacks: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-checkout-"));
    const pkg = { name: "fake", version: "0.0.0", private: true, scripts: { render: "node stub.js render", check: "node stub.js check" } };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
    fs.writeFileSync(path.join(dir, "stub.js"), STUB);
    // The composer (scripts/pr-comment.ts) and its imports run for real, from the project.
    for (const link of ["node_modules", "scripts", "src", "tsconfig.json"]) {
        fs.symlinkSync(path.join(REPO_ROOT, link), path.join(dir, link));
    }
    fs.mkdirSync(path.join(dir, "stacks"));
    for (const [name, content] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${name}.yaml`), content);
    }
    return dir;
}

function preview(base: string, head: string) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "preview-out-"));
    const r = spawnSync("bash", [path.join(REPO_ROOT, "scripts/pr-preview.sh"), base, head, out], {
        encoding: "utf8",
        env: { ...process.env, BASE_SHA: "1111111111111111", HEAD_SHA: "2222222222222222" },
    });
    return { ...r, out, read: (file: string) => fs.readFileSync(path.join(out, file), "utf8") };
}

describe("scripts/pr-preview.sh (fake checkouts)", function () {
    this.timeout(60_000);

    it("renders both sides, diffs them, checks head, and exits 1 when a head check fails", () => {
        const base = fakeCheckout({ alpha: "zones: [a]\n", gone: "zones: [g]\n" });
        const head = fakeCheckout({ alpha: "zones: [a, b]\n", fresh: "zones: [f]\nfail-check\n" });
        const r = preview(base, head);
        assert.equal(r.status, 1, r.stderr);
        assert.deepEqual(fs.readdirSync(path.join(r.out, "rendered", "base")).sort(), ["alpha", "gone"]);
        assert.deepEqual(fs.readdirSync(path.join(r.out, "rendered", "head")).sort(), ["alpha", "fresh"]);
        assert.deepEqual(
            r.read("manifests.diff").split("\n").filter((l) => l.startsWith("diff ")),
            ["diff -ruN base/alpha/alpha.yaml head/alpha/alpha.yaml", "diff -ruN base/fresh/fresh.yaml head/fresh/fresh.yaml", "diff -ruN base/gone/gone.yaml head/gone/gone.yaml"],
        );
        assert.equal(r.read("check/alpha.status"), "0\n");
        assert.equal(r.read("check/fresh.status"), "1\n");
        const comment = r.read("comment.md");
        assert.ok(comment.startsWith("<!-- sovereign-stacks-preview -->\n\n## Sovereign stacks: preview\n\nBase `111111111111` → head `222222222222`. Attachment check **FAILED** for `fresh`; passed for `alpha`.\n"), comment);
        assert.ok(comment.includes("### Route attachment: `alpha` passed\n\n### Route attachment: `fresh` FAILED\n\n### Rendered manifests\n\n3 files changed: `alpha/alpha.yaml`, `fresh/fresh.yaml`, `gone/gone.yaml`"));
        assert.ok(comment.includes("\n-zones: [a]\n+zones: [a, b]\n"));
    });

    it("a base that cannot render is a note, not a failure", () => {
        const base = fakeCheckout({ alpha: "zones: [a]\nfail-render\n" });
        const head = fakeCheckout({ alpha: "zones: [a]\n" });
        const r = preview(base, head);
        assert.equal(r.status, 0, r.stderr);
        const comment = r.read("comment.md");
        assert.ok(comment.includes("**Notes**\n\n- base: `npm run render -- --stack alpha` failed; its manifests are missing from the diff (log: logs/render-base-alpha.log)"), comment);
        assert.equal(r.read("logs/render-base-alpha.log"), "render: broken\n");
        assert.deepEqual(r.read("manifests.diff").split("\n").filter((l) => l.startsWith("diff ")), ["diff -ruN base/alpha/alpha.yaml head/alpha/alpha.yaml"]);
    });

    it("usage errors exit 2", () => {
        const r = spawnSync("bash", [path.join(REPO_ROOT, "scripts/pr-preview.sh"), "/nonexistent"], { encoding: "utf8" });
        assert.equal(r.status, 2);
        assert.match(r.stderr, /^usage: bash scripts\/pr-preview\.sh <base checkout> <head checkout> <out dir>/);
    });
});
