// Creates the pull request's preview comment, or updates the previous one (found by its marker), so
// each push replaces the report instead of adding another. Called from actions/github-script in
// .github/workflows/preview.yml with its authenticated Octokit client:
//
//   const upsert = require(`${process.env.GITHUB_WORKSPACE}/head/scripts/upsert-pr-comment.js`);
//   await upsert({ github, context, body, marker });
//
// Plain JavaScript (CommonJS) because github-script requires it without a TypeScript loader.
"use strict";

/**
 * @param {{ github: any, context: { repo: { owner: string, repo: string }, issue: { number: number } }, body: string, marker: string }} args
 * @returns {Promise<{ action: "created" | "updated", id: number }>}
 */
module.exports = async function upsertPrComment({ github, context, body, marker }) {
    if (!body.includes(marker)) {
        throw new Error("the comment body must contain the marker, or the next run could not find it");
    }
    const { owner, repo } = context.repo;
    const issue_number = context.issue.number;
    const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
    // Only a bot's comment is ours to edit: a person quoting the report keeps their comment.
    const previous = comments.find((c) => c.user && c.user.type === "Bot" && typeof c.body === "string" && c.body.includes(marker));
    if (previous) {
        await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
        return { action: "updated", id: previous.id };
    }
    const { data } = await github.rest.issues.createComment({ owner, repo, issue_number, body });
    return { action: "created", id: data.id };
};
