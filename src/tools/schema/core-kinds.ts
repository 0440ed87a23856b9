// Built-in Kubernetes kinds, validated with the OpenAPI validators that `kubernetes-models` compiles from
// the Kubernetes API's own OpenAPI document (kubernetes-models 4.5.1 carries Kubernetes 1.33, inside the
// 1.30-and-newer range the Sovereigns run). Those validators check types, required fields and enums;
// the rules OpenAPI does not express (names, label syntax) are in name-rules.ts.

import { isOfflinePlaceholder } from "./placeholders";
import { ObjectRef, SchemaProblem, joinPath, pointerSegments } from "./problem";

/** API groups served by the Kubernetes API server itself (no CRD needed). */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
    "",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apps",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
]);

export function groupOf(apiVersion: string): string {
    const slash = apiVersion.indexOf("/");
    return slash < 0 ? "" : apiVersion.slice(0, slash);
}

export function isBuiltInApiVersion(apiVersion: string): boolean {
    return BUILT_IN_GROUPS.has(groupOf(apiVersion));
}

/** The part of an ajv error this module reads (ajv's ErrorObject). */
export interface OpenApiError {
    instancePath: string;
    keyword: string;
    params: Record<string, unknown>;
    message?: string;
}

type Validate = (body: Record<string, unknown>) => OpenApiError[];

interface ModelInstance {
    validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => ModelInstance;

function isModelClass(value: unknown): value is ModelClass {
    return typeof value === "function" && typeof (value as { prototype?: { validate?: unknown } }).prototype?.validate === "function";
}

const validators = new Map<string, Validate | undefined>();

function loadValidator(apiVersion: string, kind: string): Validate | undefined {
    let mod: Record<string, unknown>;
    try {
        // e.g. kubernetes-models/v1, kubernetes-models/apps/v1, kubernetes-models/networking.k8s.io/v1
        mod = require(`kubernetes-models/${apiVersion}`) as Record<string, unknown>;
    } catch {
        return undefined;
    }
    const model = mod[kind];
    if (!isModelClass(model)) {
        return undefined;
    }
    return (body) => {
        try {
            new model(body).validate();
            return [];
        } catch (err) {
            const errors = (err as { errors?: unknown }).errors;
            if (!Array.isArray(errors)) {
                throw err;
            }
            return errors as OpenApiError[];
        }
    };
}

function validatorFor(apiVersion: string, kind: string): Validate | undefined {
    const key = `${apiVersion} ${kind}`;
    if (!validators.has(key)) {
        validators.set(key, loadValidator(apiVersion, kind));
    }
    return validators.get(key);
}

function limitRule(e: OpenApiError): string {
    return `${e.message ?? "out of range"} (${e.keyword} ${String(e.params.limit)})`;
}

/** The rule an OpenAPI error states, in words, without the offending value. */
export function openApiRule(e: OpenApiError): string {
    switch (e.keyword) {
        case "required":
            return "is required (required)";
        case "type":
            return `must be ${String(e.params.type)} (type)`;
        case "enum":
            return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")} (enum)`;
        case "pattern":
            return `must match ${String(e.params.pattern)} (pattern)`;
        case "format":
            return `must be a valid ${String(e.params.format)} (format)`;
        case "maxLength":
        case "minLength":
        case "maxItems":
        case "minItems":
        case "maximum":
        case "minimum":
        case "maxProperties":
        case "minProperties":
            return limitRule(e);
        default:
            return `${e.message ?? "is invalid"} (${e.keyword})`;
    }
}

/**
 * kubernetes-models also carries API versions that Kubernetes has since removed (batch/v1beta1 CronJob,
 * extensions/v1beta1 Ingress, ...). On 1.30 and newer every built-in alpha or beta version is either
 * removed or off by default, so only GA versions are accepted; the message names the GA version to use.
 */
function prereleaseProblem(ref: ObjectRef): SchemaProblem | undefined {
    const version = ref.apiVersion.slice(ref.apiVersion.indexOf("/") + 1);
    if (!/(alpha|beta)/.test(version)) {
        return undefined;
    }
    const group = groupOf(ref.apiVersion);
    const ga = ["v2", "v1"].map((v) => (group === "" ? v : `${group}/${v}`)).find((gv) => validatorFor(gv, ref.kind) !== undefined);
    return {
        object: ref,
        path: "apiVersion",
        rule: `${ref.apiVersion} is not served by default on Kubernetes 1.30 and newer (removed, or a pre-release API that is off by default)${ga === undefined ? "" : `; use ${ga}`}`,
    };
}

/** Problems with a built-in object; one "unknown kind" problem when this Kubernetes version has no such kind. */
export function validateBuiltIn(ref: ObjectRef, body: Record<string, unknown>): SchemaProblem[] {
    const prerelease = prereleaseProblem(ref);
    if (prerelease !== undefined) {
        return [prerelease];
    }
    const validate = validatorFor(ref.apiVersion, ref.kind);
    if (validate === undefined) {
        return [{ object: ref, path: "", rule: `Kubernetes 1.33 serves no kind ${ref.kind} in ${ref.apiVersion} (apiVersion/kind)` }];
    }
    const problems: SchemaProblem[] = [];
    for (const e of validate(body)) {
        const segments = pointerSegments(e.instancePath, body);
        if (e.keyword === "required") {
            segments.push(String(e.params.missingProperty));
        } else if (isOfflinePlaceholder(valueAt(body, segments))) {
            continue; // a secret or deploy-time value: not known offline, not judged
        }
        problems.push({ object: ref, path: joinPath(segments), rule: openApiRule(e) });
    }
    return problems;
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
    let at = root;
    for (const s of segments) {
        if (typeof at !== "object" || at === null) {
            return undefined;
        }
        at = (at as Record<string | number, unknown>)[s];
    }
    return at;
}
