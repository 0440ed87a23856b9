// The one table of configuration keys: each key's type, default, meaning and what validation checks.
// The readers take their allowed keys and literal defaults from here, docs/configuration.md is
// generated from it (`npm run docs:config`, compared in CI), and a test holds Pulumi.yaml to it.

import { STALWART_SPAM_FILTER_RESOURCE, STALWART_WEBADMIN_RESOURCE } from "../model/stalwart-layout";

export type ConfigScope = "stack" | "tenant";

export type DefaultValue = string | number | boolean | readonly string[] | Readonly<Record<string, never>>;

export interface ConfigKey {
    scope: ConfigScope;
    /**
     * Key path: under `sovereign-stacks:` in a stack file, or inside one tenant. `[]` marks the entries
     * of a list, `<name>` any platform blueprint's name.
     */
    path: string;
    /** The value's shape, as an operator writes it. */
    type: string;
    /** The literal default the readers use; absent when there is none or it is derived. */
    default?: DefaultValue;
    /** A default computed from other values, in words (shown in the reference). */
    derived?: string;
    required?: boolean;
    doc: string;
    /** What validation refuses, beyond the type. */
    check?: string;
}

const KEY_TABLE: readonly ConfigKey[] = [
    // Stack keys.
    { scope: "stack", path: "fqdn", type: "string", default: "", required: true, doc: "The Sovereign's FQDN, e.g. omantel.omani.works. A tenant-shard stack takes it from its Sovereign.", check: "lowercase RFC 1123 DNS name" },
    { scope: "stack", path: "zones", type: "list of mappings", derived: "one zone equal to fqdn", doc: "The Sovereign's parent zones. One zone gives listeners `https`/`http`; several give `https-<zone with dots as dashes>` per zone." },
    { scope: "stack", path: "zones[].name", type: "string", required: true, doc: "Zone name, e.g. omani.works.", check: "lowercase DNS name, listed once" },
    { scope: "stack", path: "zones[].role", type: "primary | org-pool", default: "primary", doc: "`org-pool` zones host tenants' free subdomains." },
    { scope: "stack", path: "gateways", type: "mapping", doc: "The two Cilium Gateways (shared and console)." },
    { scope: "stack", path: "gateways.management", type: "managed | external | none", default: "managed", doc: "`managed`: this stack creates both Gateways; `external`: they exist already and routes are checked against the listeners computed here; `none`: no Gateway API, platform routes off, tenant webmail through a Traefik Ingress." },
    { scope: "stack", path: "gateways.namespace", type: "string", default: "kube-system", doc: "Namespace of both Gateways.", check: "DNS label" },
    { scope: "stack", path: "gateways.className", type: "string", default: "cilium", doc: "GatewayClass of both Gateways.", check: "Kubernetes object name" },
    { scope: "stack", path: "gateways.shared", type: "string", default: "cilium-gateway", doc: "Name of the shared (platform) Gateway.", check: "DNS label, not the console Gateway's name" },
    { scope: "stack", path: "gateways.console", type: "string", default: "cilium-gateway-console", doc: "Name of the console Gateway (per-host and per-tenant listeners).", check: "DNS label" },
    { scope: "stack", path: "gateways.httpsPort", type: "integer", default: 443, doc: "Port of the HTTPS listeners.", check: "1-65535, not httpPort" },
    { scope: "stack", path: "gateways.httpPort", type: "integer", default: 80, doc: "Port of the HTTP listeners.", check: "1-65535" },
    { scope: "stack", path: "gateways.consoleHostPrefixes", type: "list of strings", default: ["console", "api", "marketplace"], doc: "Console Gateway listeners `<prefix>-https` on `<prefix>.<fqdn>`.", check: "DNS labels, each once" },
    { scope: "stack", path: "gateways.infrastructureAnnotations", type: "mapping of strings", default: {}, doc: "`spec.infrastructure.annotations` of the shared Gateway.", check: "at most 8 entries; keys are qualified names, values at most 4096 characters" },
    { scope: "stack", path: "blueprints", type: "mapping", doc: "Overrides per blueprint: gitea, grafana, harbor, keycloak, newapi, openbao, powerdns; stalwart-tenant takes only `version`." },
    { scope: "stack", path: "blueprints.<name>.enabled", type: "boolean", default: true, doc: "Install the blueprint." },
    { scope: "stack", path: "blueprints.<name>.version", type: "exact semver, quoted", derived: "the catalog's pinned version", doc: "Chart version.", check: "exact semver, not older than the chart's listener-agnostic release" },
    { scope: "stack", path: "blueprints.<name>.host", type: "string", derived: "`<prefix>.<fqdn>` (gitea, grafana, registry, auth, newapi, bao, pdns)", doc: "Host of the blueprint's route.", check: "DNS name served by an HTTPS listener of its Gateway; not another blueprint's, a console host or a tenant's mail host" },
    { scope: "stack", path: "blueprints.<name>.namespace", type: "string", derived: "the blueprint's name", doc: "Namespace of the release.", check: "DNS label; not a tenant's namespace; a Kubernetes namespace only with allowSystemNamespace" },
    { scope: "stack", path: "blueprints.<name>.releaseName", type: "string", derived: "the blueprint's name", doc: "Helm release name.", check: "DNS label of at most 53 characters; namespace + release unique" },
    { scope: "stack", path: "blueprints.<name>.createNamespace", type: "boolean", default: true, doc: "Create the namespace.", check: "not a namespace another enabled blueprint creates, nor a Kubernetes namespace" },
    { scope: "stack", path: "blueprints.<name>.allowSystemNamespace", type: "boolean", default: false, doc: "Allow `namespace` to be one of Kubernetes' own (default, kube-node-lease, kube-public, kube-system); refused otherwise." },
    { scope: "stack", path: "blueprints.<name>.sectionName", type: "string", doc: "Pins the route to one listener. Leave it out: routes attach by hostname on any zone count.", check: "names the HTTPS listener of the parent Gateway that serves the host (not a plain-HTTP one, not one shadowed by a more specific listener)" },
    { scope: "stack", path: "blueprints.<name>.values", type: "mapping", default: {}, doc: "Extra chart values, merged under the program's gateway values.", check: "may not set the route keys the program owns" },
    { scope: "stack", path: "blueprints.stalwart-tenant.version", type: "exact semver, quoted", derived: "the catalog's pinned version", doc: "Default bp-stalwart-tenant version of chart-mode tenants.", check: "as blueprints.<name>.version" },
    { scope: "stack", path: "tenancy", type: "mapping", doc: "Sovereign-wide settings of the per-tenant mail servers." },
    { scope: "stack", path: "tenancy.externalSecretsApiVersion", type: "v1 | v1beta1", default: "v1", doc: "What the cluster's External Secrets Operator serves." },
    { scope: "stack", path: "tenancy.secretStore", type: "string", default: "vault-region1", doc: "The OpenBao ClusterSecretStore.", check: "Kubernetes object name" },
    { scope: "stack", path: "tenancy.listeners", type: "listenerSets | gateway", default: "listenerSets", doc: "`listenerSets`: one ListenerSet per native tenant on the console Gateway; `gateway`: on the console Gateway itself (at most 29 tenants)." },
    { scope: "stack", path: "tenancy.certificateIssuer", type: "string", default: "letsencrypt-dns01-prod-powerdns", doc: "ClusterIssuer of free-subdomain certificates (DNS-01).", check: "Kubernetes object name" },
    { scope: "stack", path: "tenancy.byoCertificateIssuer", type: "string", default: "letsencrypt-dns01-prod-powerdns", doc: "ClusterIssuer of BYO mail and web hosts: DNS-01 through the tenant's `_acme-challenge` CNAMEs into the delegation name (its solver needs `cnameStrategy: Follow`).", check: "Kubernetes object name" },
    { scope: "stack", path: "tenancy.trustedCidrs", type: "list of strings", default: [], doc: "Pod, node and load-balancer CIDRs Stalwart never auto-bans.", check: "IPv4/IPv6 addresses or CIDRs" },
    { scope: "stack", path: "tenancy.imageRegistry", type: "string", default: "", doc: "Registry mirror prefixed to the pinned images (empty: Docker Hub).", check: "registry host[:port][/path], no scheme, tag or trailing slash" },
    { scope: "stack", path: "tenancy.acmeDelegationDomain", type: "string", derived: "`acme-delegation.<fqdn>`", doc: "Name in a PowerDNS-served zone under which BYO tenants' `_acme-challenge` CNAMEs point; reserved for tenants.", check: "DNS name" },
    { scope: "stack", path: "tenancy.webCnameTarget", type: "string", derived: "`<first console host prefix>.<fqdn>`", doc: "Console Gateway host that tenants' web hosts are CNAMEs of.", check: "DNS name" },
    { scope: "stack", path: "tenancy.egress", type: "mapping", doc: "Where tenants' outbound mail leaves from, for SPF." },
    { scope: "stack", path: "tenancy.egress.addresses", type: "list of strings", default: [], doc: "Egress addresses, published as `ip4:`/`ip6:` in every tenant's SPF.", check: "IPv4/IPv6 addresses or CIDRs" },
    { scope: "stack", path: "tenancy.egress.spfInclude", type: "string", doc: "A Sovereign SPF record listing the egress addresses, published as `include:`.", check: "domain (underscore labels allowed)" },
    { scope: "stack", path: "tenancy.egress.ciliumGateway", type: "mapping", doc: "Pins each tenant's SMTP egress to a Cilium egress gateway (a CiliumEgressGatewayPolicy per tenant); its IP joins SPF." },
    { scope: "stack", path: "tenancy.egress.ciliumGateway.nodeSelector", type: "mapping of strings", required: true, doc: "Labels of the egress gateway node(s).", check: "not empty" },
    { scope: "stack", path: "tenancy.egress.ciliumGateway.egressIP", type: "string", required: true, doc: "The address on the gateway node mail leaves from.", check: "IP address" },
    { scope: "stack", path: "tenancy.webadminResource", type: "string", default: STALWART_WEBADMIN_RESOURCE, doc: "Stalwart's `webadmin.resource`: the web admin bundle, pinned so first boot needs no internet.", check: "https URL or absolute path" },
    { scope: "stack", path: "tenancy.spamFilterResource", type: "string", default: STALWART_SPAM_FILTER_RESOURCE, doc: "Stalwart's `spam-filter.resource` (spam filtering stays off; pinned so nothing fetches `latest`).", check: "https URL or absolute path" },
    { scope: "stack", path: "tenants", type: "list of tenants", default: [], doc: "Inline tenants, each shaped like a tenant file plus a required `slug`.", check: "slugs and domains unique across inline tenants and tenantsDir" },
    { scope: "stack", path: "tenantsDir", type: "string", default: "", doc: "Folder of one `<slug>.yaml` file per tenant, relative to the stack file. Empty: none.", check: "a folder inside the stack file's folder; every file in it is <slug>.yaml or .yml and valid YAML" },
    { scope: "stack", path: "shardOf", type: "string", default: "", doc: "Makes the stack a tenant shard of the Sovereign stack `<organization>/<project>/<stack>`; a shard may set only shardOf, tenants and tenantsDir. Empty: a Sovereign.", check: "the stack exists and has a `sovereign` output of this program's format" },
    // Tenant keys (a tenant file, or an entry of `tenants`).
    { scope: "tenant", path: "slug", type: "string", derived: "the file name without .yaml (required inline)", doc: "The tenant's short name; every Kubernetes name is derived from it.", check: "DNS label short enough for every derived name" },
    { scope: "tenant", path: "implementation", type: "native | chart", default: "native", doc: "`native`: the program builds the Stalwart objects; `chart`: bp-stalwart-tenant." },
    { scope: "tenant", path: "domain", type: "mapping", doc: "The tenant's mail domain." },
    { scope: "tenant", path: "domain.primary", type: "string", derived: "`<slug>.<zone>` for free subdomains; required for BYO", doc: "The mail domain.", check: "DNS name; under the zone (free subdomain) or outside every Sovereign zone (BYO); not a platform host" },
    { scope: "tenant", path: "domain.mode", type: "free-subdomain | byo", default: "free-subdomain", doc: "`byo`: a domain the tenant owns and publishes records for." },
    { scope: "tenant", path: "domain.zone", type: "string", derived: "the first org-pool zone (else the first zone)", doc: "Sovereign zone of a free subdomain.", check: "one of the Sovereign's zones; free-subdomain only" },
    { scope: "tenant", path: "web", type: "mapping", doc: "The tenant's web access (JMAP, DAV, account self-service) through the console Gateway." },
    { scope: "tenant", path: "web.host", type: "string", derived: "`webmail.<domain>`", doc: "Web host; its record is a CNAME of `tenancy.webCnameTarget`.", check: "DNS name; not the MX host `mail.<domain>`; one label under a free subdomain, inside a BYO domain; not a platform host" },
    { scope: "tenant", path: "keycloak", type: "mapping", doc: "The tenant's Keycloak realm." },
    { scope: "tenant", path: "keycloak.realmURL", type: "string", required: true, doc: "Realm URL, `https://<keycloak host>/realms/<realm>`.", check: "https realm URL" },
    { scope: "tenant", path: "keycloak.clientID", type: "string", default: "stalwart", doc: "OIDC client of the mail server.", check: "1-255 letters, digits and . _ ~ : @ -" },
    { scope: "tenant", path: "keycloak.clientSecretName", type: "string", default: "stalwart-oidc", doc: "Secret holding the client secret.", check: "Kubernetes object name" },
    { scope: "tenant", path: "oidcExternalSecret", type: "mapping", doc: "Where the OIDC client secret is in OpenBao." },
    { scope: "tenant", path: "oidcExternalSecret.remoteRef", type: "mapping", doc: "ExternalSecret remote reference." },
    { scope: "tenant", path: "oidcExternalSecret.remoteRef.key", type: "string", derived: "`sovereign/<fqdn>/stalwart/<slug>/oidc`", doc: "OpenBao path.", check: "relative path without spaces" },
    { scope: "tenant", path: "admin", type: "mapping", doc: "The fallback admin's password." },
    { scope: "tenant", path: "admin.externalSecret", type: "mapping", doc: "Where the password is in OpenBao." },
    { scope: "tenant", path: "admin.externalSecret.remoteRef", type: "mapping", doc: "ExternalSecret remote reference." },
    { scope: "tenant", path: "admin.externalSecret.remoteRef.key", type: "string", derived: "`sovereign/<fqdn>/stalwart/<slug>/admin`", doc: "OpenBao path.", check: "relative path without spaces; not with generatePassword" },
    { scope: "tenant", path: "admin.generatePassword", type: "boolean", default: false, doc: "Generate the password (kept in Pulumi secret state and a Secret) instead of reading OpenBao." },
    { scope: "tenant", path: "dns", type: "mapping", doc: "How the tenant's records are published." },
    { scope: "tenant", path: "dns.powerdns", type: "mapping", doc: "Publishing through the Sovereign's PowerDNS (free subdomains)." },
    { scope: "tenant", path: "dns.powerdns.enabled", type: "boolean", derived: "true for free subdomains, false for BYO", doc: "Publish the records with external-dns.", check: "false for BYO" },
    { scope: "tenant", path: "dns.powerdns.apiURL", type: "string", derived: "`https://pdns.<fqdn>/api`", doc: "PowerDNS API URL.", check: "http(s) URL" },
    { scope: "tenant", path: "dns.powerdns.apiKeySecretName", type: "string", default: "powerdns-api-key", doc: "Secret with the PowerDNS API key (chart mode).", check: "Kubernetes object name" },
    { scope: "tenant", path: "dns.powerdns.zone", type: "string", derived: "the tenant's zone (BYO: its domain)", doc: "PowerDNS zone of the records.", check: "contains the tenant's domain" },
    { scope: "tenant", path: "dmarc", type: "mapping", doc: "DMARC reporting." },
    { scope: "tenant", path: "dmarc.rua", type: "string", derived: "`dmarc@<domain>`", doc: "Aggregate report address.", check: "plain mailbox" },
    { scope: "tenant", path: "resources", type: "mapping", doc: "Stalwart container resources." },
    { scope: "tenant", path: "resources.requests", type: "mapping", doc: "Requests." },
    { scope: "tenant", path: "resources.requests.cpu", type: "quantity", default: "100m", doc: "CPU request.", check: "Kubernetes quantity, not above the limit" },
    { scope: "tenant", path: "resources.requests.memory", type: "quantity", default: "256Mi", doc: "Memory request.", check: "Kubernetes quantity, not above the limit" },
    { scope: "tenant", path: "resources.limits", type: "mapping", doc: "Limits." },
    { scope: "tenant", path: "resources.limits.cpu", type: "quantity", default: "1", doc: "CPU limit.", check: "Kubernetes quantity above zero" },
    { scope: "tenant", path: "resources.limits.memory", type: "quantity", default: "1Gi", doc: "Memory limit.", check: "Kubernetes quantity above zero" },
    { scope: "tenant", path: "persistence", type: "mapping", doc: "Storage." },
    { scope: "tenant", path: "persistence.spool", type: "mapping", doc: "The mail store volume." },
    { scope: "tenant", path: "persistence.spool.size", type: "quantity", default: "20Gi", doc: "Volume size.", check: "Kubernetes quantity above zero" },
    { scope: "tenant", path: "chart", type: "mapping", doc: "Chart mode only." },
    { scope: "tenant", path: "chart.version", type: "exact semver, quoted", derived: "blueprints.stalwart-tenant.version", doc: "bp-stalwart-tenant version of this tenant.", check: "exact semver, not older than the listener-agnostic release" },
];

