// Finding and reading the files the Pulumi CLI reads: Pulumi.yaml, stacks/Pulumi.<stack>.yaml, and the
// tenants folder a stack points at. Only the offline tools and the tenant-folder reader touch the disk.

import * as fs from "fs";
import * as path from "path";
import { isPlainObject, setOwn } from "../rules/plain-object";
import { SovereignConfigError, withheld } from "./issues";
import { unknownKeyFix } from "./reader";
import type { TenantDirectoryReader, TenantDocument } from "./sovereign-config";
import { pathProblem, readYamlFile } from "./yaml-file";

/** Ends the run with one problem about a file the config consists of. */
function fileError(file: string, problem: string, fix: string, key = "(file)", value: unknown = undefined): never {
    throw new SovereignConfigError([{ file: shownPath(file), path: key, value, problem, fix }]);
}

/** A path as the operator would type it from the working directory. */
export function shownPath(file: string): string {
    return path.relative(process.cwd(), file) || file;
}

export interface ProjectFile {
    root: string;
    name: string;
    stackConfigDir: string;
    /** Defaults from the project `config:` block, keyed without the project prefix. */
    configDefaults: Record<string, unknown>;
}

export function findProjectRoot(start: string): string {
    let dir = path.resolve(start);
    for (;;) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            fileError(path.join(path.resolve(start), "Pulumi.yaml"), "does not exist here or in any parent folder", "run from the project folder (the one with Pulumi.yaml)");
        }
        dir = parent;
    }
}

export function readProjectFile(root: string): ProjectFile {
    const file = path.join(root, "Pulumi.yaml");
    const read = readYamlFile(file, shownPath(file));
    if (!read.ok) {
        fileError(file, read.problem, read.fix);
    }
    const doc = read.content;
    if (!isPlainObject(doc) || typeof doc.name !== "string" || doc.name === "") {
        fileError(file, "is not a Pulumi project file: it has no name", "restore Pulumi.yaml (name: sovereign-stacks, runtime: nodejs)", "name", isPlainObject(doc) ? doc.name : undefined);
    }
    if (doc.stackConfigDir !== undefined && typeof doc.stackConfigDir !== "string") {
        fileError(file, "is not a folder name", "write stackConfigDir: stacks", "stackConfigDir", doc.stackConfigDir);
    }
    const configDefaults: Record<string, unknown> = {};
    if (isPlainObject(doc.config)) {
        for (const [key, decl] of Object.entries(doc.config)) {
            const value = isPlainObject(decl) ? decl.default : decl;
            if (value !== undefined) {
                setOwn(configDefaults, key, value);
            }
        }
    }
    return {
        root,
        name: doc.name,
        stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".",
        configDefaults,
    };
}

export function stackFilePath(project: ProjectFile, stack: string): string {
    return path.join(project.root, project.stackConfigDir, `Pulumi.${stack}.yaml`);
}

/** `Pulumi.<stack>.yaml` -> `<stack>` */
export function stackNameFromFile(file: string): string {
    const base = path.basename(file);
    const m = /^Pulumi\.(.+)\.ya?ml$/.exec(base);
    if (!m) {
        fileError(file, "is not named like a stack file; the Pulumi CLI reads a stack's config from Pulumi.<stack>.yaml", "rename it to Pulumi.<stack>.yaml");
    }
    const problem = stackNameProblem(m[1]);
    if (problem) {
        fileError(file, `names the stack "${m[1]}", which ${problem}`, "rename it to Pulumi.<stack>.yaml with a stack name of letters, digits, '-', '_' and '.'");
    }
    return m[1];
}

/** Why `name` is not a stack name the Pulumi CLI accepts (letters, digits, `-`, `_`, `.`), if it is not. */
export function stackNameProblem(name: string): string | undefined {
    if (/[\/\\]/.test(name)) {
        return "contains a path separator";
    }
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name) || /^\.+$/.test(name)) {
        return "is not a stack name (1 to 100 letters, digits, '-', '_' and '.')";
    }
    return undefined;
}

export interface StackFileConfig {
    /** Values of the project's namespace, keyed without the prefix (CLI rule: an unprefixed key is the project's). */
    projectValues: Record<string, unknown>;
    /** Keys whose value is `secure:` ciphertext, which cannot be decrypted offline. */
    secureKeys: string[];
    /** Keys of other namespaces (provider settings such as kubernetes:context), with their values. */
    otherValues: Record<string, unknown>;
}

// The fields of a Pulumi stack file (pkg/workspace: ProjectStack); anything else is a typo.
const STACK_FILE_FIELDS: readonly string[] = ["config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt"];

