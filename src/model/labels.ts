// Labels the program puts on what it creates: the managed-by label on every object, and the labels of
// the native Stalwart objects. Services and policies select on `component`, which only the
// Stalwart pod carries as `mail-server`: OpenOva's chart selected on labels its webmail pod shared,
// and the bootstrap Job pod must not become a Service endpoint either.

import { stalwartName } from "./tenant-names";

/** On every object this program creates directly, so operators can find and audit them. */
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = {
    "app.kubernetes.io/managed-by": "sovereign-stacks",
};

export const LABEL_NAME = "app.kubernetes.io/name";
export const LABEL_INSTANCE = "app.kubernetes.io/instance";
export const LABEL_COMPONENT = "app.kubernetes.io/component";
export const LABEL_PART_OF = "app.kubernetes.io/part-of";
export const LABEL_VERSION = "app.kubernetes.io/version";
export const LABEL_TENANT = "catalyst.openova.io/tenant";
/** Role label the unified-rbac UI uses to find the records a tenant must publish. */
export const LABEL_ROLE = "catalyst.openova.io/role";
export const ROLE_DNS_RECORDS_REQUIRED = "dns-records-required";

export const APP_NAME = "stalwart";
export const PART_OF = "stalwart-tenant";
export const COMPONENT_MAIL_SERVER = "mail-server";
export const COMPONENT_BOOTSTRAP = "bootstrap";
export const COMPONENT_CERTIFICATE_RELOAD = "certificate-reload";

export type Labels = Record<string, string>;

/** Selector of the Stalwart pod: Services, the StatefulSet and the NetworkPolicies use exactly this. */
export function stalwartSelectorLabels(slug: string): Labels {
    return { [LABEL_NAME]: APP_NAME, [LABEL_INSTANCE]: stalwartName(slug), [LABEL_COMPONENT]: COMPONENT_MAIL_SERVER };
}

/** Selector of the bootstrap Job pod, matched by the NetworkPolicies. */
export function bootstrapSelectorLabels(slug: string): Labels {
    return { [LABEL_NAME]: APP_NAME, [LABEL_INSTANCE]: stalwartName(slug), [LABEL_COMPONENT]: COMPONENT_BOOTSTRAP };
}

/** Selector of the certificate-reload CronJob's pods, matched by the NetworkPolicies. */
export function certificateReloadSelectorLabels(slug: string): Labels {
    return { [LABEL_NAME]: APP_NAME, [LABEL_INSTANCE]: stalwartName(slug), [LABEL_COMPONENT]: COMPONENT_CERTIFICATE_RELOAD };
}

/** Labels for objects that belong to the tenant's mail stack as a whole (no component). */
export function tenantMailLabels(slug: string): Labels {
    return {
        ...MANAGED_BY_LABELS,
        [LABEL_NAME]: APP_NAME,
        [LABEL_INSTANCE]: stalwartName(slug),
        [LABEL_PART_OF]: PART_OF,
        [LABEL_TENANT]: slug,
    };
}

export function stalwartLabels(slug: string): Labels {
    return { ...tenantMailLabels(slug), ...stalwartSelectorLabels(slug) };
}

export function bootstrapLabels(slug: string): Labels {
    return { ...tenantMailLabels(slug), ...bootstrapSelectorLabels(slug) };
}

export function certificateReloadLabels(slug: string): Labels {
    return { ...tenantMailLabels(slug), ...certificateReloadSelectorLabels(slug) };
}
