// Reads one tenant (an inline stack entry or one YAML file per tenant) into a TenantSpec, filling the
// defaults the bp-stalwart-tenant README describes, and checks tenants against each other.

import type { Zone } from "../model/sovereign-spec";
import { CATALOG } from "../model/blueprint-catalog";
import { defaultWebHostname, mailHostname } from "../model/stalwart-layout";
import { derivedStalwartNames } from "../model/stalwart-names";
import { DerivedName, derivedTenantNames } from "../model/tenant-names";
import type { DomainMode, ResourceAmounts, StalwartImplementation, TenantSpec } from "../model/tenant-spec";
import { compareSemver, dnsLabelProblem, dnsNameProblem, isExactSemver, mailboxProblem, objectNameProblem } from "../rules/name-rules";
import {
    ConfigSite,
    childPath,
    readBoolean,
    readEnum,
    readObject,
    readString,
    requireString,
} from "./reader";
import { booleanDefault, childKeys, stringDefault } from "./config-keys";

export const TENANT_KEYS = childKeys("tenant", "");

export interface TenantContext {
    fqdn: string;
    zones: readonly Zone[];
    /** Hosts the platform blueprints and console already use; a tenant domain must not take one. */
    reservedHosts: ReadonlySet<string>;
    /** bp-stalwart-tenant version for chart-mode tenants that do not pin their own. */
    defaultChartVersion: string;
}

// Kubernetes resource.Quantity, as the API server accepts it.
const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;

function readQuantity(site: ConfigSite, path: string, value: unknown, fallback: string): string {
    const q = readString(site, path, value, fallback);
    if (!QUANTITY.test(q)) {
        site.issues.add(site.file, path, value, "not a Kubernetes quantity", `write e.g. "500m", "1", "256Mi" or "20Gi"`);
        return fallback;
    }
    return q;
}

