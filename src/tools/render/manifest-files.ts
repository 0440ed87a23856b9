// Serialises rendered documents as multi-document YAML: one stream, or one file per namespace.
// Deterministic: sorted documents, sorted keys, no line folding, no timestamps.

import * as yaml from "js-yaml";
import type { RenderedDocument } from "./documents";

export const CLUSTER_SCOPED_FILE = "_cluster.yaml";
const HEADER_PREFIX = "# Rendered offline by sovereign-stacks";

export function header(stackFile: string): string {
    return `${HEADER_PREFIX} from ${stackFile}; do not edit.\n`;
}

export function isRenderedFile(content: string): boolean {
    return content.startsWith(HEADER_PREFIX);
}

export function toYamlStream(documents: readonly RenderedDocument[]): string {
    return documents.map((d) => `---\n${yaml.dump(d.body, { sortKeys: true, lineWidth: -1, noRefs: true })}`).join("");
}

/** File name -> content, one file per Kubernetes namespace (cluster-scoped objects in `_cluster.yaml`). */
export function filesByNamespace(documents: readonly RenderedDocument[], stackFile: string): Map<string, string> {
    const groups = new Map<string, RenderedDocument[]>();
    for (const d of documents) {
        const file = d.namespace === undefined ? CLUSTER_SCOPED_FILE : `${d.namespace}.yaml`;
        groups.set(file, [...(groups.get(file) ?? []), d]);
    }
    const files = new Map<string, string>();
    for (const file of [...groups.keys()].sort()) {
        files.set(file, header(stackFile) + toYamlStream(groups.get(file)!));
    }
    return files;
}
