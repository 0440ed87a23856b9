// The API server's rules that OpenAPI does not express: object and namespace names, label and annotation
// syntax, per-kind name limits, ConfigMap/Secret keys, container and port names. Written from
// k8s.io/apimachinery/pkg/util/validation (IsDNS1123Subdomain, IsDNS1123Label, IsDNS1035Label,
// IsQualifiedName, IsValidLabelValue, IsConfigMapKey, IsValidPortName) and the per-kind validation in
// k8s.io/kubernetes/pkg/apis/*/validation. Independent of the program's own name helpers on purpose:
// a check that reused them could not catch their mistakes.

import { isPlainObject } from "../../rules/plain-object";
import type { PathSegment } from "./structural";

export interface NameProblem {
    segments: PathSegment[];
    rule: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])*$/;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function dns1123LabelProblem(s: string): string | undefined {
    if (s.length > 63) return "must be at most 63 characters (DNS-1123 label)";
    return DNS1123_LABEL.test(s) ? undefined : "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit";
}

export function dns1123SubdomainProblem(s: string): string | undefined {
    if (s.length > 253) return "must be at most 253 characters (DNS-1123 subdomain)";
    return DNS1123_SUBDOMAIN.test(s) ? undefined : "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
}

export function dns1035LabelProblem(s: string): string | undefined {
    if (s.length > 63) return "must be at most 63 characters (DNS-1035 label)";
    return DNS1035_LABEL.test(s) ? undefined : "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS-1123 subdomain, name at most 63. */
export function qualifiedNameProblem(s: string): string | undefined {
    const parts = s.split("/");
    if (parts.length > 2) return "must be a qualified name: an optional DNS subdomain prefix and '/', then a name";
    const name = parts[parts.length - 1]!;
    if (parts.length === 2) {
        const prefix = parts[0]!;
        if (prefix === "") return "must have a non-empty prefix before '/' (qualified name)";
        const p = dns1123SubdomainProblem(prefix);
        if (p !== undefined) return `prefix ${p}`;
    }
    if (name.length === 0) return "must have a non-empty name part (qualified name)";
    if (name.length > 63) return "name part must be at most 63 characters (qualified name)";
    return QUALIFIED_NAME_PART.test(name) ? undefined : "name part must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (qualified name)";
}

export function labelValueProblem(s: string): string | undefined {
    if (s.length > 63) return "must be at most 63 characters (label value)";
    return LABEL_VALUE.test(s) ? undefined : "must be empty or alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (label value)";
}

export function configMapKeyProblem(s: string): string | undefined {
    if (s.length > 253) return "must be at most 253 characters (ConfigMap/Secret key)";
    if (s === "." || s === "..") return "must not be '.' or '..' (ConfigMap/Secret key)";
    return CONFIG_MAP_KEY.test(s) ? undefined : "must consist of alphanumerics, '-', '_' or '.' (ConfigMap/Secret key)";
}

/** Named ports (IANA_SVC_NAME): at most 15, lowercase alphanumerics and '-', a letter, no '--'. */
export function portNameProblem(s: string): string | undefined {
    if (s.length > 15) return "must be at most 15 characters (IANA_SVC_NAME)";
    if (!IANA_SVC_NAME.test(s)) return "must be lowercase alphanumerics and '-', starting and ending with an alphanumeric (IANA_SVC_NAME)";
    if (s.includes("--")) return "must not contain '--' (IANA_SVC_NAME)";
    return /[a-z]/.test(s) ? undefined : "must contain at least one letter (IANA_SVC_NAME)";
}

function withLimit(check: (s: string) => string | undefined, max: number, why: string): (s: string) => string | undefined {
    return (s) => check(s) ?? (s.length > max ? `must be at most ${max} characters (${why})` : undefined);
}

/** The rule for `metadata.name` of a kind; DNS-1123 subdomain unless the API server says otherwise. */
export function nameRuleFor(kind: string): (name: string) => string | undefined {
    switch (kind) {
        case "Namespace":
            return dns1123LabelProblem;
        case "Service":
            return dns1035LabelProblem;
        case "StatefulSet":
            // Pods are named <name>-<ordinal> and labelled controller-revision-hash=<name>-<10-char hash>.
            return withLimit(dns1123LabelProblem, 52, "StatefulSet: its controller-revision-hash label value <name>-<hash> must fit in 63");
        case "Job":
            // The Job's name is its Pods' batch.kubernetes.io/job-name label value.
            return withLimit(dns1123SubdomainProblem, 63, "Job: its name is the job-name label value of its Pods");
        case "CronJob":
            // Jobs are named <name>-<11-digit schedule time>, and a Job name is a label value.
            return withLimit(dns1123SubdomainProblem, 52, "CronJob: its Jobs are named <name>-<time> and must fit in 63");
        default:
            return dns1123SubdomainProblem;
    }
}

function checkLabels(map: unknown, at: PathSegment[], out: NameProblem[]): void {
    if (!isPlainObject(map)) return;
    for (const [k, v] of Object.entries(map)) {
        const kp = qualifiedNameProblem(k);
        if (kp !== undefined) out.push({ segments: [...at, k], rule: `key ${kp}` });
        if (typeof v === "string") {
            const vp = labelValueProblem(v);
            if (vp !== undefined) out.push({ segments: [...at, k], rule: `value ${vp}` });
        }
    }
}

function checkAnnotations(map: unknown, at: PathSegment[], out: NameProblem[]): void {
    if (!isPlainObject(map)) return;
    let bytes = 0;
    for (const [k, v] of Object.entries(map)) {
        const kp = qualifiedNameProblem(k.toLowerCase());
        if (kp !== undefined) out.push({ segments: [...at, k], rule: `key ${kp}` });
        bytes += Buffer.byteLength(k) + (typeof v === "string" ? Buffer.byteLength(v) : 0);
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) out.push({ segments: at, rule: `must total at most ${MAX_ANNOTATIONS_BYTES} bytes (annotations)` });
}

/** Labels, annotations and selectors anywhere in the object (pod templates, selectors, job templates). */
function checkLabelMaps(value: unknown, at: PathSegment[], out: NameProblem[]): void {
    if (Array.isArray(value)) {
        value.forEach((v, i) => checkLabelMaps(v, [...at, i], out));
        return;
    }
    if (!isPlainObject(value)) return;
    for (const [k, v] of Object.entries(value)) {
        const here = [...at, k];
        if (k === "metadata" && isPlainObject(v)) {
            checkLabels(v.labels, [...here, "labels"], out);
            checkAnnotations(v.annotations, [...here, "annotations"], out);
        } else if (k === "matchLabels") {
            checkLabels(v, here, out);
            continue;
        }
        checkLabelMaps(v, here, out);
    }
}

function checkPodSpec(pod: unknown, at: PathSegment[], out: NameProblem[]): void {
    if (!isPlainObject(pod)) return;
    for (const list of ["initContainers", "containers"]) {
        const containers = pod[list];
        if (!Array.isArray(containers)) continue;
        containers.forEach((c, i) => {
            if (!isPlainObject(c)) return;
            if (typeof c.name === "string") {
                const p = dns1123LabelProblem(c.name);
                if (p !== undefined) out.push({ segments: [...at, list, i, "name"], rule: p });
            }
            if (Array.isArray(c.ports)) {
                c.ports.forEach((port, j) => {
                    if (isPlainObject(port) && typeof port.name === "string") {
                        const p = portNameProblem(port.name);
                        if (p !== undefined) out.push({ segments: [...at, list, i, "ports", j, "name"], rule: p });
                    }
                });
            }
        });
    }
    if (Array.isArray(pod.volumes)) {
        pod.volumes.forEach((v, i) => {
            if (isPlainObject(v) && typeof v.name === "string") {
                const p = dns1123LabelProblem(v.name);
                if (p !== undefined) out.push({ segments: [...at, "volumes", i, "name"], rule: p });
            }
        });
    }
}

function podSpecPaths(kind: string): PathSegment[][] {
    switch (kind) {
        case "Pod":
            return [["spec"]];
        case "CronJob":
            return [["spec", "jobTemplate", "spec", "template", "spec"]];
        case "Deployment":
        case "StatefulSet":
        case "DaemonSet":
        case "ReplicaSet":
        case "Job":
            return [["spec", "template", "spec"]];
        default:
            return [];
    }
}

function at(body: unknown, segments: readonly PathSegment[]): unknown {
    let v = body;
    for (const s of segments) {
        v = isPlainObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[s] : undefined;
    }
    return v;
}

function checkServicePorts(body: Record<string, unknown>, out: NameProblem[]): void {
    const ports = at(body, ["spec", "ports"]);
    if (!Array.isArray(ports)) return;
    const names = new Map<string, number>();
    ports.forEach((p, i) => {
        if (!isPlainObject(p)) return;
        if (typeof p.name === "string") {
            const np = dns1123LabelProblem(p.name);
            if (np !== undefined) out.push({ segments: ["spec", "ports", i, "name"], rule: np });
            const first = names.get(p.name);
            if (first !== undefined) out.push({ segments: ["spec", "ports", i, "name"], rule: `duplicates ports[${first}].name (Service port names are unique)` });
            names.set(p.name, i);
        } else if (ports.length > 1) {
            out.push({ segments: ["spec", "ports", i, "name"], rule: "is required when a Service has more than one port" });
        }
        if (typeof p.targetPort === "string") {
            const tp = portNameProblem(p.targetPort);
            if (tp !== undefined) out.push({ segments: ["spec", "ports", i, "targetPort"], rule: tp });
        }
    });
    checkLabels(at(body, ["spec", "selector"]), ["spec", "selector"], out);
}

/** Every name rule the API server applies to this object beyond its OpenAPI schema. */
export function nameProblems(kind: string, body: Record<string, unknown>, namespaced: boolean): NameProblem[] {
    const out: NameProblem[] = [];
    const meta = isPlainObject(body.metadata) ? body.metadata : {};
    if (typeof meta.name !== "string" || meta.name === "") {
        out.push({ segments: ["metadata", "name"], rule: "is required (metadata.name)" });
    } else {
        const p = nameRuleFor(kind)(meta.name);
        if (p !== undefined) out.push({ segments: ["metadata", "name"], rule: p });
    }
    if (typeof meta.namespace === "string") {
        if (!namespaced) {
            out.push({ segments: ["metadata", "namespace"], rule: `must be absent: ${kind} is cluster-scoped` });
        } else {
            const p = dns1123LabelProblem(meta.namespace);
            if (p !== undefined) out.push({ segments: ["metadata", "namespace"], rule: p });
        }
    }
    checkLabelMaps(body, [], out);
    for (const path of podSpecPaths(kind)) {
        checkPodSpec(at(body, path), path, out);
    }
    if (kind === "Service") {
        checkServicePorts(body, out);
    }
    if ((kind === "ConfigMap" || kind === "Secret") && body.apiVersion === "v1") {
        for (const field of ["data", "stringData", "binaryData"]) {
            const map = body[field];
            if (!isPlainObject(map)) continue;
            for (const key of Object.keys(map)) {
                const p = configMapKeyProblem(key);
                if (p !== undefined) out.push({ segments: [field, key], rule: `key ${p}` });
            }
        }
    }
    return out;
}
