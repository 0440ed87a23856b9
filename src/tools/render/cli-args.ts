// Flag parsing shared by the offline CLIs (`npm run render`, `npm run check`): `--flag value` pairs
// from a known set, each at most once, and the stack given as a name or a file, never both.

import * as fs from "fs";
import * as path from "path";
import { stackNameProblem } from "../../config/stack-files";

export class UsageError extends Error {}

/** `--flag value` pairs; `--help`/`-h` throws an empty UsageError (print usage, exit 0). */
export function parseFlags(argv: readonly string[], flags: readonly string[]): Map<string, string> {
    const values = new Map<string, string>();
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[i + 1];
        if (flag === "--help" || flag === "-h") {
            throw new UsageError("");
        }
        if (!flags.includes(flag)) {
            throw new UsageError(`unknown argument ${flag}`);
        }
        if (value === undefined || value.startsWith("--")) {
            throw new UsageError(`${flag} needs a value`);
        }
        if (values.has(flag)) {
            throw new UsageError(`${flag} is given twice`);
        }
        if (value === "") {
            throw new UsageError(`${flag} needs a non-empty value`);
        }
        values.set(flag, value);
        i++;
    }
    if (values.has("--stack") && values.has("--stack-file")) {
        throw new UsageError("give --stack or --stack-file, not both");
    }
    const stack = values.get("--stack");
    const problem = stack === undefined ? undefined : stackNameProblem(stack);
    if (problem) {
        throw new UsageError(`--stack ${JSON.stringify(stack)} ${problem}; give a stack name, or a path with --stack-file`);
    }
    return values;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) {
        throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not "${value}"`);
    }
    return value as T;
}

/** The existing file at `target` or at one of its parent folders, if there is one (it cannot hold a folder). */
function fileOnPath(target: string): string | undefined {
    for (let p = path.resolve(target); ; p = path.dirname(p)) {
        try {
            if (!fs.statSync(p).isDirectory()) {
                return p;
            }
            return undefined; // an existing folder: everything above it is a folder too
        } catch {
            // does not exist (yet): look at its parent
        }
        if (path.dirname(p) === p) {
            return undefined;
        }
    }
}

/** `--out <dir>`: a folder, or a path where one can be created. */
export function checkOutFolder(flag: string, dir: string): void {
    const file = fileOnPath(dir);
    if (file !== undefined) {
        throw new UsageError(path.resolve(dir) === file ? `${flag} ${dir} is a file; give a folder` : `${flag} ${dir} is under the file ${path.relative(process.cwd(), file) || file}; give a folder`);
    }
}

/** `--out <file>`: a file, or a path where one can be created. */
export function checkOutFile(flag: string, file: string): void {
    const resolved = path.resolve(file);
    if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) {
        throw new UsageError(`${flag} ${file} is a folder; give a file name`);
    }
    const blocking = fileOnPath(path.dirname(resolved));
    if (blocking !== undefined) {
        throw new UsageError(`${flag} ${file} is under the file ${path.relative(process.cwd(), blocking) || blocking}; give a path in a folder`);
    }
}

/** Ends an unexpected error's report: its first line, and the stack only when asked for (SOVEREIGN_STACKS_DEBUG=1). */
export function unexpectedError(tool: string, err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    if (process.env.SOVEREIGN_STACKS_DEBUG === "1" && err instanceof Error && err.stack) {
        return `${tool}: unexpected error (a bug; please report it): ${err.stack}\n`;
    }
    return `${tool}: unexpected error (a bug; please report it): ${message.split("\n")[0].slice(0, 300)}\n  (run with SOVEREIGN_STACKS_DEBUG=1 for the stack trace)\n`;
}
