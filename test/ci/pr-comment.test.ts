// The pull-request comment: composed from the preview's out dir, kept under GitHub's size limit, and
// posted once then updated in place.

import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMENT_MARKER, changedFiles, composeComment, readPreview } from "../../scripts/pr-comment";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const upsertPrComment = require("../../scripts/upsert-pr-comment.js") as (args: {
    github: FakeGitHub;
    context: { repo: { owner: string; repo: string }; issue: { number: number } };
    body: string;
    marker: string;
}) => Promise<{ action: string; id: number }>;

const DIFF = [
    "diff -ruN base/t28/keycloak.yaml head/t28/keycloak.yaml",
    "--- base/t28/keycloak.yaml\t2026-01-01",
    "+++ head/t28/keycloak.yaml\t2026-01-01",
    "@@ -1 +1 @@",
    "-  sectionName: https",
    "+  host: auth.t28.omani.works",
    "",
].join("\n");

const REPORT = "### Route attachment: `t28` passed\n\n**8 routes, 8 attached** · stack `t28`\n\n| table |\n";

describe("pull-request comment", () => {
    it("lists the files a diff -ruN touches", () => {
        assert.deepEqual(changedFiles(`${DIFF}diff -ruN base/omantel/_cluster.yaml head/omantel/_cluster.yaml\n`), ["t28/keycloak.yaml", "omantel/_cluster.yaml"]);
        assert.deepEqual(changedFiles(""), []);
    });

    it("composes marker, verdict, each stack's report, the diff and notes", () => {
        const comment = composeComment({
            base: "aaaaaaaaaaaa",
            head: "bbbbbbbbbbbb",
            checks: [
                { stack: "t28", status: 0, report: REPORT },
                { stack: "broken", status: 2, log: "check: TypeError: boom\n    at x" },
            ],
            diff: DIFF,
            notes: ["base: `npm run render -- --stack new` failed"],
        });
        assert.equal(
            comment,
            [
                COMMENT_MARKER,
                "",
                "## Sovereign stacks: preview",
                "",
                "Base `aaaaaaaaaaaa` → head `bbbbbbbbbbbb`. Attachment check **FAILED** for `broken`; passed for `t28`.",
                "",
                "### Route attachment: `t28` passed",
                "",
                "**8 routes, 8 attached** · stack `t28`",
                "",
                "| table |",
                "",
                "### Route attachment: `broken` ERROR",
                "",
                "`npm run check` exited 2 without a report:",
                "",
                "```text",
                "check: TypeError: boom",
                "    at x",
                "```",
                "",
                "### Rendered manifests",
                "",
                "1 file changed: `t28/keycloak.yaml`",
                "",
                "<details><summary>Diff (<code>diff -ruN base head</code>)</summary>",
                "",
                "```diff",
                ...DIFF.trimEnd().split("\n"),
                "```",
                "",
                "</details>",
                "",
                "**Notes**",
                "",
                "- base: `npm run render -- --stack new` failed",
                "",
            ].join("\n"),
        );
    });

    it("says so when the manifests do not change", () => {
        const comment = composeComment({ checks: [{ stack: "t28", status: 0, report: REPORT }], diff: "", notes: [] });
        assert.match(comment, /^<!-- sovereign-stacks-preview -->\n\n## Sovereign stacks: preview\n\nAttachment check \*\*passed\*\* for `t28`\.\n/);
        assert.match(comment, /\n### Rendered manifests\n\nNo changes to the rendered manifests\.\n$/);
    });

    it("stays under the size limit: the diff is cut at a line boundary first, then the largest reports are shortened", () => {
        const bigDiff = `${DIFF}${Array.from({ length: 5000 }, (_, i) => `+line ${i}`).join("\n")}\n`;
        const cut = composeComment({ checks: [{ stack: "t28", status: 0, report: REPORT }], diff: bigDiff, notes: [] }, 10_000);
        assert.ok(cut.length <= 10_000, String(cut.length));
        const shown = /_Diff truncated: (\d+) of 5006 lines shown; the full diff is in the workflow run's `preview` artifact\._/.exec(cut);
        assert.ok(shown, cut.slice(-300));
        assert.ok(cut.includes(`+line ${Number(shown[1]) - 7}\n\`\`\`\n`), "the diff ends with a whole line, then the fence closes");
        assert.ok(cut.includes(REPORT.trimEnd()), "a small report stays whole");

        const bigReport = `### Route attachment: \`omantel\` passed\n\n**11 routes, 11 attached** · stack \`omantel\`\n\n${"| row |\n".repeat(3000)}`;
        const short = composeComment({ checks: [{ stack: "omantel", status: 0, report: bigReport }, { stack: "t28", status: 0, report: REPORT }], diff: bigDiff, notes: [] }, 10_000);
        assert.ok(short.length <= 10_000, String(short.length));
        assert.ok(short.includes("### Route attachment: `omantel` passed\n\n**11 routes, 11 attached** · stack `omantel`\n\n_Report shortened to fit the comment;"));
        assert.ok(short.includes(REPORT.trimEnd()));
    });

    it("reads the out dir of scripts/pr-preview.sh", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "preview-out-"));
        fs.mkdirSync(path.join(out, "check"));
        fs.mkdirSync(path.join(out, "logs"));
        fs.writeFileSync(path.join(out, "check", "t28.status"), "0\n");
        fs.writeFileSync(path.join(out, "check", "t28.md"), REPORT);
        fs.writeFileSync(path.join(out, "check", "bad.status"), "2\n");
        fs.writeFileSync(path.join(out, "logs", "check-bad.log"), "boom\n");
        fs.writeFileSync(path.join(out, "manifests.diff"), DIFF);
        fs.writeFileSync(path.join(out, "notes.txt"), "a note\n\n");
        assert.deepEqual(readPreview(out, { BASE_SHA: "0123456789abcdef", HEAD_SHA: "fedcba9876543210" }), {
            base: "0123456789ab",
            head: "fedcba987654",
            checks: [
                { stack: "bad", status: 2, log: "boom\n" },
                { stack: "t28", status: 0, report: REPORT },
            ],
            diff: DIFF,
            notes: ["a note"],
        });
    });

    describe("posting (scripts/upsert-pr-comment.js, run by actions/github-script)", () => {
        const context = { repo: { owner: "openova-io", repo: "sovereign-stacks" }, issue: { number: 7 } };
        const body = `${COMMENT_MARKER}\nreport`;

        it("creates the comment when there is none of ours", async () => {
            const github = new FakeGitHub([{ id: 1, user: { type: "User" }, body: `quoting ${COMMENT_MARKER}` }]);
            assert.deepEqual(await upsertPrComment({ github, context, body, marker: COMMENT_MARKER }), { action: "created", id: 100 });
            assert.deepEqual(github.calls, [
                ["listComments", { owner: "openova-io", repo: "sovereign-stacks", issue_number: 7, per_page: 100 }],
                ["createComment", { owner: "openova-io", repo: "sovereign-stacks", issue_number: 7, body }],
            ]);
        });

        it("updates the bot's previous comment instead of adding another", async () => {
            const github = new FakeGitHub([
                { id: 1, user: { type: "Bot" }, body: "another bot" },
                { id: 2, user: { type: "Bot" }, body: `${COMMENT_MARKER}\nold report` },
            ]);
            assert.deepEqual(await upsertPrComment({ github, context, body, marker: COMMENT_MARKER }), { action: "updated", id: 2 });
            assert.deepEqual(github.calls.at(-1), ["updateComment", { owner: "openova-io", repo: "sovereign-stacks", comment_id: 2, body }]);
        });

        it("refuses a body without the marker (the next run could not find it)", async () => {
            await assert.rejects(upsertPrComment({ github: new FakeGitHub([]), context, body: "report", marker: COMMENT_MARKER }), /must contain the marker/);
        });
    });
});

/** The slice of Octokit the helper uses, recording every call. */
class FakeGitHub {
    readonly calls: [string, Record<string, unknown>][] = [];
    readonly rest = {
        issues: {
            listComments: async (params: Record<string, unknown>) => {
                this.calls.push(["listComments", params]);
                return { data: this.comments };
            },
            createComment: async (params: Record<string, unknown>) => {
                this.calls.push(["createComment", params]);
                return { data: { id: 100 } };
            },
            updateComment: async (params: Record<string, unknown>) => {
                this.calls.push(["updateComment", params]);
                return { data: { id: params.comment_id } };
            },
        },
    };

    constructor(private readonly comments: { id: number; user: { type: string }; body: string }[]) {}

    async paginate(fn: (params: Record<string, unknown>) => Promise<{ data: unknown[] }>, params: Record<string, unknown>): Promise<unknown[]> {
        return (await fn(params)).data;
    }
}
