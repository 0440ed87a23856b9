// Finding and reading the files the Pulumi CLI reads: Pulumi.yaml, stacks/Pulumi.<stack>.yaml, and the
// tenants folder a stack points at. Only the offline tools and the tenant-folder reader touch the disk.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { isPlainObject } from "../rules/plain-object";
import type { TenantDirectoryReader, TenantDocument } from "./sovereign-config";

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
            throw new Error(`no Pulumi.yaml found in ${start} or any parent folder`);
        }
        dir = parent;
    }
}

export function readProjectFile(root: string): ProjectFile {
    const file = path.join(root, "Pulumi.yaml");
    const doc = yaml.load(fs.readFileSync(file, "utf8"), { filename: file });
    if (!isPlainObject(doc) || typeof doc.name !== "string") {
        throw new Error(`${file}: expected a mapping with a name`);
    }
    const configDefaults: Record<string, unknown> = {};
    if (isPlainObject(doc.config)) {
        for (const [key, decl] of Object.entries(doc.config)) {
            const value = isPlainObject(decl) ? decl.default : decl;
            if (value !== undefined) {
                configDefaults[key] = value;
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
        throw new Error(`${file}: a stack file is named Pulumi.<stack>.yaml`);
    }
    return m[1];
}

export interface StackFileConfig {
    /** Values of the project's namespace, keyed without the prefix (CLI rule: an unprefixed key is the project's). */
    projectValues: Record<string, unknown>;
    /** Keys whose value is `secure:` ciphertext, which cannot be decrypted offline. */
    secureKeys: string[];
}

/** Reads a stack file's `config:` block the way the CLI interprets it. */
export function readStackFileConfig(file: string, project: ProjectFile): StackFileConfig {
    const doc = yaml.load(fs.readFileSync(file, "utf8"), { filename: file });
    const config = isPlainObject(doc) && isPlainObject(doc.config) ? doc.config : {};
    const projectValues: Record<string, unknown> = { ...project.configDefaults };
    const secureKeys: string[] = [];
    for (const [fullKey, value] of Object.entries(config)) {
        const colon = fullKey.indexOf(":");
        const namespace = colon < 0 ? project.name : fullKey.slice(0, colon);
        if (namespace !== project.name) {
            continue; // provider settings such as kubernetes:context
        }
        const key = colon < 0 ? fullKey : fullKey.slice(colon + 1);
        if (isPlainObject(value) && typeof value.secure === "string") {
            secureKeys.push(key);
        }
        projectValues[key] = value;
    }
    return { projectValues, secureKeys };
}

/** Reads every `*.yaml`/`*.yml` in a tenants folder, in name order; relative to `baseDir`. */
export function tenantDirectoryReader(baseDir: string): TenantDirectoryReader {
    return (dir: string): TenantDocument[] => {
        const full = path.resolve(baseDir, dir);
        if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) {
            throw new Error(`is not a folder (resolved to ${full})`);
        }
        const names = fs
            .readdirSync(full)
            .filter((n) => /\.ya?ml$/.test(n))
            .sort();
        return names.map((name) => {
            const file = path.join(full, name);
            const shown = path.relative(process.cwd(), file) || file;
            const slug = name.replace(/\.ya?ml$/, "");
            try {
                return { file: shown, slug, content: yaml.load(fs.readFileSync(file, "utf8"), { filename: shown }) };
            } catch (err) {
                return { file: shown, slug, content: undefined, parseError: (err as Error).message.split("\n")[0] };
            }
        });
    };
}
