// Objects back from the YAML files `npm run render -- --out <dir>` writes (one file per namespace), for a
// checkout that predates `npm run preview:snapshot` (the base of the pull request that introduces it).
// Pure: file contents in, documents out.

import * as yaml from "js-yaml";
import { isPlainObject } from "../../rules/plain-object";
import { RenderedDocument, compareDocuments } from "../render/documents";

export function documentsFromRenderedFiles(files: ReadonlyMap<string, string>): RenderedDocument[] {
    const out: RenderedDocument[] = [];
    for (const [file, text] of files) {
        for (const body of yaml.loadAll(text, null, { filename: file })) {
            if (body === null || body === undefined) {
                continue;
            }
            if (!isPlainObject(body) || typeof body.kind !== "string" || !isPlainObject(body.metadata) || typeof body.metadata.name !== "string") {
                throw new Error(`${file}: a document without kind and metadata.name; not a rendered manifest`);
            }
            const namespace = body.metadata.namespace;
            out.push({ namespace: typeof namespace === "string" ? namespace : undefined, kind: body.kind, name: body.metadata.name, body });
        }
    }
    return out.sort(compareDocuments);
}
