import * as assert from "node:assert/strict";
import { adminPasswordExternalSecret, oidcClientExternalSecret } from "../../src/stalwart/external-secrets";
import { acmeTenant } from "./fixtures";

const LABELS = {
    "app.kubernetes.io/managed-by": "sovereign-stacks",
    "app.kubernetes.io/name": "stalwart",
    "app.kubernetes.io/instance": "stalwart-acme",
    "app.kubernetes.io/part-of": "stalwart-tenant",
    "catalyst.openova.io/tenant": "acme",
};

describe("stalwart external secrets", () => {
    it("pulls the admin password into the Secret the pod and the Job read", () => {
        assert.deepEqual(adminPasswordExternalSecret(acmeTenant(), { apiVersion: "external-secrets.io/v1", storeName: "vault-region1" }), {
            apiVersion: "external-secrets.io/v1",
            kind: "ExternalSecret",
            metadata: { name: "stalwart-acme-admin", namespace: "tenant-acme", labels: LABELS },
            spec: {
                refreshInterval: "1h",
                secretStoreRef: { kind: "ClusterSecretStore", name: "vault-region1" },
                target: { name: "stalwart-acme-admin", creationPolicy: "Owner" },
                data: [
                    {
                        secretKey: "ADMIN_PASSWORD",
                        remoteRef: { key: "sovereign/omantel.omani.works/stalwart/acme/admin", property: "ADMIN_PASSWORD" },
                    },
                ],
            },
        });
    });

    it("pulls the OIDC client secret into keycloak.clientSecretName, with v1beta1 and another store", () => {
        const es = oidcClientExternalSecret(acmeTenant(), { apiVersion: "external-secrets.io/v1beta1", storeName: "openbao", refreshInterval: "15m" });
        assert.deepEqual(es, {
            apiVersion: "external-secrets.io/v1beta1",
            kind: "ExternalSecret",
            metadata: { name: "stalwart-oidc", namespace: "tenant-acme", labels: LABELS },
            spec: {
                refreshInterval: "15m",
                secretStoreRef: { kind: "ClusterSecretStore", name: "openbao" },
                target: { name: "stalwart-oidc", creationPolicy: "Owner" },
                data: [
                    {
                        secretKey: "OIDC_CLIENT_SECRET",
                        remoteRef: { key: "sovereign/omantel.omani.works/stalwart/acme/oidc", property: "OIDC_CLIENT_SECRET" },
                    },
                ],
            },
        });
    });

    it("has the same spec shape in both API versions", () => {
        const v1 = oidcClientExternalSecret(acmeTenant(), { apiVersion: "external-secrets.io/v1", storeName: "vault-region1" });
        const beta = oidcClientExternalSecret(acmeTenant(), { apiVersion: "external-secrets.io/v1beta1", storeName: "vault-region1" });
        assert.deepEqual(v1.spec, beta.spec);
    });

    it("refuses a generated admin password and an empty OpenBao path", () => {
        assert.throws(
            () => adminPasswordExternalSecret(acmeTenant({ admin: { source: "generated" } }), { apiVersion: "external-secrets.io/v1", storeName: "vault-region1" }),
            /generated, not pulled from OpenBao/,
        );
        assert.throws(() => oidcClientExternalSecret(acmeTenant({ oidcRemoteKey: "" }), { apiVersion: "external-secrets.io/v1", storeName: "vault-region1" }), /needs an OpenBao path/);
    });
});
