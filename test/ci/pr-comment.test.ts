// Posting the pull-request comment: once, then updated in place. (Composing it: test/tools/pr-comment/.)

import { strict as assert } from "node:assert";
import { COMMENT_MARKER } from "../../src/tools/pr-comment/comment";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const upsertPrComment = require("../../scripts/upsert-pr-comment.js") as (args: {
    github: FakeGitHub;
    context: { repo: { owner: string; repo: string }; issue: { number: number } };
    body: string;
    marker: string;
}) => Promise<{ action: string; id: number }>;

describe("pull-request comment", () => {
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
