// Composes the pull-request preview comment from what scripts/pr-preview.sh left in its out dir: the
// attachment check report of every head stack, the rendered-manifest diff, and notes. The comment starts
// with a marker so the workflow updates its previous comment instead of adding one per push, and stays
// under GitHub's comment size limit by shortening the diff first, then the largest reports.
//
//   node -r ts-node/register/transpile-only scripts/pr-comment.ts <out dir>     (writes <out dir>/comment.md)

import * as fs from "fs";
import * as path from "path";
import { mdCode, mdFence } from "../src/tools/check/markdown";

export const COMMENT_MARKER = "<!-- sovereign-stacks-preview -->";
/** GitHub rejects comment bodies over 65,536 characters; leave room for the marker and headings. */
export const COMMENT_LIMIT = 65_000;

export interface StackCheck {
    stack: string;
    /** Exit code of `npm run check`: 0 passed, 1 not attached or refused, anything else an error. */
    status: number;
    /** The Markdown report, when the check wrote one. */
    report?: string;
    /** The check's stderr, shown when there is no report. */
    log?: string;
}

export interface PreviewInput {
    base?: string;
    head?: string;
    checks: StackCheck[];
    diff: string;
    notes: string[];
}

/** Files a `diff -ruN base head` output touches, as `<stack>/<file>`. */
export function changedFiles(diff: string): string[] {
    return [...diff.matchAll(/^diff -ruN base\/(\S+) head\/\S+$/gm)].map((m) => m[1]);
}

function verdict(checks: readonly StackCheck[]): string {
    const list = (items: StackCheck[]) => items.map((c) => mdCode(c.stack)).join(", ");
    const passed = checks.filter((c) => c.status === 0);
    const failed = checks.filter((c) => c.status !== 0);
    if (checks.length === 0) {
        return "Attachment check: no stacks on head.";
    }
    return failed.length === 0
        ? `Attachment check **passed** for ${list(passed)}.`
        : `Attachment check **FAILED** for ${list(failed)}${passed.length > 0 ? `; passed for ${list(passed)}` : ""}.`;
}

function checkSection(c: StackCheck, short: boolean): string {
    if (c.report !== undefined && !short) {
        return c.report.trimEnd();
    }
    if (c.report !== undefined) {
        // Heading and summary line only; the full report is in the job summary and the artifact.
        const [heading, , summary] = c.report.split("\n");
        return [heading, summary, "_Report shortened to fit the comment; the full report is in the workflow run's summary._"].filter((l) => l !== undefined).join("\n\n");
    }
    const log = (c.log ?? "").trim().split("\n").slice(-40).join("\n");
    return `### Route attachment: ${mdCode(c.stack)} ERROR\n\n\`npm run check\` exited ${c.status} without a report:\n\n${mdFence("text", log || "(no output)")}`;
}

function diffSection(diff: string, budget: number): string {
    const files = changedFiles(diff);
    if (files.length === 0) {
        return "### Rendered manifests\n\nNo changes to the rendered manifests.";
    }
    const heading = `### Rendered manifests\n\n${files.length} file${files.length === 1 ? "" : "s"} changed: ${files.map(mdCode).join(", ")}`;
    const wrap = (body: string, note: string) =>
        `${heading}\n\n<details><summary>Diff (<code>diff -ruN base head</code>)</summary>\n\n${mdFence("diff", body)}${note}\n\n</details>`;
    const full = wrap(diff, "");
    if (full.length <= budget) {
        return full;
    }
    const lines = diff.replace(/\n$/, "").split("\n");
    const note = (shown: number) => `\n\n_Diff truncated: ${shown} of ${lines.length} lines shown; the full diff is in the workflow run's \`preview\` artifact._`;
    // Keep whole lines, as many as fit.
    let shown = lines.length;
    let text = full;
    while (shown > 0 && text.length > budget) {
        shown = Math.max(0, Math.floor(shown * Math.min(0.9, budget / text.length)));
        text = wrap(lines.slice(0, shown).join("\n"), note(shown));
    }
    return text.length <= budget ? text : `${heading}\n\n_The diff does not fit in a comment; it is in the workflow run's \`preview\` artifact._`;
}

export function composeComment(input: PreviewInput, limit = COMMENT_LIMIT): string {
    const revisions = input.base !== undefined && input.head !== undefined ? `Base ${mdCode(input.base)} → head ${mdCode(input.head)}. ` : "";
    const head = [COMMENT_MARKER, "## Sovereign stacks: preview", `${revisions}${verdict(input.checks)}`];
    const notes = input.notes.length > 0 ? [`**Notes**\n\n${input.notes.map((n) => `- ${n}`).join("\n")}`] : [];
    const assemble = (short: ReadonlySet<string>, diff: string) => [...head, ...input.checks.map((c) => checkSection(c, short.has(c.stack))), diff, ...notes].join("\n\n") + "\n";

    // Shorten the largest reports until everything but the diff fits with room for a useful diff.
    const short = new Set<string>();
    const bySize = [...input.checks].filter((c) => c.report !== undefined).sort((a, b) => b.report!.length - a.report!.length);
    const minimumDiff = 2_000;
    while (assemble(short, "").length + minimumDiff > limit && short.size < bySize.length) {
        short.add(bySize[short.size].stack);
    }
    const budget = limit - assemble(short, "").length;
    return assemble(short, diffSection(input.diff, budget));
}

function readIf(file: string): string | undefined {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** The out dir of scripts/pr-preview.sh as composer input; BASE_SHA/HEAD_SHA name the revisions. */
export function readPreview(outDir: string, env: NodeJS.ProcessEnv = process.env): PreviewInput {
    const checkDir = path.join(outDir, "check");
    const stacks = (fs.existsSync(checkDir) ? fs.readdirSync(checkDir) : [])
        .filter((f) => f.endsWith(".status"))
        .map((f) => f.slice(0, -".status".length))
        .sort();
    const checks = stacks.map((stack): StackCheck => {
        const report = readIf(path.join(checkDir, `${stack}.md`));
        const log = readIf(path.join(outDir, "logs", `check-${stack}.log`));
        return {
            stack,
            status: Number((readIf(path.join(checkDir, `${stack}.status`)) ?? "2").trim()),
            ...(report === undefined ? {} : { report }),
            ...(log === undefined ? {} : { log }),
        };
    });
    const short = (sha: string | undefined) => (sha ? sha.slice(0, 12) : undefined);
    const base = short(env.BASE_SHA);
    const head = short(env.HEAD_SHA);
    return {
        ...(base === undefined ? {} : { base }),
        ...(head === undefined ? {} : { head }),
        checks,
        diff: readIf(path.join(outDir, "manifests.diff")) ?? "",
        notes: (readIf(path.join(outDir, "notes.txt")) ?? "").split("\n").filter((l) => l.trim() !== ""),
    };
}

if (require.main === module) {
    const outDir = process.argv[2];
    if (outDir === undefined || !fs.existsSync(outDir)) {
        process.stderr.write("usage: node -r ts-node/register/transpile-only scripts/pr-comment.ts <out dir of scripts/pr-preview.sh>\n");
        process.exit(2);
    }
    const comment = composeComment(readPreview(outDir));
    fs.writeFileSync(path.join(outDir, "comment.md"), comment);
    process.stderr.write(`pr-comment: ${comment.length} characters in ${path.join(outDir, "comment.md")}\n`);
}
