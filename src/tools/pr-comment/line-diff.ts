// A unified diff of two texts (one object's YAML on base and head), with file headers that name the
// object and carry no timestamps, so the same change always gives the same bytes. Longest common
// subsequence of lines after trimming the common head and tail; objects are small (a few hundred lines).
// Pure.

export type LineOp = { op: " " | "-" | "+"; line: string };

/** Above this many cells the LCS table is not worth it: the changed middle is shown as replaced. */
const MAX_CELLS = 4_000_000;

function splitLines(text: string): string[] {
    if (text === "") {
        return [];
    }
    return text.replace(/\n$/, "").split("\n");
}

/** The edit script turning `a` into `b`, unchanged lines included. */
export function lineOps(a: readonly string[], b: readonly string[]): LineOp[] {
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) {
        start++;
    }
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
        endA--;
        endB--;
    }
    const head = a.slice(0, start).map((line): LineOp => ({ op: " ", line }));
    const tail = a.slice(endA).map((line): LineOp => ({ op: " ", line }));
    const midA = a.slice(start, endA);
    const midB = b.slice(start, endB);
    return [...head, ...middleOps(midA, midB), ...tail];
}

function middleOps(a: readonly string[], b: readonly string[]): LineOp[] {
    const n = a.length;
    const m = b.length;
    if (n === 0 || m === 0 || n * m > MAX_CELLS) {
        return [...a.map((line): LineOp => ({ op: "-", line })), ...b.map((line): LineOp => ({ op: "+", line }))];
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    const ops: LineOp[] = [];
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        if (a[i] === b[j]) {
            ops.push({ op: " ", line: a[i++] });
            j++;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push({ op: "-", line: a[i++] });
        } else {
            ops.push({ op: "+", line: b[j++] });
        }
    }
    while (i < n) {
        ops.push({ op: "-", line: a[i++] });
    }
    while (j < m) {
        ops.push({ op: "+", line: b[j++] });
    }
    return ops;
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/**
 * `--- <fromName>` / `+++ <toName>` and hunks with `context` unchanged lines around each change, as
 * `diff -u` prints them; "" when the texts are equal. An absent side (object created or deleted) is "".
 */
export function unifiedDiff(fromName: string, toName: string, before: string, after: string, context = 3): string {
    const ops = lineOps(splitLines(before), splitLines(after));
    const changed = ops.map((o, i) => (o.op === " " ? -1 : i)).filter((i) => i >= 0);
    if (changed.length === 0) {
        return "";
    }
    // Group changes whose context overlaps into one hunk.
    const hunks: [number, number][] = [];
    for (const i of changed) {
        const from = Math.max(0, i - context);
        const to = Math.min(ops.length, i + context + 1);
        const last = hunks[hunks.length - 1];
        if (last !== undefined && from <= last[1]) {
            last[1] = Math.max(last[1], to);
        } else {
            hunks.push([from, to]);
        }
    }
    const out = [`--- ${fromName}`, `+++ ${toName}`];
    for (const [from, to] of hunks) {
        // Line numbers: count the lines of each side before the hunk.
        const before = ops.slice(0, from);
        const startA = before.filter((o) => o.op !== "+").length + 1;
        const startB = before.filter((o) => o.op !== "-").length + 1;
        const body = ops.slice(from, to);
        const countA = body.filter((o) => o.op !== "+").length;
        const countB = body.filter((o) => o.op !== "-").length;
        out.push(`@@ -${range(startA, countA)} +${range(startB, countB)} @@`, ...body.map((o) => `${o.op}${o.line}`));
    }
    return `${out.join("\n")}\n`;
}
