// ExternalSecrets that pull the tenant's admin password and Keycloak client secret from OpenBao. The
// manifests reference the store and the remote path only; the values never pass through Pulumi.
// `external-secrets.io/v1` is current ESO; OpenOva's charts still write `v1beta1`. The spec fields used
// here are identical in both, so the version is just a parameter, and a required one: which one the
// Sovereign's ESO serves is a fact about the cluster, not something to guess.

import type { ExternalSecretsApiVersion } from "../model/sovereign-spec";
import type { TenantSpec } from "../model/tenant-spec";
import { tenantMailLabels } from "../model/labels";
import { ADMIN_PASSWORD_SECRET_KEY, OIDC_CLIENT_SECRET_KEY } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

export const DEFAULT_REFRESH_INTERVAL = "1h";

export interface ExternalSecretOptions {
    apiVersion: ExternalSecretsApiVersion;
    /** The ClusterSecretStore (the `tenancy.secretStore` setting). */
    storeName: string;
    refreshInterval?: string;
}

export interface ExternalSecretManifest {
    apiVersion: ExternalSecretsApiVersion;
    kind: "ExternalSecret";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: {
        refreshInterval: string;
        secretStoreRef: { kind: "ClusterSecretStore"; name: string };
        target: { name: string; creationPolicy: "Owner" };
        data: { secretKey: string; remoteRef: { key: string; property: string } }[];
    };
}

function externalSecret(
    tenant: TenantSpec,
    secretName: string,
    remoteKey: string,
    property: string,
    opts: ExternalSecretOptions,
): ExternalSecretManifest {
    if (remoteKey === "") throw new Error(`tenant ${tenant.slug}: ExternalSecret ${secretName} needs an OpenBao path`);
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: opts.apiVersion,
        kind: "ExternalSecret",
        metadata: { name: secretName, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        spec: {
            refreshInterval: opts.refreshInterval ?? DEFAULT_REFRESH_INTERVAL,
            secretStoreRef: { kind: "ClusterSecretStore", name: opts.storeName },
            // Owner: the Secret is ESO's and goes away with the ExternalSecret.
            target: { name: secretName, creationPolicy: "Owner" },
            // The Secret key is the OpenBao property name; the pod maps it to the env name it needs.
            data: [{ secretKey: property, remoteRef: { key: remoteKey, property } }],
        },
    };
}

/** Only for `admin.source: external-secret`; a generated password is a plain Secret the lead creates. */
export function adminPasswordExternalSecret(tenant: TenantSpec, opts: ExternalSecretOptions): ExternalSecretManifest {
    if (tenant.admin.source !== "external-secret") {
        throw new Error(`tenant ${tenant.slug}: the admin password is generated, not pulled from OpenBao`);
    }
    return externalSecret(tenant, stalwartNames(tenant.slug).adminSecret, tenant.admin.remoteKey, ADMIN_PASSWORD_SECRET_KEY, opts);
}

/** Target Secret `keycloak.clientSecretName`, key OIDC_CLIENT_SECRET. */
export function oidcClientExternalSecret(tenant: TenantSpec, opts: ExternalSecretOptions): ExternalSecretManifest {
    return externalSecret(tenant, tenant.keycloak.clientSecretName, tenant.oidcRemoteKey, OIDC_CLIENT_SECRET_KEY, opts);
}
