// `npm run preview -- --base <git ref | checkout dir> [--head <checkout dir>] [--out <dir>]`
// The pull-request comment, reproduced locally or in CI (scripts/pr-preview.sh): snapshots every stack of
// the base and the head, each with its own code (`npm run preview:snapshot` in that checkout), and writes
// <out>/comment.md (what the workflow posts), <out>/full-comment.md (nothing cut), the two snapshots and
// logs. A git ref is extracted with `git archive` into a temporary folder that uses the head's
// node_modules. Exit codes: 0 every head stack passes; 1 at least one does not; 2 usage or other error.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findProjectRoot, readProjectFile } from "../../config/stack-files";
import { parseFlags } from "../render/cli-args";
import { composePreviewComment, FULL_COMMENT_FILE } from "./comment";
import { documentsFromRenderedFiles } from "./rendered-files";
import { PreviewSnapshot, SNAPSHOT_FORMAT, StackSnapshot, parseSnapshot, snapshotJson, stackPassed } from "./snapshot";
import { stackNames } from "./stack-names";

const USAGE = `usage: npm run preview -- --base <git ref | checkout dir> [--head <checkout dir>] [--out <dir>]
  --base <ref|dir>   the pull request's base: a git ref of this checkout (main, origin/main, a commit) or
                     another checkout with its dependencies installed
  --head <dir>       the checkout to compare (default: this one, uncommitted changes included)
  --out <dir>        where to write comment.md, ${FULL_COMMENT_FILE}, the snapshots and logs (default: out/preview)
  BASE_SHA / HEAD_SHA, when set, label the two sides (the workflow sets them)
exit codes: 0 every head stack passes the attachment check; 1 at least one does not; 2 usage or other error`;

class PreviewError extends Error {}

