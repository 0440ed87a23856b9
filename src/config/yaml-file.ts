// Reading one YAML file the config names (a stack file, Pulumi.yaml, a tenant file) without trusting it:
// what is at the path, how big it is, whether it parses, and whether the parsed value is a tree of a
// sane size. Every refusal is a problem and a fix for the operator, never an exception; no message
// quotes the file's content (a folder of tenant files may be pointed at a kubeconfig by mistake).

import * as fs from "fs";
import * as yaml from "js-yaml";
import { isPlainObject } from "../rules/plain-object";

/** Limits that keep a hostile or mistaken file from exhausting memory or the stack. */
export const YAML_LIMITS = {
    /** Bytes per file. js-yaml's dump overflows the stack on one string of about 2 MiB. */
    maxBytes: 1024 * 1024,
    /** Collection nesting (js-yaml's maxDepth); config is a handful of levels deep. */
    maxDepth: 64,
    /** Alias nodes (`*ref`) per file. */
    maxAliases: 100,
    /** Nodes of the value once aliases are expanded (an alias bomb is small on disk, huge in memory). */
    maxNodes: 200_000,
} as const;

export type YamlFileResult = { ok: true; content: unknown } | { ok: false; problem: string; fix: string };

/** Why the path cannot be read as a file, if it cannot: missing, a folder, a dangling symlink, a loop. */
export function pathProblem(file: string): { problem: string; fix: string } | undefined {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ELOOP") {
            return { problem: "is a symbolic link loop", fix: "point the link at a real file" };
        }
        if (code === "ENOENT" && isSymlink(file)) {
            return { problem: "is a symbolic link to a file that does not exist", fix: "fix or remove the link" };
        }
        if (code === "ENOENT" || code === "ENOTDIR") {
            return { problem: "does not exist", fix: "check the path" };
        }
        if (code === "EACCES" || code === "EPERM") {
            return { problem: "cannot be read (permission denied)", fix: "make the file readable" };
        }
        return { problem: `cannot be read (${code ?? "unknown error"})`, fix: "check the path" };
    }
    if (stat.isDirectory()) {
        return { problem: "is a folder, not a file", fix: "give the path of a YAML file" };
    }
    if (!stat.isFile()) {
        return { problem: "is not a regular file", fix: "give the path of a YAML file" };
    }
    if (stat.size > YAML_LIMITS.maxBytes) {
        return { problem: `is ${mebibytes(stat.size)} MiB; a config file may be at most ${mebibytes(YAML_LIMITS.maxBytes)} MiB`, fix: "move large data out of the config (e.g. into a ConfigMap the chart reads)" };
    }
    return undefined;
}

function isSymlink(file: string): boolean {
    try {
        return fs.lstatSync(file).isSymbolicLink();
    } catch {
        return false;
    }
}

function mebibytes(bytes: number): string {
    return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * The first line of a parser message, without the source excerpt js-yaml appends (it would quote the
 * file), at most 200 characters.
 */
export function parserReason(err: unknown): string {
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0].replace(/[\u0000-\u001f\u007f]/g, " ");
    return first.length > 200 ? `${first.slice(0, 197)}...` : first;
}

/** Why a parsed YAML value is not a finite tree of at most `maxNodes` nodes, if it is not. */
export function treeProblem(value: unknown, maxNodes: number = YAML_LIMITS.maxNodes): string | undefined {
    let nodes = 0;
    const path = new Set<object>();
    const visit = (v: unknown): string | undefined => {
        nodes++;
        if (nodes > maxNodes) {
            return `expands to more than ${maxNodes} values once its aliases are resolved`;
        }
        if (typeof v !== "object" || v === null) {
            return undefined;
        }
        if (path.has(v)) {
            return "contains an alias that refers to itself (a cycle)";
        }
        path.add(v);
        const children = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : [];
        for (const child of children) {
            const problem = visit(child);
            if (problem) {
                return problem;
            }
        }
        path.delete(v);
        return undefined;
    };
    return visit(value);
}

/** Parses YAML text with the limits; `shown` is the file name for messages. An empty document is `undefined`. */
export function parseYaml(text: string, shown: string): YamlFileResult {
    if (text.trim() === "" || text.split("\n").every((l) => /^\s*(#.*)?$/.test(l))) {
        return { ok: true, content: undefined };
    }
    let content: unknown;
    try {
        content = yaml.load(text, { filename: shown, maxDepth: YAML_LIMITS.maxDepth, maxAliases: YAML_LIMITS.maxAliases });
    } catch (err) {
        if (err instanceof RangeError) {
            return { ok: false, problem: "is nested too deeply or too large to parse", fix: "simplify the file" };
        }
        return { ok: false, problem: `is not valid YAML: ${parserReason(err)}`, fix: "fix the YAML syntax (one document, spaces not tabs, each key once)" };
    }
    const problem = treeProblem(content);
    if (problem) {
        return { ok: false, problem, fix: "remove the aliases (*name); write the values out" };
    }
    return { ok: true, content };
}

/** Reads and parses one YAML file, or says why it cannot. */
export function readYamlFile(file: string, shown: string): YamlFileResult {
    const problem = pathProblem(file);
    if (problem) {
        return { ok: false, ...problem };
    }
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        return { ok: false, problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`, fix: "check the path" };
    }
    return parseYaml(text, shown);
}
