import type { TenantSpec } from "../../src/model/tenant-spec";

/** The README's example tenant, in free-subdomain mode. */
export function acmeTenant(overrides: Partial<TenantSpec> = {}): TenantSpec {
    return {
        slug: "acme",
        origin: { file: "tenants/acme.yaml", path: "" },
        implementation: "native",
        domain: { primary: "acme.omantel.omani.works", mode: "free-subdomain", zone: "omantel.omani.works" },
        web: { host: "webmail.acme.omantel.omani.works" },
        keycloak: { realmURL: "https://auth.acme.omantel.omani.works/realms/sme", clientID: "stalwart", clientSecretName: "stalwart-oidc" },
        oidcRemoteKey: "sovereign/omantel.omani.works/stalwart/acme/oidc",
        admin: { source: "external-secret", remoteKey: "sovereign/omantel.omani.works/stalwart/acme/admin" },
        dns: { powerdns: { enabled: true, apiURL: "https://pdns.omantel.omani.works/api", apiKeySecretName: "powerdns-api-key", zone: "omantel.omani.works" } },
        dmarcRua: "dmarc@acme.omantel.omani.works",
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        spoolSize: "20Gi",
        chartVersion: "0.1.16",
        ...overrides,
    };
}

/** The labels the acme tenant's Stalwart pod (and its Services) must carry, written out literally. */
export const ACME_MAIL_SERVER_SELECTOR = {
    "app.kubernetes.io/name": "stalwart",
    "app.kubernetes.io/instance": "stalwart-acme",
    "app.kubernetes.io/component": "mail-server",
};
export const ACME_MAIL_SERVER_LABELS = {
    "app.kubernetes.io/managed-by": "sovereign-stacks",
    "app.kubernetes.io/name": "stalwart",
    "app.kubernetes.io/instance": "stalwart-acme",
    "app.kubernetes.io/part-of": "stalwart-tenant",
    "catalyst.openova.io/tenant": "acme",
    "app.kubernetes.io/component": "mail-server",
};