export function configKeys(scope?: ConfigScope): readonly ConfigKey[] {
    return scope === undefined ? KEY_TABLE : KEY_TABLE.filter((k) => k.scope === scope);
}

function keyAt(scope: ConfigScope, path: string): ConfigKey {
    const key = KEY_TABLE.find((k) => k.scope === scope && k.path === path);
    if (key === undefined) {
        throw new Error(`no ${scope} config key ${path} in the key table`);
    }
    return key;
}

/** The keys a mapping at `parent` accepts ("" for the top level). */
export function childKeys(scope: ConfigScope, parent: string): string[] {
    const prefix = parent === "" ? "" : `${parent}.`;
    const names = new Set<string>();
    for (const k of KEY_TABLE) {
        if (k.scope === scope && k.path.startsWith(prefix)) {
            const rest = k.path.slice(prefix.length);
            const name = rest.split(/\.|\[\]/)[0];
            if (name !== "" && !name.startsWith("<")) {
                names.add(name);
            }
        }
    }
    if (names.size === 0) {
        throw new Error(`no ${scope} config keys under ${parent} in the key table`);
    }
    return [...names];
}

export function stringDefault(scope: ConfigScope, path: string): string {
    const value = keyAt(scope, path).default;
    if (typeof value !== "string") {
        throw new Error(`config key ${path} has no string default`);
    }
    return value;
}

export function numberDefault(scope: ConfigScope, path: string): number {
    const value = keyAt(scope, path).default;
    if (typeof value !== "number") {
        throw new Error(`config key ${path} has no number default`);
    }
    return value;
}

export function booleanDefault(scope: ConfigScope, path: string): boolean {
    const value = keyAt(scope, path).default;
    if (typeof value !== "boolean") {
        throw new Error(`config key ${path} has no boolean default`);
    }
    return value;
}

export function listDefault(scope: ConfigScope, path: string): string[] {
    const value = keyAt(scope, path).default;
    if (!Array.isArray(value)) {
        throw new Error(`config key ${path} has no list default`);
    }
    return [...value];
}
