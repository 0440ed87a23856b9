// .github/workflows/preview.yml cannot run here; this checks what can be checked offline: it parses, every
// action is pinned to a commit, it only references npm scripts, files and stacks that exist, and the
// comment marker matches the composer's.

import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { COMMENT_MARKER } from "../../src/tools/pr-comment/comment";
import { stackNames } from "../../src/tools/pr-comment/stack-names";
import { REPO_ROOT } from "../support/sovereigns";

interface Step {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string>;
    env?: Record<string, string>;
    "working-directory"?: string;
}

interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { needs?: string; env?: Record<string, string>; steps: Step[] }>;
}

const WORKFLOW_FILE = path.join(REPO_ROOT, ".github/workflows/preview.yml");
const text = fs.readFileSync(WORKFLOW_FILE, "utf8");
const workflow = yaml.load(text) as Workflow;
const scriptText = fs.readFileSync(path.join(REPO_ROOT, "scripts/pr-preview.sh"), "utf8");
/** The npm scripts `npm run preview` runs in each checkout, as spawn arguments. */
const previewCliText = fs.readFileSync(path.join(REPO_ROOT, "src/tools/pr-comment/preview-cli.ts"), "utf8");
const packageScripts = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
const steps = (job: string) => workflow.jobs[job].steps;
const allSteps = Object.keys(workflow.jobs).flatMap(steps);

describe("pull-request workflow (.github/workflows/preview.yml)", () => {
    it("parses and runs on pull requests, with write access to pull-request comments only", () => {
        assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
        assert.deepEqual(workflow.permissions, { contents: "read", "pull-requests": "write" });
        assert.deepEqual(Object.keys(workflow.jobs), ["render-and-check", "pulumi-preview"]);
    });

    it("pins every action to a full commit SHA, with the version in a comment", () => {
        const uses = text.split("\n").filter((l) => /^\s*(-\s+)?uses:/.test(l));
        assert.ok(uses.length >= 7, uses.join("\n"));
        for (const line of uses) {
            assert.match(line, /uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line);
        }
        assert.ok(allSteps.some((s) => s.uses?.startsWith("pulumi/actions@")), "the Pulumi CLI comes from the official pulumi/actions");
    });

    it("checks out base and head side by side and installs each with npm ci", () => {
        const checkouts = steps("render-and-check").filter((s) => s.uses?.startsWith("actions/checkout@"));
        assert.deepEqual(
            checkouts.map((s) => [s.with?.path, s.with?.ref]),
            [
                ["base", "${{ github.event.pull_request.base.sha }}"],
                ["head", "${{ github.event.pull_request.head.sha }}"],
            ],
        );
        const installs = steps("render-and-check").filter((s) => s.run?.startsWith("npm ci"));
        assert.deepEqual(installs.map((s) => s["working-directory"]), ["base", "head"]);
    });

    it("references only npm scripts that exist, always with --silent where the output is kept", () => {
        // Commands only: messages (echo) may quote a command.
        const runs = [...allSteps.map((s) => s.run ?? ""), scriptText]
            .join("\n")
            .split("\n")
            .filter((l) => !/^\s*(echo|#)/.test(l))
            .join("\n");
        const shell = [...runs.matchAll(/npm run (--silent )?([\w:-]+)/g)].map((m) => ({ silent: m[1] !== undefined, script: m[2] }));
        const spawned = [...previewCliText.matchAll(/\["run", (?:("--silent"), )?"([\w:-]+)"/g)].map((m) => ({ silent: m[1] !== undefined, script: m[2] }));
        const used = [...shell, ...spawned];
        assert.deepEqual([...new Set(used.map((u) => u.script))].sort(), ["preview", "preview:snapshot", "render"]);
        for (const u of used) {
            assert.ok(packageScripts.includes(u.script), `npm run ${u.script} is not in package.json`);
            assert.ok(u.silent, `npm run ${u.script} without --silent would print npm's own header into the output`);
        }
        assert.match(scriptText, /cd "\$head" && npm run --silent preview -- --base "\$base" --out "\$out"/);
        // A base from before `preview:snapshot` is rendered with its own `npm run render`.
        assert.match(previewCliText, /\["run", "--silent", "render", "--", "--stack", stack, "--out", target\]/);
    });

    it("references only files that exist, and finds the stacks from stacks/Pulumi.*.yaml", () => {
        const runs = allSteps.map((s) => `${s.run ?? ""}\n${s.with?.script ?? ""}`).join("\n");
        const files = [...runs.matchAll(/head\/(scripts\/[\w.-]+)/g)].map((m) => m[1]);
        assert.deepEqual([...new Set(files)].sort(), ["scripts/pr-preview.sh", "scripts/upsert-pr-comment.js"]);
        for (const file of [...files, "src/tools/pr-comment/preview-cli.ts", "src/tools/pr-comment/snapshot-cli.ts", "policy/PulumiPolicy.yaml", "policy/index.ts"]) {
            assert.ok(fs.existsSync(path.join(REPO_ROOT, file)), file);
        }
        const stackFiles = fs.readdirSync(path.join(REPO_ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
        assert.ok(stackFiles.length >= 2);
        assert.deepEqual(stackNames(path.join(REPO_ROOT, "stacks")), stackFiles.map((f) => f.slice("Pulumi.".length, -".yaml".length)).sort());
        const preview = steps("pulumi-preview").find((s) => s.run?.includes("--policy-pack"))!;
        assert.match(preview.run!, /for file in stacks\/Pulumi\.\*\.yaml; do/);
    });

    it("posts one comment, updated in place (same marker as the composer), and fails the job when check fails", () => {
        const comment = steps("render-and-check").find((s) => s.uses?.startsWith("actions/github-script@"))!;
        assert.ok(comment.with?.script.includes(`marker: "${COMMENT_MARKER}"`), comment.with?.script);
        assert.equal(comment.with?.["github-token"], "${{ secrets.GITHUB_TOKEN }}");
        const fail = steps("render-and-check").at(-1)!;
        assert.equal(fail.if, "steps.preview.outputs.check-status != '0'");
        assert.match(fail.run!, /\nexit 1\n$/);
    });

    it("runs pulumi preview with the policy pack only when Pulumi credentials and a kubeconfig are configured", () => {
        const job = workflow.jobs["pulumi-preview"];
        assert.equal(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        assert.equal(job.env?.PULUMI_BACKEND_URL, "${{ secrets.PULUMI_BACKEND_URL }}");
        assert.equal(job.env?.KUBECONFIG_CONTENT, "${{ secrets.KUBECONFIG }}");
        const [gate, ...rest] = job.steps;
        assert.equal(gate.id, "gate");
        assert.match(gate.run!, /\[ -n "\$PULUMI_ACCESS_TOKEN" \] \|\| \[ -n "\$PULUMI_BACKEND_URL" \]; \} && \[ -n "\$KUBECONFIG_CONTENT" \]/);
        for (const step of rest) {
            assert.equal(step.if, "steps.gate.outputs.enabled == 'true'", step.name ?? step.uses);
        }
        const preview = rest.find((s) => s.run?.includes("--policy-pack"))!;
        assert.match(preview.run!, /pulumi preview --diff --non-interactive --policy-pack policy "\$\{config\[@\]\}" -s "\$PULUMI_STACK_PREFIX\$stack"/);
    });
});
