// Runs one of the Jobs' scripts for real: /bin/sh and this machine's curl, in a clean environment (only
// what the Job sets, plus PATH and a HOME without a .curlrc), and checks it left no files behind (its
// temp dir holds the curl config with the credentials).

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function runShell(script: string, env: Record<string, string>): Promise<Run> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "stalwart-script-"));
    return new Promise((resolve, reject) => {
        const child = spawn("/bin/sh", ["-c", script], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, TMPDIR: home, ...env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => {
            const leftovers = fs.readdirSync(home);
            fs.rmSync(home, { recursive: true, force: true });
            assert.deepEqual(leftovers, [], "the script left files behind");
            resolve({ code, stdout, stderr });
        });
    });
}
