// CRD schemas vendored as data (test/schemas/*.yaml, each named with its upstream version), indexed by
// apiVersion and kind. Only a CRD tells the validator what a custom object may contain.

import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { findProjectRoot } from "../../config/stack-files";
import { isPlainObject } from "../../rules/plain-object";
import type { CrdSchema } from "./crd-schema";

export interface CrdVersion {
    apiVersion: string;
    kind: string;
    namespaced: boolean;
    /** False for a version the CRD still lists but the API server no longer serves. */
    served: boolean;
    schema: CrdSchema;
    /** Vendored file the schema came from, relative to the schema folder. */
    file: string;
}

export type CrdCatalog = ReadonlyMap<string, CrdVersion>;

export function catalogKey(apiVersion: string, kind: string): string {
    return `${apiVersion} ${kind}`;
}

/** The folder of vendored CRDs: `test/schemas` under the repository root (found from this file). */
export function defaultSchemaDir(): string {
    return path.join(findProjectRoot(__dirname), "test", "schemas");
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
    if (!isPlainObject(value)) {
        throw new Error(`${what} is not a mapping`);
    }
    return value;
}

/** The versions of the CRDs in one YAML text (one or several documents). */
export function crdVersionsOf(text: string, file: string): CrdVersion[] {
    const out: CrdVersion[] = [];
    for (const doc of yaml.loadAll(text)) {
        if (!isPlainObject(doc) || doc.kind !== "CustomResourceDefinition") {
            continue;
        }
        const spec = asRecord(doc.spec, `${file}: spec`);
        const names = asRecord(spec.names, `${file}: spec.names`);
        const versions = spec.versions;
        if (typeof spec.group !== "string" || typeof names.kind !== "string" || !Array.isArray(versions)) {
            throw new Error(`${file}: a CustomResourceDefinition needs spec.group, spec.names.kind and spec.versions`);
        }
        for (const v of versions) {
            const version = asRecord(v, `${file}: spec.versions[]`);
            const schema = asRecord(asRecord(version.schema, `${file}: ${String(version.name)}.schema`).openAPIV3Schema, `${file}: openAPIV3Schema`);
            out.push({
                apiVersion: `${spec.group}/${String(version.name)}`,
                kind: names.kind,
                namespaced: spec.scope === "Namespaced",
                served: version.served === true,
                schema: schema as CrdSchema,
                file,
            });
        }
    }
    return out;
}

/** One vendored CRD file, as `sources.json` in the schema folder records it. */
export interface SchemaSource {
    file: string;
    /** Upstream repository, path in it, release tag and the tag's commit. */
    repository: string;
    path: string;
    tag: string;
    commit: string;
    /** sha256 of the vendored file, so an edit shows. */
    sha256: string;
    /** `apiVersion kind` pairs taken from this file (another file may carry another version of one CRD). */
    use: string[];
    /** Why this upstream version, when it is not the latest. */
    note?: string;
    /** What was left out of the upstream file, if anything. */
    trimmed?: string;
}

export const SOURCES_FILE = "sources.json";

export function readSchemaSources(dir: string = defaultSchemaDir()): SchemaSource[] {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dir, SOURCES_FILE), "utf8"));
    if (!Array.isArray(parsed)) {
        throw new Error(`${path.join(dir, SOURCES_FILE)} must be a list of sources`);
    }
    return parsed as SchemaSource[];
}

/** The CRD versions that `sources.json` says to use, keyed by `apiVersion kind`; each must exist and be unique. */
export function loadCrdCatalog(dir: string = defaultSchemaDir()): CrdCatalog {
    const catalog = new Map<string, CrdVersion>();
    for (const source of readSchemaSources(dir)) {
        const versions = new Map(crdVersionsOf(fs.readFileSync(path.join(dir, source.file), "utf8"), source.file).map((v) => [catalogKey(v.apiVersion, v.kind), v]));
        for (const key of source.use) {
            const v = versions.get(key);
            if (v === undefined) {
                throw new Error(`${source.file} has no CRD version ${key} (${SOURCES_FILE})`);
            }
            if (catalog.has(key)) {
                throw new Error(`${source.file} and ${catalog.get(key)!.file} both provide ${key} (${SOURCES_FILE}); keep one`);
            }
            catalog.set(key, v);
        }
    }
    return catalog;
}
