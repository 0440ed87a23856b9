// One SME tenant of a Sovereign, validated and defaulted. Its shape follows the "Required values" of
// the bp-stalwart-tenant README, plus the choice of implementation.

export type DomainMode = "free-subdomain" | "byo";
export type StalwartImplementation = "native" | "chart";

export interface ResourceAmounts {
    cpu: string;
    memory: string;
}

export type AdminPassword =
    /** Pulled from OpenBao through an ExternalSecret. */
    | { source: "external-secret"; remoteKey: string }
    /** Generated with @pulumi/random and stored as a Kubernetes Secret (never printed). */
    | { source: "generated" };

export interface TenantSpec {
    slug: string;
    /** File the tenant was read from, and the key path of the tenant inside it ("" for its own file). */
    origin: { file: string; path: string };
    implementation: StalwartImplementation;
    domain: {
        primary: string;
        mode: DomainMode;
        /** The Sovereign zone the free subdomain lives under; absent in BYO mode. */
        zone?: string;
    };
    /**
     * The web host (JMAP, DAV, OAuth and account self-service through the console Gateway), never the
     * MX host `mail.<domain>`, which points at the SMTP LoadBalancer.
     */
    web: { host: string };
    keycloak: { realmURL: string; clientID: string; clientSecretName: string };
    /** OpenBao path of the OIDC client secret (property OIDC_CLIENT_SECRET). */
    oidcRemoteKey: string;
    admin: AdminPassword;
    dns: {
        powerdns: { enabled: boolean; apiURL: string; apiKeySecretName: string; zone: string };
    };
    dmarcRua: string;
    resources: { requests: ResourceAmounts; limits: ResourceAmounts };
    spoolSize: string;
    /** bp-stalwart-tenant chart version, used when `implementation` is `chart`. */
    chartVersion: string;
}
