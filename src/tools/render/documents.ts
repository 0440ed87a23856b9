// Turns recorded registrations into the documents an operator reviews: Kubernetes objects as plain
// manifests, each Helm chart as a HelmChart request document. Secrets are redacted, order is stable.

import { isPlainObject } from "../../rules/plain-object";
import type { Registration } from "./recording-mocks";
import { compareCodeUnits } from "../../rules/code-unit-order";

export const HELM_CHART_API_VERSION = "render.sovereign-stacks/v1";
export const SECRET_PLACEHOLDER = "[secret]";

// Markers of the Pulumi wire format (sdk/nodejs/runtime/rpc.ts).
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface RenderedDocument {
    namespace: string | undefined;
    kind: string;
    name: string;
    body: Record<string, unknown>;
}

/** Replaces secret values with "[secret]", resource references with their URN, unknowns with a marker. */
export function redact(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(redact);
    }
    if (!isPlainObject(value)) {
        return value === UNKNOWN ? "[unknown until deploy]" : value;
    }
    if (SECRET_SIG in value) {
        const sig = value[SECRET_SIG];
        if (sig === "1b47061264138c4ac30d75fd1eb44270") {
            // Keep a secret mapping's keys (what a reviewer needs to see), never its values.
            const inner = value.value;
            return isPlainObject(inner) ? Object.fromEntries(Object.keys(inner).map((k) => [k, SECRET_PLACEHOLDER])) : SECRET_PLACEHOLDER;
        }
        if (sig === RESOURCE_SIG) {
            return `[resource ${String(value.urn)}]`;
        }
    }
    if (value.__pulumiUnknown === true) {
        return "[unknown until deploy]";
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
}

/** Kubernetes Secrets never show their data, whether or not Pulumi marked it secret. */
function redactSecretObject(body: Record<string, unknown>): Record<string, unknown> {
    const out = { ...body };
    for (const field of ["data", "stringData"]) {
        const data = out[field];
        if (isPlainObject(data)) {
            out[field] = Object.fromEntries(Object.keys(data).map((k) => [k, SECRET_PLACEHOLDER]));
        } else if (data !== undefined) {
            out[field] = SECRET_PLACEHOLDER;
        }
    }
    return out;
}

function metadataOf(body: Record<string, unknown>): { name: string; namespace: string | undefined } {
    const meta = isPlainObject(body.metadata) ? body.metadata : {};
    return {
        name: typeof meta.name === "string" ? meta.name : "",
        namespace: typeof meta.namespace === "string" ? meta.namespace : undefined,
    };
}

export function documentFor(reg: Registration): RenderedDocument | undefined {
    const inputs = redact(reg.inputs) as Record<string, unknown>;
    if (reg.type === "kubernetes:helm.sh/v4:Chart") {
        const namespace = typeof inputs.namespace === "string" ? inputs.namespace : undefined;
        const name = typeof inputs.name === "string" ? inputs.name : reg.name;
        return {
            namespace,
            kind: "HelmChart",
            name,
            body: {
                apiVersion: HELM_CHART_API_VERSION,
                kind: "HelmChart",
                metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
                spec: { chart: inputs.chart, version: inputs.version, namespace, values: inputs.values ?? {} },
            },
        };
    }
    if (!reg.custom || !reg.type.startsWith("kubernetes:") || reg.type.startsWith("kubernetes:helm.sh/")) {
        return undefined; // components, providers and non-Kubernetes resources are not manifests
    }
    if (typeof inputs.kind !== "string" || typeof inputs.apiVersion !== "string") {
        throw new Error(`resource ${reg.name} (${reg.type}) has no apiVersion/kind; cannot render it`);
    }
    const body = inputs.kind === "Secret" && inputs.apiVersion === "v1" ? redactSecretObject(inputs) : inputs;
    const meta = metadataOf(body);
    if (meta.name === "") {
        // Auto-named objects get a random suffix from the provider, so their name is unknown offline.
        throw new Error(`resource ${reg.name} (${reg.type}) has no metadata.name; give every object an explicit name`);
    }
    return { namespace: meta.namespace, kind: inputs.kind, name: meta.name, body };
}

const KIND_ORDER = ["Namespace", "Gateway", "ListenerSet"];

function kindRank(kind: string): number {
    const i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.length : i;
}

export function compareDocuments(a: RenderedDocument, b: RenderedDocument): number {
    return (
        compareCodeUnits(a.namespace ?? "", b.namespace ?? "") ||
        kindRank(a.kind) - kindRank(b.kind) ||
        compareCodeUnits(a.kind, b.kind) ||
        compareCodeUnits(a.name, b.name)
    );
}

export function documentsFor(registrations: readonly Registration[]): RenderedDocument[] {
    return registrations
        .map(documentFor)
        .filter((d): d is RenderedDocument => d !== undefined)
        .sort(compareDocuments);
}
