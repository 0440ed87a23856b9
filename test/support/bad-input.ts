// Running the offline CLIs on bad input, in-process, and what every refusal must look like: the exit
// code, nothing on stdout, no stack trace, the expected words, nothing leaked.

import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { runRender } from "../../src/tools/render/render-cli";
import { runCheck } from "../../src/tools/check/check-cli";

export const P = "sovereign-stacks";
export const TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IkxFQUtFRC1UT0tFTi0xMjM0NTY3ODkwIn0";

/** A file's content, a symbolic link, or a folder. */
export type Entry = string | { symlink: string } | { folder: true };

/** A stack file's text with `values` under the project's namespace. */
export function stackText(values: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
    return yaml.dump({ config: { ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`${P}:${k}`, v])), ...extra } });
}

export interface BadInputCase {
    name: string;
    files: Record<string, Entry>;
    /** CLI arguments; `{dir}` is replaced by the temp folder. Default: --stack-file {dir}/Pulumi.s.yaml */
    args?: string[];
    tool?: "render" | "check";
    exit: 0 | 1 | 2;
    /** Every one must appear in stderr. */
    words: (string | RegExp)[];
    /** None may appear in stderr, stdout or a written report. */
    never?: string[];
}

function materialise(files: Record<string, Entry>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
    for (const [name, entry] of Object.entries(files)) {
        const file = path.join(dir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        if (typeof entry === "string") {
            fs.writeFileSync(file, entry);
        } else if ("symlink" in entry) {
            fs.symlinkSync(entry.symlink.replace("{dir}", dir), file);
        } else {
            fs.mkdirSync(file, { recursive: true });
        }
    }
    return dir;
}

export interface Outcome {
    code: number;
    stdout: string;
    stderr: string;
    dir: string;
}

export async function runCase(c: BadInputCase): Promise<Outcome> {
    const dir = materialise(c.files);
    const args = (c.args ?? ["--stack-file", "{dir}/Pulumi.s.yaml"]).map((a) => a.replace("{dir}", dir));
    let stdout = "";
    let stderr = "";
    const warn = console.warn;
    console.warn = () => undefined; // the program's decisions, not errors
    try {
        const code =
            c.tool === "check"
                ? await runCheck(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: (f, t) => fs.writeFileSync(f, t) })
                : await runRender(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
        return { code, stdout, stderr, dir };
    } finally {
        console.warn = warn;
    }
}

/** What every refusal must look like. */
export function assertClearRefusal(c: BadInputCase, o: Outcome): void {
    const shown = `stderr:\n${o.stderr}\nstdout:\n${o.stdout.slice(0, 400)}`;
    assert.equal(o.code, c.exit, shown);
    assert.doesNotMatch(o.stderr, /\n\s+at /, `a stack trace:\n${shown}`);
    if (c.exit !== 0) {
        assert.equal(o.stdout, "", shown);
    }
    if (c.exit === 2) {
        assert.match(o.stderr, /^(render|check): [^\n]+\nusage: npm run (render|check) -- [^\n]+\n$/, `one problem line and one usage line:\n${shown}`);
    }
    for (const w of c.words) {
        if (typeof w === "string") {
            assert.ok(o.stderr.includes(w), `missing ${JSON.stringify(w)} in\n${shown}`);
        } else {
            assert.match(o.stderr, w, shown);
        }
    }
    for (const secret of [TOKEN, ...(c.never ?? [])]) {
        assert.ok(!o.stderr.includes(secret) && !o.stdout.includes(secret), `leaked ${secret}:\n${shown}`);
    }
}

