// Schema validation of every rendered object, by the cluster's own rules: built-in kinds against the
// Kubernetes OpenAPI validators, custom kinds against their vendored CRD (defaults, structural schema,
// CEL rules), and every object against the name rules OpenAPI does not express.

import { isPlainObject } from "../../rules/plain-object";
import { HELM_CHART_API_VERSION, RenderedDocument } from "../render/documents";
import { compareCodeUnits } from "../../rules/code-unit-order";
import { isBuiltInApiVersion, validateBuiltIn } from "./core-kinds";
import { CelTally, celProblems, emptyTally } from "./cel-rules";
import { CrdCatalog, catalogKey } from "./crd-catalog";
import { nameProblems } from "./api-server-name-rules";
import { ObjectRef, SchemaProblem, formatSchemaProblem, joinPath } from "./problem";
import { applyDefaults, structuralProblems } from "./structural";

export interface SchemaReport {
    /** Objects validated (Helm chart requests are not cluster objects and are not counted). */
    objects: number;
    problems: SchemaProblem[];
    cel: CelTally;
}

// Built-in kinds that are not namespaced (kubectl api-resources --namespaced=false, Kubernetes 1.33).
const CLUSTER_SCOPED_BUILT_INS: ReadonlySet<string> = new Set([
    "APIService", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding", "CSIDriver", "CSINode",
    "CustomResourceDefinition", "FlowSchema", "IngressClass", "MutatingWebhookConfiguration", "Namespace", "Node",
    "PersistentVolume", "PriorityClass", "PriorityLevelConfiguration", "RuntimeClass", "StorageClass",
    "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeAttachment",
]);

function refOf(doc: RenderedDocument): ObjectRef {
    return { apiVersion: String(doc.body.apiVersion), kind: doc.kind, namespace: doc.namespace, name: doc.name };
}

function customProblems(ref: ObjectRef, body: Record<string, unknown>, catalog: CrdCatalog, tally: CelTally): { problems: SchemaProblem[]; namespaced: boolean } {
    const crd = catalog.get(catalogKey(ref.apiVersion, ref.kind));
    if (crd === undefined) {
        const known = [...catalog.values()].filter((v) => v.kind === ref.kind).map((v) => v.apiVersion);
        const hint = known.length > 0 ? `; vendored: ${known.sort(compareCodeUnits).join(", ")}` : "; vendor its CRD under test/schemas";
        return { problems: [{ object: ref, path: "", rule: `no CRD schema for ${ref.apiVersion} ${ref.kind}${hint} (apiVersion/kind)` }], namespaced: true };
    }
    const problems: SchemaProblem[] = [];
    if (!crd.served) {
        problems.push({ object: ref, path: "apiVersion", rule: `${ref.apiVersion} is not served by the CRD in ${crd.file} (served: false)` });
    }
    const defaulted = applyDefaults(body, crd.schema) as Record<string, unknown>;
    for (const p of structuralProblems(defaulted, crd.schema)) {
        problems.push({ object: ref, path: joinPath(p.segments), rule: p.rule });
    }
    for (const p of celProblems(defaulted, crd.schema, tally)) {
        problems.push({ object: ref, path: joinPath(p.segments), rule: p.rule });
    }
    return { problems, namespaced: crd.namespaced };
}

/** Validates one rendered object; adds CEL counts to `tally`. */
export function validateDocument(doc: RenderedDocument, catalog: CrdCatalog, tally: CelTally): SchemaProblem[] {
    const ref = refOf(doc);
    const body = doc.body;
    let problems: SchemaProblem[];
    let namespaced: boolean;
    if (isBuiltInApiVersion(ref.apiVersion)) {
        problems = validateBuiltIn(ref, body);
        namespaced = !CLUSTER_SCOPED_BUILT_INS.has(ref.kind);
    } else {
        ({ problems, namespaced } = customProblems(ref, body, catalog, tally));
    }
    // A label in a CRD's selector may break the CRD's pattern and the label rule at once: one line per field.
    const reported = new Set(problems.map((p) => p.path));
    for (const p of nameProblems(ref.kind, body, namespaced)) {
        const path = joinPath(p.segments);
        if (!reported.has(path)) {
            problems.push({ object: ref, path, rule: p.rule });
        }
    }
    return problems;
}

/** Validates every cluster object of a render (Helm chart requests are rendered by Helm, not applied as is). */
export function validateDocuments(docs: readonly RenderedDocument[], catalog: CrdCatalog): SchemaReport {
    const cel = emptyTally();
    const problems: SchemaProblem[] = [];
    let objects = 0;
    for (const doc of docs) {
        if (doc.body.apiVersion === HELM_CHART_API_VERSION || !isPlainObject(doc.body)) {
            continue;
        }
        objects++;
        problems.push(...validateDocument(doc, catalog, cel));
    }
    return { objects, problems, cel };
}

export function formatSchemaReport(report: SchemaReport): string[] {
    return report.problems.map(formatSchemaProblem);
}