/** Reads a stack file's `config:` block the way the CLI interprets it. */
export function readStackFileConfig(file: string, project: ProjectFile): StackFileConfig {
    const read = readYamlFile(file, shownPath(file));
    if (!read.ok) {
        fileError(file, read.problem, read.fix);
    }
    const doc = read.content;
    const example = `write config: with keys such as ${project.name}:fqdn`;
    if (doc === undefined || doc === null) {
        fileError(file, "is empty", example);
    }
    if (!isPlainObject(doc)) {
        fileError(file, "is not a mapping", example, "(top level)", withheld(doc));
    }
    const unknownFields = Object.keys(doc).filter((k) => !STACK_FILE_FIELDS.includes(k));
    if (unknownFields.length > 0) {
        throw new SovereignConfigError(
            unknownFields.sort().map((k) => ({ file: shownPath(file), path: k, value: withheld(doc[k]), problem: "is not a field of a Pulumi stack file", fix: unknownKeyFix(k, STACK_FILE_FIELDS) })),
        );
    }
    if (doc.config !== undefined && doc.config !== null && !isPlainObject(doc.config)) {
        fileError(file, "is not a mapping", example, "config", withheld(doc.config));
    }
    const config = isPlainObject(doc.config) ? doc.config : {};
    const projectValues: Record<string, unknown> = { ...project.configDefaults };
    const secureKeys: string[] = [];
    const otherValues: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(config)) {
        const colon = fullKey.indexOf(":");
        const namespace = colon < 0 ? project.name : fullKey.slice(0, colon);
        if (namespace !== project.name) {
            otherValues[fullKey] = value; // provider settings such as kubernetes:context; the program checks the namespace
            continue;
        }
        const key = colon < 0 ? fullKey : fullKey.slice(colon + 1);
        if (isPlainObject(value) && typeof value.secure === "string") {
            secureKeys.push(key);
        }
        setOwn(projectValues, key, value);
    }
    return { projectValues, secureKeys, otherValues };
}

/** Whether `inner` is `outer` or inside it (both resolved). */
function isInside(outer: string, inner: string): boolean {
    const rel = path.relative(outer, inner);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

function realPath(file: string): string | undefined {
    try {
        return fs.realpathSync(file);
    } catch {
        return undefined;
    }
}

/**
 * Reads every `*.yaml`/`*.yml` in a tenants folder, in name order; relative to `baseDir` (the stack file's
 * folder), which the folder and its files may not leave, by `..`, an absolute path or a symbolic link.
 * Other files are reported rather than skipped (a tenant in `acme.YAML` or `acme.json` would vanish
 * silently); hidden files such as `.gitkeep` are skipped.
 */
export function tenantDirectoryReader(baseDir: string): TenantDirectoryReader {
    return (dir: string): TenantDocument[] => {
        if (path.isAbsolute(dir)) {
            throw new Error("is an absolute path; tenant files live beside the stack file");
        }
        const full = path.resolve(baseDir, dir);
        if (!isInside(path.resolve(baseDir), full)) {
            throw new Error("leads out of the stack file's folder");
        }
        const problem = pathProblem(full);
        if (problem === undefined || problem.problem !== "is a folder, not a file") {
            throw new Error(problem === undefined ? "is a file, not a folder" : problem.problem);
        }
        const realBase = realPath(baseDir) ?? path.resolve(baseDir);
        const realDir = realPath(full);
        if (realDir === undefined || !isInside(realBase, realDir)) {
            throw new Error("is a symbolic link leading out of the stack file's folder");
        }
        let names: string[];
        try {
            names = fs.readdirSync(full).filter((n) => !n.startsWith(".")).sort();
        } catch (err) {
            throw new Error(`cannot be read (${(err as NodeJS.ErrnoException).code ?? "unknown error"})`);
        }
        return names.map((name): TenantDocument => {
            const file = path.join(full, name);
            const shown = shownPath(file);
            const slug = name.replace(/\.ya?ml$/, "");
            if (!/\.ya?ml$/.test(name)) {
                const lower = /\.ya?ml$/i.test(name);
                return {
                    file: shown,
                    slug,
                    content: undefined,
                    fileProblem: {
                        problem: "is not a tenant file: tenant files are named <slug>.yaml or <slug>.yml",
                        fix: lower ? `rename it to ${name.replace(/\.ya?ml$/i, ".yaml")}` : "rename it to <slug>.yaml, or move it out of the tenants folder",
                    },
                };
            }
            const real = realPath(file);
            if (real !== undefined && !isInside(realBase, real)) {
                return { file: shown, slug, content: undefined, fileProblem: { problem: "is a symbolic link leading out of the stack file's folder", fix: "copy the tenant file into the tenants folder" } };
            }
            const read = readYamlFile(file, shown);
            return read.ok ? { file: shown, slug, content: read.content } : { file: shown, slug, content: undefined, fileProblem: { problem: read.problem, fix: read.fix } };
        });
    };
}
