// The pull-request comment, in the order a reviewer reads it: a failing check first (the program's message
// and fix), one summary line per stack, then per changed stack its changed objects with their diffs folded,
// then attachment detail (tables and diagram, folded) only for stacks whose routes, listeners or verdict
// changed or that fail. Within GitHub's comment limit: detail is cut from the end first, and the comment
// says where the whole of it is. Pure, deterministic.

import { listenerTableMarkdown, mdCode, mdFence, routeTableMarkdown, summaryMarkdown } from "../check/markdown";
import { attachmentFlowchart } from "../check/mermaid";
import { warningLines } from "../check/warnings";
import { compareCodeUnits } from "../../rules/code-unit-order";
import { ObjectChange, objectKey } from "./object-changes";
import { PreviewSnapshot, StackSnapshot } from "./snapshot";
import { StackReview, attachmentWorthShowing, isUnchanged, reviewStack } from "./stack-review";
import { objectChangeLines, stackSummaryLine } from "./summary-lines";

export const COMMENT_MARKER = "<!-- sovereign-stacks-preview -->";
/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_000;
/** Where the workflow keeps the uncut comment (see .github/workflows/preview.yml). */
export const FULL_COMMENT_FILE = "full-comment.md";

/** Failure lines and message lines shown per failing stack; the rest is in the artifact. */
const FAILURES_SHOWN = 10;
const MESSAGE_LINES = 40;

export interface PreviewInput {
    /** Revision labels (short commit ids), when known. */
    baseLabel?: string;
    headLabel?: string;
    base: PreviewSnapshot;
    head: PreviewSnapshot;
    /** Things that went wrong around the render (a checkout that could not be snapshotted, ...). */
    notes: string[];
}

export interface PreviewComment {
    body: string;
    /** The comment with nothing cut, for the artifact. */
    full: string;
    /** Detail sections left out of `body`. */
    cut: number;
}

export function reviewAll(base: PreviewSnapshot, head: PreviewSnapshot): StackReview[] {
    const byName = (s: PreviewSnapshot) => new Map(s.stacks.map((x): [string, StackSnapshot] => [x.stack, x]));
    const a = byName(base);
    const b = byName(head);
    return [...new Set([...a.keys(), ...b.keys()])].sort(compareCodeUnits).map((stack) => reviewStack(stack, a.get(stack), b.get(stack)));
}

function details(summary: string, body: string): string {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

const code = (text: string) => `<code>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</code>`;

/** The failing stack's message and fix: the program's refusal, or each route that does not attach. */
export function failureBlock(r: StackReview): string {
    const head = r.head!;
    const name = mdCode(r.stack);
    if (head.outcome.kind === "refused" || head.outcome.kind === "error") {
        const lines = head.outcome.message.trimEnd().split("\n");
        const shown = lines.slice(0, MESSAGE_LINES).join("\n");
        const more = lines.length > MESSAGE_LINES ? `\n\n_${lines.length - MESSAGE_LINES} more lines in the workflow run's \`preview\` artifact._` : "";
        const what = head.outcome.kind === "refused" ? "the program refused the stack; nothing would be registered" : "the render crashed";
        return `**${name}** (${mdCode(head.stackFile)}): ${what}:\n\n${mdFence("text", shown)}${more}`;
    }
    if (head.outcome.kind !== "checked") {
        return "";
    }
    const failures = head.outcome.report.failures;
    const n = head.outcome.report.count.routes - head.outcome.report.count.attached;
    const bullets = failures.slice(0, FAILURES_SHOWN).map((f) => `- ${f.message.replace(/\r?\n/g, " ")}`);
    const more = failures.length > FAILURES_SHOWN ? [`- and ${failures.length - FAILURES_SHOWN} more (workflow run's \`preview\` artifact)`] : [];
    return [`**${name}** (${mdCode(head.stackFile)}): ${n} route${n === 1 ? " does" : "s do"} not attach:`, "", ...bullets, ...more].join("\n");
}

function headline(input: PreviewInput, reviews: readonly StackReview[]): string {
    const revisions = input.baseLabel !== undefined && input.headLabel !== undefined ? `Base ${mdCode(input.baseLabel)} → head ${mdCode(input.headLabel)} · ` : "";
    const changed = reviews.filter((r) => !isUnchanged(r)).length;
    const failing = reviews.filter((r) => r.passedHead === false).map((r) => mdCode(r.stack));
    const verdict = failing.length > 0 ? `attachment **FAILED** on ${failing.join(", ")}` : "attachment passed on every stack";
    const stacks = reviews.length === 1 ? "1 stack" : `${reviews.length} stacks`;
    return `${revisions}${stacks}: ${changed} changed, ${reviews.length - changed} unchanged · ${verdict}`;
}

/** The stack's heading and changed objects; its per-object diffs are separate units so they can be cut one by one. */
interface StackSection {
    lead: string;
    diffs: string[];
    diffSummary: string;
}

const ACTION_ORDER: readonly ObjectChange["action"][] = ["update", "delete", "create"];

function stackSection(r: StackReview): StackSection {
    const lines = objectChangeLines(r.objects);
    return {
        lead: [`### ${mdCode(r.stack)}`, lines.length > 0 ? lines.join("\n") : "_No object changes._"].join("\n\n"),
        // Updates first, then deletes, then creates: when the comment must be cut, the bulky new objects go first.
        diffs: [...r.objects]
            .sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action))
            .filter((c) => c.diff !== "")
            .map((c) => `${c.action} ${mdCode(objectKey(c))}\n\n${mdFence("diff", c.diff)}`),
        diffSummary: `Diff per object (${r.objects.length})`,
    };
}