function run(cmd: string, args: readonly string[], cwd: string, input?: Buffer): { status: number; stdout: Buffer; stderr: string } {
    const r = spawnSync(cmd, args, { cwd, input, maxBuffer: 1 << 30 });
    if (r.error !== undefined) {
        throw new PreviewError(`${cmd} ${args.join(" ")}: ${r.error.message}`);
    }
    return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

function git(cwd: string, ...args: string[]): string | undefined {
    const r = run("git", args, cwd);
    return r.status === 0 ? r.stdout.toString("utf8").trim() : undefined;
}

/** A revision label: the checkout's short commit, marked when it has uncommitted changes. */
function labelOf(dir: string, env: string | undefined): string {
    if (env !== undefined && env !== "") {
        return env.slice(0, 12);
    }
    const sha = git(dir, "rev-parse", "--short=12", "HEAD");
    if (sha === undefined) {
        return path.basename(dir);
    }
    return git(dir, "status", "--porcelain") ? `${sha} + uncommitted changes` : sha;
}

/** `--base` as a folder, or a git ref of the head checkout extracted into a temporary folder. */
function baseCheckout(base: string, head: string, notes: string[]): { dir: string; label: string; temporary: boolean } {
    if (fs.existsSync(base) && fs.statSync(base).isDirectory()) {
        return { dir: path.resolve(base), label: labelOf(path.resolve(base), process.env.BASE_SHA), temporary: false };
    }
    const sha = git(head, "rev-parse", "--verify", "--quiet", `${base}^{commit}`);
    if (sha === undefined) {
        throw new PreviewError(`--base ${base}: neither a folder nor a git ref of ${head}`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-base-"));
    const archive = run("git", ["archive", "--format=tar", sha], head);
    if (archive.status !== 0 || run("tar", ["-x", "-C", dir], dir, archive.stdout).status !== 0) {
        throw new PreviewError(`git archive ${sha} into ${dir} failed: ${archive.stderr.trim()}`);
    }
    if (!fs.existsSync(path.join(dir, "node_modules"))) {
        fs.symlinkSync(path.join(head, "node_modules"), path.join(dir, "node_modules"), "dir");
    }
    notes.push(`Base ${base} (${sha.slice(0, 12)}) was extracted with \`git archive\` and run with the head's node_modules.`);
    return { dir, label: process.env.BASE_SHA ? process.env.BASE_SHA.slice(0, 12) : sha.slice(0, 12), temporary: true };
}

function hasScript(dir: string, script: string): boolean {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { scripts?: Record<string, string> };
        return typeof pkg.scripts?.[script] === "string";
    } catch {
        return false;
    }
}

/** A checkout from before `preview:snapshot`: its objects from `npm run render -- --out`, unchecked. */
function renderedFilesSnapshot(dir: string, side: string, out: string, notes: string[]): PreviewSnapshot {
    const project = readProjectFile(findProjectRoot(dir));
    const stackDir = path.join(project.root, project.stackConfigDir);
    const stacks = stackNames(stackDir).map((stack): StackSnapshot => {
        const stackFile = path.relative(project.root, path.join(stackDir, `Pulumi.${stack}.yaml`));
        const target = path.join(out, "rendered", side, stack);
        const r = run("npm", ["run", "--silent", "render", "--", "--stack", stack, "--out", target], dir);
        fs.writeFileSync(path.join(out, "logs", `render-${side}-${stack}.log`), r.stderr);
        if (r.status !== 0) {
            const message = r.stderr.trim().replace(/^render: /, "");
            return { stack, stackFile, outcome: r.status === 1 ? { kind: "refused", message } : { kind: "error", message }, objects: [] };
        }
        const files = new Map(fs.readdirSync(target).filter((f) => f.endsWith(".yaml")).sort().map((f): [string, string] => [f, fs.readFileSync(path.join(target, f), "utf8")]));
        return { stack, stackFile, outcome: { kind: "unchecked" }, objects: documentsFromRenderedFiles(files) };
    });
    notes.push(`The ${side} has no \`npm run preview:snapshot\`: its objects come from \`npm run render\` and its routes were not checked, so route and listener changes are not compared.`);
    return { format: SNAPSHOT_FORMAT, stacks };
}

function snapshotOf(dir: string, side: "base" | "head", out: string, notes: string[]): PreviewSnapshot {
    if (!hasScript(dir, "preview:snapshot")) {
        return renderedFilesSnapshot(dir, side, out, notes);
    }
    const file = path.join(out, `snapshot-${side}.json`);
    const r = run("npm", ["run", "--silent", "preview:snapshot", "--", "--out", file], dir);
    fs.writeFileSync(path.join(out, "logs", `snapshot-${side}.log`), r.stderr);
    if (r.status !== 0 || !fs.existsSync(file)) {
        if (side === "head") {
            throw new PreviewError(`npm run preview:snapshot failed on the head (exit ${r.status}):\n${r.stderr.trim()}`);
        }
        notes.push(`\`npm run preview:snapshot\` failed on the base (exit ${r.status}, log: logs/snapshot-base.log); every stack shows as new.`);
        return { format: SNAPSHOT_FORMAT, stacks: [] };
    }
    return parseSnapshot(fs.readFileSync(file, "utf8"), file);
}

export function main(argv: readonly string[]): number {
    let flags: Map<string, string>;
    try {
        flags = parseFlags(argv, ["--base", "--head", "--out"]);
        if (!flags.has("--base")) {
            throw new Error("--base is required");
        }
    } catch (err) {
        const message = (err as Error).message;
        process.stderr.write(`${message ? `preview: ${message}\n` : ""}${USAGE}\n`);
        return message ? 2 : 0;
    }
    try {
        const head = findProjectRoot(flags.get("--head") ?? process.cwd());
        const out = path.resolve(flags.get("--out") ?? path.join(head, "out", "preview"));
        for (const stale of ["rendered", "logs", "comment.md", FULL_COMMENT_FILE, "snapshot-base.json", "snapshot-head.json"]) {
            fs.rmSync(path.join(out, stale), { recursive: true, force: true });
        }
        fs.mkdirSync(path.join(out, "logs"), { recursive: true });
        const notes: string[] = [];
        const base = baseCheckout(flags.get("--base")!, head, notes);
        let baseSnapshot: PreviewSnapshot;
        try {
            baseSnapshot = snapshotOf(base.dir, "base", out, notes);
        } finally {
            if (base.temporary) {
                fs.rmSync(base.dir, { recursive: true, force: true });
            }
        }
        const headSnapshot = snapshotOf(head, "head", out, notes);
        const comment = composePreviewComment({ baseLabel: base.label, headLabel: labelOf(head, process.env.HEAD_SHA), base: baseSnapshot, head: headSnapshot, notes });
        fs.writeFileSync(path.join(out, "comment.md"), comment.body);
        fs.writeFileSync(path.join(out, FULL_COMMENT_FILE), comment.full);
        for (const [side, s] of [["base", baseSnapshot], ["head", headSnapshot]] as const) {
            if (!fs.existsSync(path.join(out, `snapshot-${side}.json`))) {
                fs.writeFileSync(path.join(out, `snapshot-${side}.json`), snapshotJson(s));
            }
        }
        const failing = headSnapshot.stacks.filter((s) => stackPassed(s) === false).map((s) => s.stack);
        process.stderr.write(
            `preview: ${path.join(out, "comment.md")} (${comment.body.length} characters${comment.cut > 0 ? `, ${comment.cut} detail sections cut` : ""}); ` +
                `${failing.length === 0 ? "every head stack passes" : `failing: ${failing.join(", ")}`}\n`,
        );
        return failing.length === 0 ? 0 : 1;
    } catch (err) {
        process.stderr.write(`preview: ${err instanceof PreviewError ? err.message : (err as Error).stack ?? String(err)}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exit(main(process.argv.slice(2)));
}
