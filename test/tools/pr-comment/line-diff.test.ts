import { strict as assert } from "node:assert";
import { lineOps, unifiedDiff } from "../../../src/tools/pr-comment/line-diff";

describe("pull-request comment: unified diff", () => {
    it("prints diff -u hunks with three lines of context and no timestamps", () => {
        const lines = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
        const before = `${lines.join("\n")}\n`;
        const after = `${lines.map((l) => (l === "l3" ? "L3" : l)).join("\n")}\nl21\n`;
        assert.equal(
            unifiedDiff("base/x", "head/x", before, after),
            ["--- base/x", "+++ head/x", "@@ -1,6 +1,6 @@", " l1", " l2", "-l3", "+L3", " l4", " l5", " l6", "@@ -18,3 +18,4 @@", " l18", " l19", " l20", "+l21", ""].join("\n"),
        );
    });

    it("merges changes whose context overlaps into one hunk", () => {
        const before = "1\n2\n3\n4\n5\n";
        const after = "1\nx\n3\n4\ny\n";
        assert.equal(unifiedDiff("a", "b", before, after), "--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n-5\n+y\n");
    });

    it("shows a created or deleted object as one hunk from or to nothing, and equal texts as nothing", () => {
        assert.equal(unifiedDiff("/dev/null", "head/o", "", "kind: A\nname: b\n"), "--- /dev/null\n+++ head/o\n@@ -0,0 +1,2 @@\n+kind: A\n+name: b\n");
        assert.equal(unifiedDiff("base/o", "/dev/null", "kind: A\n", ""), "--- base/o\n+++ /dev/null\n@@ -1 +0,0 @@\n-kind: A\n");
        assert.equal(unifiedDiff("a", "b", "same\n", "same\n"), "");
    });

    it("keeps the longest common run of lines", () => {
        assert.deepEqual(
            lineOps(["a", "b", "c", "d"], ["b", "c", "x", "d"]).map((o) => `${o.op}${o.line}`),
            ["-a", " b", " c", "+x", " d"],
        );
    });
});