function attachmentSection(r: StackReview): string | undefined {
    const head = r.head;
    if (head?.outcome.kind !== "checked") {
        return undefined;
    }
    const report = head.outcome.report;
    const warnings = warningLines(report);
    const body = [
        summaryMarkdown(report),
        routeTableMarkdown(report),
        warnings.length > 0 ? `**Warnings**\n\n${warnings.map((w) => `- ${w.replace(/\r?\n/g, " ")}`).join("\n")}` : "**Warnings:** none",
        `**Listeners: attachedRoutes**\n\n${listenerTableMarkdown(report)}`,
        mdFence("mermaid", attachmentFlowchart(report.attachment)),
    ].join("\n\n");
    return details(`Attachment: ${code(r.stack)} (routes, listeners, diagram)`, body);
}

interface Layout {
    essentials: string[];
    stacks: StackSection[];
    attachments: string[];
    notes: string[];
}

function layout(input: PreviewInput): Layout {
    const reviews = reviewAll(input.base, input.head);
    const failing = reviews.filter((r) => r.passedHead === false).map(failureBlock);
    return {
        essentials: [
            COMMENT_MARKER,
            "## Sovereign stacks: preview",
            ...(failing.length > 0 ? ["### Failing", ...failing] : []),
            headline(input, reviews),
            reviews.map(stackSummaryLine).join("\n"),
        ],
        stacks: reviews.filter((r) => !isUnchanged(r) && r.objects.length > 0).map(stackSection),
        attachments: reviews.filter(attachmentWorthShowing).map(attachmentSection).filter((s): s is string => s !== undefined),
        notes: input.notes.length > 0 ? [`**Notes**\n\n${input.notes.map((n) => `- ${n}`).join("\n")}`] : [],
    };
}

function unitCount(l: Layout): number {
    return l.stacks.reduce((n, s) => n + 1 + s.diffs.length, 0) + l.attachments.length;
}

/** The comment with only the first `keep` detail units (in reading order), and a note when some are cut. */
function assemble(l: Layout, keep: number): string {
    const total = unitCount(l);
    let left = keep;
    const parts = [...l.essentials];
    for (const s of l.stacks) {
        if (left === 0) {
            break;
        }
        left--;
        parts.push(s.lead);
        const shown = Math.min(left, s.diffs.length);
        left -= shown;
        if (shown > 0) {
            const rest = s.diffs.length - shown;
            const note = rest > 0 ? `\n\n_${rest} more object diff${rest === 1 ? "" : "s"} in the workflow run's \`preview\` artifact._` : "";
            parts.push(details(s.diffSummary, s.diffs.slice(0, shown).join("\n\n") + note));
        }
    }
    parts.push(...l.attachments.slice(0, left));
    parts.push(...l.notes);
    if (keep < total) {
        parts.push(`_Cut to fit GitHub's comment limit: ${total - keep} of ${total} detail sections left out, from the end. The whole comment is \`${FULL_COMMENT_FILE}\` in the workflow run's \`preview\` artifact._`);
    }
    return `${parts.join("\n\n")}\n`;
}

/** Cuts at a line boundary, for the (unlikely) case where even the summary alone is too long. */
function hardCut(text: string, limit: number): string {
    const note = `\n\n_Cut to fit GitHub's comment limit; the whole comment is \`${FULL_COMMENT_FILE}\` in the workflow run's \`preview\` artifact._\n`;
    const room = limit - note.length;
    const cut = text.slice(0, Math.max(0, room - 20));
    const kept = cut.slice(0, Math.max(0, cut.lastIndexOf("\n")));
    // A fence left open would swallow the note: close it with its own backtick run.
    const fences = kept.match(/^`{3,}/gm) ?? [];
    const close = fences.length % 2 === 1 ? `\n${fences[fences.length - 1]}` : "";
    return `${kept}${close}${note}`;
}

export function composePreviewComment(input: PreviewInput, limit = COMMENT_LIMIT): PreviewComment {
    const l = layout(input);
    const total = unitCount(l);
    const full = assemble(l, total);
    if (full.length <= limit) {
        return { body: full, full, cut: 0 };
    }
    // Longest prefix of detail units that fits (the length grows with the number of units kept).
    let lo = 0;
    let hi = total;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (assemble(l, mid).length <= limit) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    const body = assemble(l, lo);
    return { body: body.length <= limit ? body : hardCut(body, limit), full, cut: total - lo };
}
