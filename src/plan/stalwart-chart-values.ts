// Chart mode: the same tenant config mapped onto bp-stalwart-tenant's own value keys (its README's
// "Required values" and values.yaml). The route keys (ingress.webmail.mode/host/parentRef) are added by
// the shared gateway-values code like every other chart, with no sectionName.

import type { Values } from "../rules/value-paths";
import { ADMIN_PASSWORD_SECRET_KEY, OIDC_CLIENT_SECRET_KEY } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";
import type { SovereignSpec } from "../model/sovereign-spec";
import type { TenantSpec } from "../model/tenant-spec";

export function stalwartChartValues(tenant: TenantSpec, spec: Pick<SovereignSpec, "gateways" | "tenancy">, issuer: string): Values {
    const names = stalwartNames(tenant.slug);
    const store = { kind: "ClusterSecretStore", name: spec.tenancy.secretStore };
    const admin = tenant.admin;
    return {
        domain: { primary: tenant.domain.primary, mode: tenant.domain.mode },
        keycloak: {
            realmURL: tenant.keycloak.realmURL,
            clientID: tenant.keycloak.clientID,
            clientSecretName: tenant.keycloak.clientSecretName,
            oidcExternalSecret: { enabled: true, secretStoreRef: store, remoteRef: { key: tenant.oidcRemoteKey, property: OIDC_CLIENT_SECRET_KEY } },
        },
        admin: {
            // A generated password is created by the program (a stable Pulumi secret), never by the
            // chart's lookup-or-generate template, which renders a new value on every client-side render.
            secretName: names.adminSecret,
            autoProvision: { enabled: false },
            externalSecret:
                admin.source === "generated"
                    ? { enabled: false }
                    : { enabled: true, secretStoreRef: store, remoteRef: { key: admin.remoteKey, property: ADMIN_PASSWORD_SECRET_KEY } },
        },
        dns: {
            powerdns: { ...tenant.dns.powerdns },
            dmarc: { policy: "reject", rua: tenant.dmarcRua },
        },
        stalwart: {
            resources: tenant.resources,
            tls: { secretName: names.tlsSecret, certificate: { enabled: true, issuerKind: "ClusterIssuer", issuer } },
        },
        persistence: { spool: { size: tenant.spoolSize } },
        ...(spec.tenancy.imageRegistry !== "" ? { global: { imageRegistry: spec.tenancy.imageRegistry } } : {}),
        ...(spec.gateways.management === "none"
            ? { ingress: { webmail: { ingressClassName: "traefik", tls: { enabled: true, issuer, secretName: names.tlsSecret } } } }
            : {}),
    };
}
