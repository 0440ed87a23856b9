// Kubernetes names derived from a tenant slug, and the limits each must respect. Validation uses the
// same table, so a slug is rejected up front instead of producing an object the API server refuses.

export interface DerivedName {
    what: string;
    name: string;
    max: number;
}

export function tenantNamespace(slug: string): string {
    return `tenant-${slug}`;
}

export function stalwartName(slug: string): string {
    return `stalwart-${slug}`;
}

/** The tenant's console listeners: `console-https-<slug>` / `console-http-<slug>` (OpenOva's naming). */
export function tenantListenerName(slug: string, protocol: "https" | "http"): string {
    return `console-${protocol}-${slug}`;
}

export function tenantListenerSetName(slug: string): string {
    return `console-${slug}`;
}

export function derivedTenantNames(slug: string): DerivedName[] {
    return [
        { what: "namespace", name: tenantNamespace(slug), max: 63 },
        // The pod's controller-revision-hash label is <name>-<10 chars> and must stay <= 63.
        { what: "StatefulSet name", name: stalwartName(slug), max: 52 },
        { what: "Service name", name: `${stalwartName(slug)}-smtp`, max: 63 },
        { what: "label value", name: slug, max: 63 },
        { what: "ListenerSet name", name: tenantListenerSetName(slug), max: 253 },
    ];
}