const SUFFIX_FACTOR: Record<string, number> = {
    "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The amount a quantity stands for (cores, bytes), for comparing requests with limits; NaN if it is none. */
export function quantityAmount(q: string): number {
    const m = /^[+]?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([-+]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/.exec(q);
    if (!m) {
        return NaN;
    }
    return Number(m[1]) * (m[2] !== undefined ? 10 ** Number(m[2]) : SUFFIX_FACTOR[m[3] ?? ""]);
}

/** Requests no larger than limits, limits and sizes above zero and within what the API server stores. */
function checkAmounts(site: ConfigSite, at: (key: string) => string, resources: { requests: ResourceAmounts; limits: ResourceAmounts }, spoolSize: string): void {
    const tooLarge = 2 ** 62; // resource.Quantity holds an int64 of milli-units
    for (const [key, q] of [
        ["resources.requests.cpu", resources.requests.cpu],
        ["resources.requests.memory", resources.requests.memory],
        ["resources.limits.cpu", resources.limits.cpu],
        ["resources.limits.memory", resources.limits.memory],
        ["persistence.spool.size", spoolSize],
    ] as const) {
        const amount = quantityAmount(q);
        if (!Number.isFinite(amount) || amount * 1000 > tooLarge) {
            site.issues.add(site.file, at(key), q, "is too large for a Kubernetes quantity", `write e.g. "2", "4Gi" or "100Gi"`);
        } else if (amount === 0 && !key.startsWith("resources.requests")) {
            site.issues.add(site.file, at(key), q, key === "persistence.spool.size" ? "is zero; the mail store would have no room" : "is zero; the container could not run", `write a size above zero, e.g. "${stringDefault("tenant", key)}"`);
        }
    }
    for (const kind of ["cpu", "memory"] as const) {
        const request = quantityAmount(resources.requests[kind]);
        const limit = quantityAmount(resources.limits[kind]);
        if (Number.isFinite(request) && Number.isFinite(limit) && limit > 0 && request > limit) {
            site.issues.add(
                site.file,
                at(`resources.requests.${kind}`),
                resources.requests[kind],
                `is above resources.limits.${kind} (${resources.limits[kind]}); the API server refuses such a Pod`,
                `lower the request or raise the limit`,
            );
        }
    }
}

function readAmounts(site: ConfigSite, path: string, value: unknown, fallback: ResourceAmounts): ResourceAmounts {
    const o = readObject(site, path, value, childKeys("tenant", "resources.requests")) ?? {};
    return {
        cpu: readQuantity(site, childPath(path, "cpu"), o.cpu, fallback.cpu),
        memory: readQuantity(site, childPath(path, "memory"), o.memory, fallback.memory),
    };
}

function isUnder(name: string, zone: string): boolean {
    return name === zone || name.endsWith(`.${zone}`);
}

/** Every Kubernetes name derived from a slug, native Stalwart objects included. */
export function slugDerivedNames(slug: string): DerivedName[] {
    return [...derivedTenantNames(slug), ...derivedStalwartNames(slug)];
}

/** The longest slug every derived name accepts. */
export function maxSlugLength(): number {
    // Stryker disable next-line StringLiteral: the probe length cancels out, so any probe gives the same limit
    const probe = "x";
    return Math.min(...slugDerivedNames(probe).map((d) => d.max - (d.name.length - probe.length)));
}

/** One tenant's mapping being read: where it is, its keys, and the Sovereign it joins. */
interface TenantInput {
    site: ConfigSite;
    at: (key: string) => string;
    t: Record<string, unknown>;
    ctx: TenantContext;
}

/** Slug: from the file name, or required inline; both present must agree. */
function readSlug({ site, at, t }: TenantInput, fileSlug: string | undefined): string | undefined {
    let slug = readString(site, at("slug"), t.slug);
    if (slug === undefined) {
        slug = fileSlug;
        if (slug === undefined) {
            site.issues.add(site.file, at("slug"), undefined, "required value is missing", `give every inline tenant a slug, e.g. ${at("slug")}: acme`);
        }
    } else if (fileSlug !== undefined && slug !== fileSlug) {
        site.issues.add(site.file, at("slug"), slug, `differs from the file name "${fileSlug}.yaml"`, `rename the file to ${slug}.yaml or drop the slug key`);
    }
    if (slug !== undefined) {
        const problem = dnsLabelProblem(slug, maxSlugLength());
        if (problem) {
            const tooLong = slugDerivedNames(slug)
                .filter((d) => d.name.length > d.max)
                .map((d) => `${d.what} "${d.name}" would exceed ${d.max} characters`);
            site.issues.add(
                site.file,
                at("slug"),
                slug,
                `is not a usable tenant slug: it ${problem}${tooLong.length ? ` (${tooLong.join("; ")})` : ""}`,
                `use a lowercase DNS label of at most ${maxSlugLength()} characters, e.g. acme`,
            );
        }
    }
    return slug;
}

function readDomain({ site, at, t, ctx }: TenantInput, safeSlug: string): TenantSpec["domain"] {
    const d = readObject(site, at("domain"), t.domain, childKeys("tenant", "domain")) ?? {};
    const mode = readEnum<DomainMode>(site, at("domain.mode"), d.mode, ["free-subdomain", "byo"], stringDefault("tenant", "domain.mode") as DomainMode);
    const zoneNames = ctx.zones.map((z) => z.name);
    let zone: string | undefined;
    let primary = readString(site, at("domain.primary"), d.primary);
    if (mode === "free-subdomain") {
        const defaultZone = (ctx.zones.find((z) => z.role === "org-pool") ?? ctx.zones[0]).name;
        zone = readString(site, at("domain.zone"), d.zone, defaultZone);
        if (!zoneNames.includes(zone)) {
            site.issues.add(site.file, at("domain.zone"), zone, "is not one of the Sovereign's zones", `use one of: ${zoneNames.join(", ")}`);
        }
        if (primary === undefined) {
            primary = `${safeSlug}.${zone}`;
        } else if (!primary.endsWith(`.${zone}`)) {
            site.issues.add(site.file, at("domain.primary"), primary, `is not under the tenant's zone ${zone}`, `use ${safeSlug}.${zone}, or set domain.mode: byo for a domain the tenant owns`);
        }
    } else {
        if (d.zone !== undefined) {
            site.issues.add(site.file, at("domain.zone"), d.zone, "only applies in free-subdomain mode", "remove domain.zone for a BYO domain");
        }
        if (primary === undefined) {
            site.issues.add(site.file, at("domain.primary"), undefined, "a BYO tenant needs its own domain", `set ${at("domain.primary")}: acme.com`);
            primary = `${safeSlug}.invalid`;
        } else {
            const inside = [...zoneNames, ctx.fqdn].find((z) => isUnder(primary!, z));
            if (inside) {
                site.issues.add(site.file, at("domain.primary"), primary, `is inside the Sovereign zone ${inside}, so it is not a BYO domain`, `use domain.mode: free-subdomain for subdomains of ${inside}, or a domain the tenant owns`);
            }
        }
    }
    const domainProblem = dnsNameProblem(primary);
    if (domainProblem) {
        site.issues.add(site.file, at("domain.primary"), primary, `is not a valid domain: it ${domainProblem}`, "use a lowercase DNS name such as acme.com");
    } else if (ctx.reservedHosts.has(primary)) {
        site.issues.add(site.file, at("domain.primary"), primary, "is already a platform host of this Sovereign", "choose another slug or domain");
    } else if (dnsNameProblem(`_submissions._tcp.${primary}`.replace(/_/g, "x"))) {
        site.issues.add(site.file, at("domain.primary"), primary, "is too long for the SRV and DKIM record names built from it", "use a domain of at most 230 characters");
    }

    return { primary, mode, ...(zone !== undefined ? { zone } : {}) };
}

/** Web host: JMAP, DAV and self-service through the console Gateway; never the MX host. */
function readWebHost({ site, at, t, ctx }: TenantInput, { primary, mode }: TenantSpec["domain"]): string {
    const w = readObject(site, at("web"), t.web, childKeys("tenant", "web")) ?? {};
    const mailHost = mailHostname(primary);
    if (w.host === undefined && dnsNameProblem(primary)) {
        return defaultWebHostname(primary); // derived from a domain already reported as invalid
    }
    let webHost = readString(site, at("web.host"), w.host, defaultWebHostname(primary));
    const webProblem = dnsNameProblem(webHost);
    if (webProblem) {
        site.issues.add(site.file, at("web.host"), webHost, `is not a valid host: it ${webProblem}`, `use e.g. ${defaultWebHostname(primary)}`);
        webHost = defaultWebHostname(primary);
    } else if (webHost === mailHost) {
        site.issues.add(site.file, at("web.host"), webHost, "is the MX host, which points at the SMTP LoadBalancer and cannot serve HTTPS through the console Gateway", `use another host, e.g. ${defaultWebHostname(primary)}`);
    } else if (mode === "free-subdomain" && !(webHost.endsWith(`.${primary}`) && !webHost.slice(0, -primary.length - 1).includes("."))) {
        site.issues.add(site.file, at("web.host"), webHost, `is not one label under ${primary}, so the tenant's *.${primary} listener and certificate do not cover it`, `use e.g. ${defaultWebHostname(primary)}`);
    } else if (
        // Stryker disable next-line ConditionalExpression: a free-subdomain host that got here is one label under its domain, so isUnder holds
        mode === "byo" && !isUnder(webHost, primary)
    ) {
        site.issues.add(site.file, at("web.host"), webHost, `is not in the tenant's domain ${primary}`, `use e.g. ${defaultWebHostname(primary)}`);
    } else if (ctx.reservedHosts.has(webHost)) {
        site.issues.add(site.file, at("web.host"), webHost, "is already a platform host of this Sovereign", `use e.g. ${defaultWebHostname(primary)}`);
    }

    return webHost;
}

/** Keycloak (the SME realm); realmURL is undefined when missing (reported). */
function readKeycloak({ site, at, t }: TenantInput, primary: string, safeSlug: string): { realmURL: string | undefined; clientID: string; clientSecretName: string } {
    const k = readObject(site, at("keycloak"), t.keycloak, childKeys("tenant", "keycloak")) ?? {};
    const realmURL = requireString(site, at("keycloak.realmURL"), k.realmURL, `https://auth.${primary}/realms/${safeSlug}`);
    if (realmURL !== undefined && !/^https:\/\/[^/\s]+\/realms\/[^/\s]+\/?$/.test(realmURL)) {
        site.issues.add(site.file, at("keycloak.realmURL"), realmURL, "is not a Keycloak realm URL", `use https://<keycloak host>/realms/<realm>`);
    }
    const clientID = readString(site, at("keycloak.clientID"), k.clientID, stringDefault("tenant", "keycloak.clientID"));
    const clientSecretName = readString(site, at("keycloak.clientSecretName"), k.clientSecretName, stringDefault("tenant", "keycloak.clientSecretName"));
    if (objectNameProblem(clientSecretName)) {
        site.issues.add(site.file, at("keycloak.clientSecretName"), clientSecretName, "is not a valid Secret name", "use a lowercase DNS name, e.g. stalwart-oidc");
    }
    if (!/^[A-Za-z0-9._~:@-]{1,255}$/.test(clientID)) {
        site.issues.add(site.file, at("keycloak.clientID"), clientID, "is not a usable OIDC client ID", "use 1 to 255 letters, digits and . _ ~ : @ -, e.g. stalwart");
    }

    return { realmURL, clientID, clientSecretName };
}

/** OpenBao paths (bp-stalwart-tenant README: sovereign/<fqdn>/stalwart/<tenant>/{oidc,admin}). */
function readSecretSources({ site, at, t, ctx }: TenantInput, safeSlug: string): Pick<TenantSpec, "oidcRemoteKey" | "admin"> {
    const baoBase = `sovereign/${ctx.fqdn}/stalwart/${safeSlug}`;
    const o = readObject(site, at("oidcExternalSecret"), t.oidcExternalSecret, childKeys("tenant", "oidcExternalSecret")) ?? {};
    const oRef = readObject(site, at("oidcExternalSecret.remoteRef"), o.remoteRef, childKeys("tenant", "oidcExternalSecret.remoteRef")) ?? {};
    const oidcRemoteKey = readString(site, at("oidcExternalSecret.remoteRef.key"), oRef.key, `${baoBase}/oidc`);

    const a = readObject(site, at("admin"), t.admin, childKeys("tenant", "admin")) ?? {};
    const generate = readBoolean(site, at("admin.generatePassword"), a.generatePassword, booleanDefault("tenant", "admin.generatePassword"));
    const aEs = readObject(site, at("admin.externalSecret"), a.externalSecret, childKeys("tenant", "admin.externalSecret")) ?? {};
    const aRef = readObject(site, at("admin.externalSecret.remoteRef"), aEs.remoteRef, childKeys("tenant", "admin.externalSecret.remoteRef")) ?? {};
    if (generate && aRef.key !== undefined) {
        site.issues.add(site.file, at("admin.externalSecret.remoteRef.key"), aRef.key, "conflicts with admin.generatePassword: true", "either pull the password from OpenBao or generate it, not both");
    }
    const adminKey = readString(site, at("admin.externalSecret.remoteRef.key"), aRef.key, `${baoBase}/admin`);
    for (const [keyPath, key] of [
        ["oidcExternalSecret.remoteRef.key", oidcRemoteKey],
        ["admin.externalSecret.remoteRef.key", adminKey],
    ] as const) {
        if (key === "" || key.startsWith("/") || /\s/.test(key)) {
            site.issues.add(site.file, at(keyPath), key, "is not an OpenBao path", `use a relative path such as ${baoBase}/oidc`);
        }
    }

    return { oidcRemoteKey, admin: generate ? { source: "generated" } : { source: "external-secret", remoteKey: adminKey } };
}

/** DNS publishing: declarative for free subdomains; a BYO domain's records are only listed. */
function readDnsPublishing({ site, at, t, ctx }: TenantInput, { primary, mode, zone }: TenantSpec["domain"]): TenantSpec["dns"] {
    const dns = readObject(site, at("dns"), t.dns, childKeys("tenant", "dns")) ?? {};
    const pdns = readObject(site, at("dns.powerdns"), dns.powerdns, childKeys("tenant", "dns.powerdns")) ?? {};
    const pdnsEnabled = readBoolean(site, at("dns.powerdns.enabled"), pdns.enabled, mode === "free-subdomain");
    if (pdnsEnabled && mode === "byo") {
        site.issues.add(site.file, at("dns.powerdns.enabled"), true, "the Sovereign's PowerDNS does not serve a BYO domain", "set it to false; the records are listed in the <tenant>-dns-records-required ConfigMap for the tenant to publish");
    }
    const pdnsZone = readString(site, at("dns.powerdns.zone"), pdns.zone, zone ?? primary);
    if (mode === "free-subdomain" && !isUnder(primary, pdnsZone)) {
        site.issues.add(site.file, at("dns.powerdns.zone"), pdnsZone, `does not contain the tenant domain ${primary}`, `use ${zone}`);
    }
    const apiKeySecretName = readString(site, at("dns.powerdns.apiKeySecretName"), pdns.apiKeySecretName, stringDefault("tenant", "dns.powerdns.apiKeySecretName"));
    if (objectNameProblem(apiKeySecretName)) {
        site.issues.add(site.file, at("dns.powerdns.apiKeySecretName"), apiKeySecretName, "is not a valid Secret name", "use a lowercase DNS name, e.g. powerdns-api-key");
    }
    const apiURL = readString(site, at("dns.powerdns.apiURL"), pdns.apiURL, `https://pdns.${ctx.fqdn}/api`);
    if (!/^https?:\/\/\S+$/.test(apiURL)) {
        site.issues.add(site.file, at("dns.powerdns.apiURL"), apiURL, "is not an http(s) URL", `use e.g. https://pdns.${ctx.fqdn}/api`);
    }

    return { powerdns: { enabled: pdnsEnabled, apiURL, apiKeySecretName, zone: pdnsZone } };
}

function readDmarcRua({ site, at, t }: TenantInput, primary: string): string {
    const dm = readObject(site, at("dmarc"), t.dmarc, childKeys("tenant", "dmarc")) ?? {};
    const dmarcRua = readString(site, at("dmarc.rua"), dm.rua, `dmarc@${primary}`);
    const ruaProblem = mailboxProblem(dmarcRua);
    if (ruaProblem) {
        site.issues.add(site.file, at("dmarc.rua"), dmarcRua, `is not a valid DMARC report address: it ${ruaProblem}`, `write a plain address, e.g. dmarc@${primary}`);
    }

    return dmarcRua;
}

function readWorkloadSize({ site, at, t }: TenantInput): Pick<TenantSpec, "resources" | "spoolSize"> {
    const r = readObject(site, at("resources"), t.resources, childKeys("tenant", "resources")) ?? {};
    const resources = {
        requests: readAmounts(site, at("resources.requests"), r.requests, { cpu: stringDefault("tenant", "resources.requests.cpu"), memory: stringDefault("tenant", "resources.requests.memory") }),
        limits: readAmounts(site, at("resources.limits"), r.limits, { cpu: stringDefault("tenant", "resources.limits.cpu"), memory: stringDefault("tenant", "resources.limits.memory") }),
    };
    const p = readObject(site, at("persistence"), t.persistence, childKeys("tenant", "persistence")) ?? {};
    const spool = readObject(site, at("persistence.spool"), p.spool, childKeys("tenant", "persistence.spool")) ?? {};
    const spoolSize = readQuantity(site, at("persistence.spool.size"), spool.size, stringDefault("tenant", "persistence.spool.size"));
    checkAmounts(site, at, resources, spoolSize);

    return { resources, spoolSize };
}

function readChartVersion({ site, at, t, ctx }: TenantInput): string {
    const c = readObject(site, at("chart"), t.chart, childKeys("tenant", "chart")) ?? {};
    const def = CATALOG["stalwart-tenant"];
    const chartVersion = readString(site, at("chart.version"), c.version, ctx.defaultChartVersion);
    if (!isExactSemver(chartVersion)) {
        site.issues.add(site.file, at("chart.version"), c.version, "is not an exact semver version", `pin an exact version, e.g. "${def.defaultVersion}"`);
    } else if (compareSemver(chartVersion, def.firstListenerAgnosticVersion) < 0) {
        site.issues.add(site.file, at("chart.version"), chartVersion, `predates bp-stalwart-tenant ${def.firstListenerAgnosticVersion}, whose webmail route still defaults sectionName to "https"`, `pin ${def.firstListenerAgnosticVersion} or later, e.g. "${def.defaultVersion}"`);
    }

    return chartVersion;
}

/**
 * Reads one tenant. `path` is the key path of the tenant inside `site.file` ("" when the tenant has
 * its own file, whose name supplies the default slug).
 */
export function parseTenant(site: ConfigSite, path: string, raw: unknown, ctx: TenantContext, fileSlug?: string): TenantSpec | undefined {
    const at = (key: string) => childPath(path, key);
    const t = readObject(site, path, raw, TENANT_KEYS);
    if (t === undefined) {
        return undefined;
    }
    const before = site.issues.size;
    const input: TenantInput = { site, at, t, ctx };
    const slug = readSlug(input, fileSlug);
    const safeSlug = slug ?? "tenant";
    const implementation = readEnum<StalwartImplementation>(site, at("implementation"), t.implementation, ["native", "chart"], stringDefault("tenant", "implementation") as StalwartImplementation);
    const domain = readDomain(input, safeSlug);
    const webHost = readWebHost(input, domain);
    const keycloak = readKeycloak(input, domain.primary, safeSlug);
    const secrets = readSecretSources(input, safeSlug);
    const dns = readDnsPublishing(input, domain);
    const dmarcRua = readDmarcRua(input, domain.primary);
    const size = readWorkloadSize(input);
    const chartVersion = readChartVersion(input);

    const realmURL = keycloak.realmURL;
    // Stryker disable next-line ConditionalExpression: an undefined slug or realm URL was always reported; the tests only narrow the types
    if (site.issues.size > before || slug === undefined || realmURL === undefined) {
        return undefined;
    }
    return {
        slug,
        origin: { file: site.file, path },
        implementation,
        domain,
        web: { host: webHost },
        keycloak: { ...keycloak, realmURL },
        ...secrets,
        dns,
        dmarcRua,
        ...size,
        chartVersion,
    };
}

/** Cross-tenant rules: slugs and domains are unique within a Sovereign. */
export function checkTenantsTogether(tenants: readonly TenantSpec[], issues: ConfigSite["issues"]): void {
    const bySlug = new Map<string, TenantSpec>();
    const byDomain = new Map<string, TenantSpec>();
    const where = (t: TenantSpec) => `${t.origin.file}${t.origin.path ? ` (${t.origin.path})` : ""}`;
    const keyPath = (t: TenantSpec, key: string) => (t.origin.path ? childPath(t.origin.path, key) : key);
    for (const t of tenants) {
        const sameSlug = bySlug.get(t.slug);
        if (sameSlug) {
            issues.add(t.origin.file, keyPath(t, "slug"), t.slug, `is already used by the tenant in ${where(sameSlug)}`, "give every tenant a unique slug");
            continue; // its default domain would collide too; one message is enough
        }
        bySlug.set(t.slug, t);
        const sameDomain = byDomain.get(t.domain.primary);
        if (sameDomain) {
            issues.add(t.origin.file, keyPath(t, "domain.primary"), t.domain.primary, `is already the domain of tenant "${sameDomain.slug}" (${where(sameDomain)})`, "give every tenant its own domain");
        } else {
            byDomain.set(t.domain.primary, t);
        }
    }
}
