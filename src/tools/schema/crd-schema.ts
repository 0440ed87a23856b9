// The subset of a CRD's OpenAPI v3 structural schema (apiextensions.k8s.io/v1 JSONSchemaProps) that the
// validator reads. https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema

export interface ValidationRule {
    rule: string;
    message?: string;
    messageExpression?: string;
    /** JSONPath-like path below the rule's node that the error is reported at, e.g. `.tls`. */
    fieldPath?: string;
    reason?: string;
    optionalOldSelf?: boolean;
}

export interface CrdSchema {
    type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
    format?: string;
    properties?: Record<string, CrdSchema>;
    required?: string[];
    additionalProperties?: boolean | CrdSchema;
    items?: CrdSchema;
    enum?: unknown[];
    pattern?: string;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    maxItems?: number;
    minProperties?: number;
    maxProperties?: number;
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: boolean;
    exclusiveMaximum?: boolean;
    default?: unknown;
    nullable?: boolean;
    anyOf?: CrdSchema[];
    oneOf?: CrdSchema[];
    allOf?: CrdSchema[];
    not?: CrdSchema;
    "x-kubernetes-int-or-string"?: boolean;
    "x-kubernetes-preserve-unknown-fields"?: boolean;
    "x-kubernetes-embedded-resource"?: boolean;
    "x-kubernetes-list-type"?: "atomic" | "set" | "map";
    "x-kubernetes-list-map-keys"?: string[];
    "x-kubernetes-map-type"?: "atomic" | "granular";
    "x-kubernetes-validations"?: ValidationRule[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
