// Reads a Sovereign stack's config (the `<project>:*` keys of stacks/Pulumi.<sovereign>.yaml) into a
// SovereignSpec. Every problem is collected; nothing downstream runs unless the whole stack is valid.

import { BLUEPRINT_NAMES, PLATFORM_BLUEPRINTS, PlatformBlueprintName } from "../model/blueprint-names";
import { CATALOG } from "../model/blueprint-catalog";
import { aliasRouteName, aliasRouteRenders } from "../rules/chart-route-names";
import { ownedPathOverlapping } from "../rules/owned-value-paths";
import { leafPaths } from "../rules/value-paths";
import { gatewaysForSovereign, GatewayPlan, listenerProblems } from "../topology/listeners";
import { listenerHostnameMatches, servingListener } from "../topology/serving-listener";
import type {
    BlueprintSettings,
    GatewayManagement,
    GatewaySettings,
    SovereignSpec,
    TenancySettings,
    TenantEgressSettings,
    TenantListenerPlacement,
    Zone,
    ZoneRole,
} from "../model/sovereign-spec";
import type { TenantSpec } from "../model/tenant-spec";
import { isIP } from "node:net";
import { isPlainObject } from "../rules/plain-object";
import { booleanDefault, childKeys, listDefault, numberDefault, stringDefault } from "./config-keys";
import { IssueList, SovereignConfigError, withSecretsWithheld, withheld } from "./issues";
import { annotationKeyProblem, compareSemver, dnsLabelProblem, dnsNameProblem, imageRegistryProblem, ipOrCidrProblem, isExactSemver, objectNameProblem } from "../rules/name-rules";
import {
    ConfigSite,
    childPath,
    readBoolean,
    readEnum,
    readInteger,
    readList,
    readObject,
    readString,
    readStringMap,
    requireString,
    unknownKeyFix,
} from "./reader";
import { TenantContext, checkTenantsTogether, parseTenant } from "./tenant-config";
import { foreignNamespaceFix } from "./config-namespaces";
import { checkBlueprintsTogether } from "./blueprint-collisions";
import { reservedHosts } from "../topology/reserved-hosts";
import { tenantListenerHome } from "../topology/tenant-listeners";

/** First label of the default ACME delegation name (`<label>.<fqdn>`); reserved for tenants. */
export const ACME_DELEGATION_LABEL = "acme-delegation";

/** Stack config keys this program reads, without the `<project>:` prefix. */
export const STACK_KEYS = childKeys("stack", "");
const TENANCY_KEYS = childKeys("stack", "tenancy");
const EGRESS_KEYS = childKeys("stack", "tenancy.egress");
const CILIUM_EGRESS_KEYS = childKeys("stack", "tenancy.egress.ciliumGateway");
const GATEWAY_KEYS = childKeys("stack", "gateways");
const BLUEPRINT_KEYS = childKeys("stack", "blueprints.<name>");
// bp-stalwart-tenant is installed per tenant: only its chart version has a Sovereign-wide default.
const TENANT_BLUEPRINT_KEYS = childKeys("stack", "blueprints.stalwart-tenant");
const ZONE_KEYS = childKeys("stack", "zones[]");

export interface StackConfigInput {
    project: string;
    stack: string;
    /** Path of the stack file, as shown in messages; relative paths in it resolve against its folder. */
    file: string;
    /** The project's config values with the `<project>:` prefix removed, already parsed from YAML/JSON. */
    values: Record<string, unknown>;
    /** Keys of `values` Pulumi holds as secrets: their values are never printed. */
    secretKeys?: readonly string[];
    /** Full keys of namespaces that are neither the project's nor a provider's (e.g. a misspelt project name). */
    foreignKeys?: readonly string[];
}

/** Reports the keys of a foreign namespace: the program would never read them. */
export function checkForeignKeys(site: ConfigSite, input: StackConfigInput): void {
    for (const k of input.foreignKeys ?? []) {
        site.issues.add(input.file, k, withheld(undefined), `is not read: its namespace is neither this project's nor a provider's`, foreignNamespaceFix(k, input.project));
    }
}

/** The error for a refused stack, with the values of secret keys withheld. */
export function stackConfigError(input: StackConfigInput, issues: IssueList): SovereignConfigError {
    const key = (k: string) => `${input.project}:${k}`;
    const secretTexts = (input.secretKeys ?? []).map((k) => input.values[k]).map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? ""));
    return new SovereignConfigError(withSecretsWithheld(issues.all, input.file, (input.secretKeys ?? []).map(key), secretTexts));
}

/** One tenant file of a tenants folder, parsed. */
export interface TenantDocument {
    file: string;
    /** Default slug: the file name without `.yaml`/`.yml`. */
    slug: string;
    content: unknown;
    /** Set when the file is not valid YAML. */
    parseError?: string;
    /** Set when the file cannot be used at all (not a tenant file, a folder, a dangling link, too large, not YAML). */
    fileProblem?: { problem: string; fix: string };
}

/** Reads a tenants folder; throws with a readable message when it cannot. */
export type TenantDirectoryReader = (dir: string) => TenantDocument[];

const ZONE_ROLES: readonly ZoneRole[] = ["primary", "org-pool"];

function readZones(site: ConfigSite, path: string, value: unknown, fqdn: string): Zone[] {
    const zones: Zone[] = [];
    const seen = new Map<string, number>();
    readList(site, path, value).forEach((entry, i) => {
        const p = childPath(path, i);
        const z = entry === null ? undefined : readObject(site, p, entry, ZONE_KEYS); // null: reported by readList
        if (z === undefined) {
            return;
        }
        const name = requireString(site, childPath(p, "name"), z.name, "omani.works");
        const role = readEnum(site, childPath(p, "role"), z.role, ZONE_ROLES, stringDefault("stack", "zones[].role") as ZoneRole);
        if (name === undefined) {
            return;
        }
        const problem = dnsNameProblem(name);
        if (problem) {
            site.issues.add(site.file, childPath(p, "name"), name, `is not a valid zone: it ${problem}`, "use a lowercase DNS name such as omani.works");
            return;
        }
        const first = seen.get(name);
        if (first !== undefined) {
            site.issues.add(site.file, childPath(p, "name"), name, `duplicates ${childPath(path, first)}`, "list each zone once");
            return;
        }
        seen.set(name, i);
        zones.push({ name, role });
    });
    return zones.length > 0 ? zones : [{ name: fqdn, role: "primary" }];
}

function readGateways(site: ConfigSite, path: string, value: unknown, fqdn: string): GatewaySettings {
    const g = readObject(site, path, value, GATEWAY_KEYS) ?? {};
    const at = (k: string) => childPath(path, k);
    const name = (key: string, fallback: string) => {
        const v = readString(site, at(key), g[key], fallback);
        const problem = dnsLabelProblem(v);
        if (problem) {
            site.issues.add(site.file, at(key), v, `is not a valid ${key === "namespace" ? "namespace" : "Gateway"} name: it ${problem}`, `use e.g. ${fallback}`);
            return fallback;
        }
        return v;
    };
    const settings: GatewaySettings = {
        management: readEnum<GatewayManagement>(site, at("management"), g.management, ["managed", "external", "none"], stringDefault("stack", "gateways.management") as GatewayManagement),
        namespace: name("namespace", stringDefault("stack", "gateways.namespace")),
        className: readString(site, at("className"), g.className, stringDefault("stack", "gateways.className")),
        sharedName: name("shared", stringDefault("stack", "gateways.shared")),
        consoleName: name("console", stringDefault("stack", "gateways.console")),
        httpsPort: readInteger(site, at("httpsPort"), g.httpsPort, numberDefault("stack", "gateways.httpsPort"), { min: 1, max: 65535 }),
        httpPort: readInteger(site, at("httpPort"), g.httpPort, numberDefault("stack", "gateways.httpPort"), { min: 1, max: 65535 }),
        consoleHostPrefixes: [],
        infrastructureAnnotations: readStringMap(site, at("infrastructureAnnotations"), g.infrastructureAnnotations),
    };
    if (settings.sharedName === settings.consoleName) {
        site.issues.add(site.file, at("console"), settings.consoleName, "is the same name as the shared Gateway", "give the console Gateway its own name, e.g. cilium-gateway-console");
    }
    if (settings.httpsPort === settings.httpPort) {
        site.issues.add(site.file, at("httpPort"), settings.httpPort, "equals httpsPort", "use different ports, e.g. 443 and 80");
    }
    if (objectNameProblem(settings.className)) {
        site.issues.add(site.file, at("className"), settings.className, "is not a valid GatewayClass name", `use a lowercase DNS name, e.g. ${stringDefault("stack", "gateways.className")}`);
    }
    for (const [k, value] of Object.entries(settings.infrastructureAnnotations)) {
        const keyProblem = annotationKeyProblem(k);
        if (keyProblem) {
            site.issues.add(site.file, childPath(at("infrastructureAnnotations"), k), value, `has a key that ${keyProblem}`, "use a key such as io.cilium/lb-ipam-ips");
        } else if (value.length > 4096) {
            site.issues.add(site.file, childPath(at("infrastructureAnnotations"), k), value, `is ${value.length} characters long; the Gateway CRD allows at most 4096`, "shorten the value");
        }
    }
    const annotationCount = Object.keys(settings.infrastructureAnnotations).length;
    if (annotationCount > 8) {
        site.issues.add(site.file, at("infrastructureAnnotations"), `${annotationCount} entries`, "the Gateway CRD allows at most 8", "keep at most 8 infrastructure annotations");
    }
    const prefixPath = at("consoleHostPrefixes");
    const prefixes = g.consoleHostPrefixes === undefined ? listDefault("stack", "gateways.consoleHostPrefixes") : readList(site, prefixPath, g.consoleHostPrefixes);
    prefixes.forEach((prefix, i) => {
        const p = readString(site, childPath(prefixPath, i), prefix);
        if (p === undefined) {
            return;
        }
        const problem = dnsLabelProblem(p) ?? dnsNameProblem(`${p}.${fqdn}`);
        if (problem) {
            site.issues.add(site.file, childPath(prefixPath, i), p, `is not a usable host prefix: it ${problem}`, "use a DNS label such as console");
        } else if (settings.consoleHostPrefixes.includes(p)) {
            site.issues.add(site.file, childPath(prefixPath, i), p, "is listed twice", "list each prefix once");
        } else {
            settings.consoleHostPrefixes.push(p);
        }
    });
    return settings;
}

/** An https URL or an absolute path: what Stalwart's fetch_resource can read without guessing. */
export function resourceSettingProblem(value: string): string | undefined {
    if (/^https:\/\/[a-z0-9.-]+(:[0-9]+)?\/\S*$/i.test(value) || /^\/[^\s]*[^/\s]$/.test(value)) {
        return undefined;
    }
    return "is neither an https URL nor an absolute path";
}

function readResource(site: ConfigSite, path: string, value: unknown, fallback: string): string {
    const v = readString(site, path, value, fallback);
    const problem = resourceSettingProblem(v);
    if (problem !== undefined) {
        site.issues.add(site.file, path, v, problem, `use a versioned release URL such as ${fallback}, or the absolute path of a file mounted into the pod`);
        return fallback;
    }
    return v;
}

function readEgress(site: ConfigSite, path: string, value: unknown): TenantEgressSettings {
    const e = readObject(site, path, value, EGRESS_KEYS) ?? {};
    const at = (k: string) => childPath(path, k);
    const addresses: string[] = [];
    readList(site, at("addresses"), e.addresses).forEach((entry, i) => {
        const a = readString(site, childPath(at("addresses"), i), entry);
        const problem = a === undefined ? undefined : ipOrCidrProblem(a);
        if (problem !== undefined) {
            site.issues.add(site.file, childPath(at("addresses"), i), a, problem, "write the address mail leaves from, e.g. 203.0.113.25 or 2001:db8::25");
        } else if (a !== undefined) {
            addresses.push(a);
        }
    });
    const settings: TenantEgressSettings = { addresses };
    const include = readString(site, at("spfInclude"), e.spfInclude);
    if (include !== undefined) {
        // It names a TXT record, so underscore labels (`_spf.<fqdn>`) are fine.
        const problem = dnsNameProblem(include.replace(/(^|\.)_/g, "$1x"));
        if (problem) {
            site.issues.add(site.file, at("spfInclude"), include, `is not a domain: it ${problem}`, "name the Sovereign's SPF record, e.g. _spf.omantel.omani.works");
        } else {
            settings.spfInclude = include;
        }
    }
    if (e.ciliumGateway !== undefined) {
        const g = readObject(site, at("ciliumGateway"), e.ciliumGateway, CILIUM_EGRESS_KEYS) ?? {};
        const nodeSelector = readStringMap(site, childPath(at("ciliumGateway"), "nodeSelector"), g.nodeSelector);
        const egressIP = readString(site, childPath(at("ciliumGateway"), "egressIP"), g.egressIP);
        if (Object.keys(nodeSelector).length === 0) {
            site.issues.add(site.file, childPath(at("ciliumGateway"), "nodeSelector"), g.nodeSelector, "must select the egress gateway node(s)", 'e.g. nodeSelector: { "egress-gateway": "true" }');
        }
        // Stryker disable next-line ConditionalExpression: isIP(undefined) is 0 too; the undefined test only narrows the type
        if (egressIP === undefined || !isIP(egressIP)) {
            site.issues.add(site.file, childPath(at("ciliumGateway"), "egressIP"), egressIP, "is not an IP address", "write the address on the gateway node that mail leaves from, e.g. 203.0.113.25");
        } else if (
            // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty selector was reported just above, so the spec is refused anyway
            Object.keys(nodeSelector).length > 0
        ) {
            settings.ciliumGateway = { nodeSelector, egressIP };
        }
    }
    return settings;
}

function readTenancy(site: ConfigSite, path: string, value: unknown, fqdn: string, consoleHostPrefixes: readonly string[]): TenancySettings {
    const t = readObject(site, path, value, TENANCY_KEYS) ?? {};
    const at = (k: string) => childPath(path, k);
    const objectName = (key: string, fallback: string) => {
        const v = readString(site, at(key), t[key], fallback);
        if (objectNameProblem(v)) {
            site.issues.add(site.file, at(key), v, "is not a valid Kubernetes object name", `use e.g. ${fallback}`);
            return fallback;
        }
        return v;
    };
    const hostSetting = (key: string, fallback: string) => {
        const v = readString(site, at(key), t[key], fallback);
        const problem = dnsNameProblem(v);
        if (problem) {
            site.issues.add(site.file, at(key), v, `is not a DNS name: it ${problem}`, `use e.g. ${fallback}`);
            return fallback;
        }
        return v;
    };
    const trustedCidrs: string[] = [];
    readList(site, at("trustedCidrs"), t.trustedCidrs).forEach((entry, i) => {
        const cidr = readString(site, childPath(at("trustedCidrs"), i), entry);
        const problem = cidr === undefined ? undefined : ipOrCidrProblem(cidr);
        if (problem !== undefined) {
            site.issues.add(site.file, childPath(at("trustedCidrs"), i), cidr, problem, "write e.g. 10.42.0.0/16 or fd00:42::/64");
        } else if (cidr !== undefined) {
            trustedCidrs.push(cidr);
        }
    });
    const imageRegistry = readString(site, at("imageRegistry"), t.imageRegistry, stringDefault("stack", "tenancy.imageRegistry"));
    const registryProblem = imageRegistry === "" ? undefined : imageRegistryProblem(imageRegistry);
    if (registryProblem) {
        site.issues.add(site.file, at("imageRegistry"), imageRegistry, `is not a registry prefix: it ${registryProblem}`, "write a registry host and optional path, e.g. harbor.omantel.omani.works/dockerhub");
    }
    const version = readEnum(site, at("externalSecretsApiVersion"), t.externalSecretsApiVersion, ["v1", "v1beta1"], stringDefault("stack", "tenancy.externalSecretsApiVersion") as "v1" | "v1beta1");
    return {
        externalSecretsApiVersion: `external-secrets.io/${version}`,
        secretStore: objectName("secretStore", stringDefault("stack", "tenancy.secretStore")),
        listeners: readEnum<TenantListenerPlacement>(site, at("listeners"), t.listeners, ["listenerSets", "gateway"], stringDefault("stack", "tenancy.listeners") as TenantListenerPlacement),
        certificateIssuer: objectName("certificateIssuer", stringDefault("stack", "tenancy.certificateIssuer")),
        byoCertificateIssuer: objectName("byoCertificateIssuer", stringDefault("stack", "tenancy.byoCertificateIssuer")),
        trustedCidrs,
        imageRegistry,
        acmeDelegationDomain: hostSetting("acmeDelegationDomain", `${ACME_DELEGATION_LABEL}.${fqdn}`),
        webCnameTarget: hostSetting("webCnameTarget", `${consoleHostPrefixes[0] ?? "console"}.${fqdn}`),
        egress: readEgress(site, at("egress"), t.egress),
        webadminResource: readResource(site, at("webadminResource"), t.webadminResource, stringDefault("stack", "tenancy.webadminResource")),
        spamFilterResource: readResource(site, at("spamFilterResource"), t.spamFilterResource, stringDefault("stack", "tenancy.spamFilterResource")),
    };
}

function readBlueprint(
    site: ConfigSite,
    path: string,
    name: PlatformBlueprintName,
    value: unknown,
    fqdn: string,
    gateways: readonly GatewayPlan[],
    gatewayApi: boolean,
): BlueprintSettings {
    const def = CATALOG[name];
    const b = readObject(site, path, value, BLUEPRINT_KEYS) ?? {};
    const at = (k: string) => childPath(path, k);
    const version = readVersion(site, at("version"), b.version, name);

    const label = (key: "namespace" | "releaseName", fallback: string, max: number) => {
        const v = readString(site, at(key), b[key], fallback);
        const problem = dnsLabelProblem(v, max);
        if (problem) {
            site.issues.add(site.file, at(key), v, `is not a valid ${key}: it ${problem}`, `use e.g. ${fallback}`);
            return fallback;
        }
        return v;
    };

    const parent = gateways.find((g) => g.role === def.gateway)!;
    const parentName = `Gateway ${parent.namespace}/${parent.name}`;
    const httpsListeners = parent.listeners.filter((l) => l.protocol === "HTTPS");
    let host = readString(site, at("host"), b.host, `${def.hostPrefix}.${fqdn}`);
    const hostProblem = dnsNameProblem(host);
    if (hostProblem) {
        site.issues.add(site.file, at("host"), host, `is not a valid host: it ${hostProblem}`, `use a lowercase DNS name such as ${def.hostPrefix}.${fqdn}`);
        host = `${def.hostPrefix}.${fqdn}`;
    } else if (!servingListener(httpsListeners, host, "HTTPS")) {
        site.issues.add(
            site.file,
            at("host"),
            host,
            `is not served by any HTTPS listener of ${parentName} (they serve ${httpsListeners.map((l) => l.hostname ?? "*").join(", ")})`,
            `use a host under one of the Sovereign's zones, e.g. ${def.hostPrefix}.${fqdn}`,
        );
    }

    const sectionName = readString(site, at("sectionName"), b.sectionName);
    if (sectionName !== undefined) {
        const listener = parent.listeners.find((l) => l.name === sectionName);
        if (!listener) {
            site.issues.add(
                site.file,
                at("sectionName"),
                sectionName,
                `names no listener of ${parentName}; the route would be rejected (Accepted=False, NoMatchingParent)`,
                `remove sectionName so the route attaches by hostname (recommended), or use one of: ${parent.listeners.map((l) => l.name).join(", ")}`,
            );
        } else if (!listenerHostnameMatches(listener.hostname, host)) {
            site.issues.add(
                site.file,
                at("sectionName"),
                sectionName,
                `names listener ${sectionName} (hostname ${listener.hostname}), which does not serve ${host}; the route would not attach (NoMatchingListenerHostname)`,
                `remove sectionName, or use a listener whose hostname matches ${host}`,
            );
        } else {
            const serving = servingListener(httpsListeners, host, "HTTPS");
            if (listener.protocol !== "HTTPS") {
                site.issues.add(
                    site.file,
                    at("sectionName"),
                    sectionName,
                    `names the plain-${listener.protocol} listener ${sectionName}; ${host} would be served without TLS only${serving ? `, and ${serving.name}, the HTTPS listener that serves ${host}, would not carry the route` : ""}`,
                    `remove ${at("sectionName")} so the route attaches by hostname (recommended)${serving ? `, or pin the HTTPS listener ${serving.name}` : ""}`,
                );
            } else if (
                // Stryker disable next-line ConditionalExpression: the pinned HTTPS listener serves the host, so a serving listener always exists here
                serving !== undefined && serving.name !== listener.name
            ) {
                site.issues.add(
                    site.file,
                    at("sectionName"),
                    sectionName,
                    `names listener ${sectionName} (hostname ${listener.hostname ?? "*"}), but ${host} is served by the more specific listener ${serving.name} (hostname ${serving.hostname ?? "*"}); the route would attach where no request for ${host} arrives`,
                    `remove ${at("sectionName")} so the route attaches by hostname (recommended), or pin ${serving.name}`,
                );
            }
        }
    }

    let values: Record<string, unknown> = {};
    if (b.values !== undefined) {
        if (!isPlainObject(b.values)) {
            site.issues.add(site.file, at("values"), b.values, "expected a mapping of chart values", "write values as a YAML mapping");
        } else {
            values = b.values;
            for (const leaf of leafPaths(values)) {
                const owned = ownedPathOverlapping(def, leaf);
                if (owned) {
                    site.issues.add(
                        site.file,
                        childPath(at("values"), leaf),
                        undefinedSafe(values, leaf),
                        `sets ${owned}, which the program owns so the route attaches on every zone count`,
                        `remove it; set ${at("host")} or ${at("sectionName")} instead`,
                    );
                }
            }
        }
    }
    if (gatewayApi) {
        checkLegacyAliasRoute(site, name, version, host, values, at);
    }

    return {
        name,
        enabled: readBoolean(site, at("enabled"), b.enabled, booleanDefault("stack", "blueprints.<name>.enabled")),
        version,
        namespace: label("namespace", def.namespace, 63),
        // Helm limits release names to 53 characters.
        releaseName: label("releaseName", def.releaseName, 53),
        host,
        createNamespace: readBoolean(site, at("createNamespace"), b.createNamespace, booleanDefault("stack", "blueprints.<name>.createNamespace")),
        ...(sectionName !== undefined ? { sectionName } : {}),
        values,
    };
}

/**
 * bp-harbor before 1.2.49 renders its `harbor.<rest>` alias route with a parentRef read from
 * gateway.{name,namespace,sectionName} that always pins a sectionName ("https" by default), and
 * gateway.name also names the main route; the program does not feed that quirk, it refuses it.
 */
function checkLegacyAliasRoute(site: ConfigSite, name: PlatformBlueprintName, version: string, host: string, values: Record<string, unknown>, at: (k: string) => string): void {
    const alias = CATALOG[name].route.aliasRoute;
    if (alias === undefined || compareSemver(version, alias.fixedIn) >= 0 || !aliasRouteRenders(alias, host, values)) {
        return;
    }
    const legacy = alias.legacyParent;
    site.issues.add(
        site.file,
        at("version"),
        version,
        `predates bp-${name} ${alias.fixedIn}: with host ${host} the chart also renders HTTPRoute ${aliasRouteName(alias, values)} for ${alias.hostFor(host)}, ` +
            `whose parentRef pins sectionName "${legacy.sectionNameDefault}" through ${legacy.namePath}/${legacy.namespacePath}/${legacy.sectionNamePath} ` +
            `(and ${legacy.namePath} also renames the main route), so it does not attach (NoMatchingParent) wherever no listener is named "${legacy.sectionNameDefault}", i.e. on every multi-zone Sovereign`,
        `pin "${alias.fixedIn}" or later (e.g. "${CATALOG[name].defaultVersion}"), whose alias route takes the main route's parentRef; or set ${childPath(at("values"), alias.enabledPath)}: false`,
    );
}

function undefinedSafe(values: Record<string, unknown>, leaf: string): unknown {
    let node: unknown = values;
    for (const key of leaf.split(".")) {
        node = isPlainObject(node) ? node[key] : undefined;
    }
    return node;
}

function readVersion(site: ConfigSite, path: string, value: unknown, name: keyof typeof CATALOG): string {
    const def = CATALOG[name];
    if (value === undefined || value === null) {
        return def.defaultVersion;
    }
    if (typeof value !== "string" || !isExactSemver(value)) {
        site.issues.add(
            site.file,
            path,
            value,
            typeof value === "number" ? "is a number (YAML reads 1.10 as 1.1); versions must be quoted exact semver" : "is not an exact semver version (ranges and a leading v are not allowed)",
            `pin an exact version in quotes, e.g. "${def.defaultVersion}"`,
        );
        return def.defaultVersion;
    }
    if (compareSemver(value, def.firstListenerAgnosticVersion) < 0) {
        site.issues.add(
            site.file,
            path,
            value,
            `predates bp-${name} ${def.firstListenerAgnosticVersion}, whose routes still default sectionName to "https" and fail on multi-zone Sovereigns`,
            `pin ${def.firstListenerAgnosticVersion} or later, e.g. "${def.defaultVersion}"`,
        );
    }
    return value;
}

/** Tenants from the inline `tenants` list and from the `tenantsDir` folder, each validated. */
export function readTenants(
    site: ConfigSite,
    key: (k: string) => string,
    v: Record<string, unknown>,
    ctx: TenantContext,
    readTenantDir: TenantDirectoryReader,
): TenantSpec[] {
    const tenants: TenantSpec[] = [];
    readList(site, key("tenants"), v.tenants).forEach((entry, i) => {
        const t = entry === null ? undefined : parseTenant(site, childPath(key("tenants"), i), entry, ctx); // null: reported by readList
        if (t) {
            tenants.push(t);
        }
    });
    const dir = readString(site, key("tenantsDir"), v.tenantsDir);
    if (dir !== undefined && dir !== "") {
        let docs: TenantDocument[] = [];
        try {
            docs = readTenantDir(dir);
        } catch (err) {
            site.issues.add(site.file, key("tenantsDir"), dir, (err as Error).message, "point tenantsDir at a folder of <slug>.yaml files, relative to the stack file");
        }
        for (const doc of docs) {
            if (doc.parseError !== undefined) {
                site.issues.add(doc.file, "(file)", undefined, `is not valid YAML: ${doc.parseError}`, "fix the YAML syntax");
                continue;
            }
            if (doc.fileProblem !== undefined) {
                site.issues.add(doc.file, "(file)", undefined, doc.fileProblem.problem, doc.fileProblem.fix);
                continue;
            }
            if (doc.content === undefined || doc.content === null) {
                site.issues.add(doc.file, "(file)", undefined, "is empty", "write the tenant's keys (at least keycloak.realmURL), or remove the file");
                continue;
            }
            const t = parseTenant({ issues: site.issues, file: doc.file }, "", doc.content, ctx, doc.slug);
            if (t) {
                tenants.push(t);
            }
        }
    }
    return tenants;
}

/** Tenants whose listeners go on the console Gateway must fit on it, and the stack must own it. */
export function checkTenantListenerHomes(
    site: ConfigSite,
    key: (k: string) => string,
    spec: Pick<SovereignSpec, "fqdn" | "zones" | "gateways" | "tenancy" | "tenants">,
): void {
    const onGateway = spec.tenants.filter((t) => tenantListenerHome(t, spec) === "gateway");
    if (onGateway.length === 0) {
        return;
    }
    if (spec.gateways.management === "external") {
        for (const t of onGateway) {
            site.issues.add(
                t.origin.file,
                t.origin.path ? childPath(t.origin.path, "implementation") : "implementation",
                t.implementation,
                `puts tenant ${t.slug}'s listeners on the console Gateway, which this stack does not manage (gateways.management: external)`,
                "use implementation: native with tenancy.listeners: listenerSets, or let this stack manage the Gateways",
            );
        }
        return;
    }
    const console = gatewaysForSovereign(spec).find((g) => g.role === "console")!;
    for (const problem of listenerProblems(console)) {
        site.issues.add(
            site.file,
            key("tenants"),
            `${onGateway.length} tenants on the console Gateway`,
            problem,
            "use tenancy.listeners: listenerSets with native tenants (one ListenerSet per tenant has no listener ceiling), or move tenants to another Sovereign",
        );
    }
}

/**
 * Parses and validates a whole Sovereign stack. Throws SovereignConfigError listing every problem;
 * returns only a fully valid spec.
 */
export function parseSovereign(input: StackConfigInput, readTenantDir: TenantDirectoryReader): SovereignSpec {
    const issues = new IssueList();
    const site: ConfigSite = { issues, file: input.file };
    const key = (k: string) => `${input.project}:${k}`;
    const v = input.values;

    checkForeignKeys(site, input);
    for (const k of Object.keys(v).sort()) {
        if (!STACK_KEYS.includes(k)) {
            issues.add(input.file, key(k), withheld(v[k]), "unknown config key", unknownKeyFix(k, STACK_KEYS, key));
        }
    }

    let fqdn = requireString(site, key("fqdn"), v.fqdn, "omantel.omani.works") ?? "invalid.invalid";
    const fqdnProblem = dnsNameProblem(fqdn);
    if (fqdnProblem) {
        issues.add(input.file, key("fqdn"), fqdn, `is not a valid FQDN: it ${fqdnProblem}`, "use a lowercase DNS name such as omantel.omani.works");
        fqdn = "invalid.invalid";
    }
    const zones = readZones(site, key("zones"), v.zones, fqdn);
    const gatewaySettings = readGateways(site, key("gateways"), v.gateways, fqdn);
    const gateways = gatewaysForSovereign({ fqdn, zones, gateways: gatewaySettings });
    for (const plan of gateways) {
        const where = plan.role === "shared" ? key("zones") : key("gateways.consoleHostPrefixes");
        for (const problem of listenerProblems(plan)) {
            issues.add(input.file, where, undefined, problem, "shorten or rename the zones so every listener name is unique, lowercase and at most 253 characters, with at most 64 listeners");
        }
    }

    // Blueprints: every platform blueprint is installed unless disabled.
    const bpPath = key("blueprints");
    const bpConfig = readObject(site, bpPath, v.blueprints, BLUEPRINT_NAMES) ?? {};
    const blueprints: BlueprintSettings[] = PLATFORM_BLUEPRINTS.map((name) =>
        readBlueprint(site, childPath(bpPath, name), name, bpConfig[name], fqdn, gateways, gatewaySettings.management !== "none"),
    );
    let tenantChartVersion = CATALOG["stalwart-tenant"].defaultVersion;
    // Stryker disable next-line ConditionalExpression: an absent section reads as {} and its absent version as the default, the same result
    if (bpConfig["stalwart-tenant"] !== undefined) {
        const p = childPath(bpPath, "stalwart-tenant");
        const t = readObject(site, p, bpConfig["stalwart-tenant"], TENANT_BLUEPRINT_KEYS) ?? {};
        tenantChartVersion = readVersion(site, childPath(p, "version"), t.version, "stalwart-tenant");
    }

    const tenancy = readTenancy(site, key("tenancy"), v.tenancy, fqdn, gatewaySettings.consoleHostPrefixes);

    // Tenants: inline and/or one file per tenant.
    const reserved = new Set(reservedHosts(fqdn, zones, gatewaySettings.consoleHostPrefixes, blueprints.map((b) => b.host), tenancy.acmeDelegationDomain));
    const ctx = { fqdn, zones, reservedHosts: reserved, defaultChartVersion: tenantChartVersion };
    const tenants = readTenants(site, key, v, ctx, readTenantDir);
    checkTenantsTogether(tenants, issues);
    checkTenantListenerHomes(site, key, { fqdn, zones, gateways: gatewaySettings, tenancy, tenants });
    const allowSystemNamespace = new Set<string>();
    for (const name of PLATFORM_BLUEPRINTS) {
        const raw = bpConfig[name];
        const allowPath = childPath(childPath(bpPath, name), "allowSystemNamespace");
        if (isPlainObject(raw) && readBoolean(site, allowPath, raw.allowSystemNamespace, booleanDefault("stack", "blueprints.<name>.allowSystemNamespace"))) {
            allowSystemNamespace.add(name);
        }
    }
    checkBlueprintsTogether(site, bpPath, blueprints, {
        consoleHosts: new Map(gatewaySettings.consoleHostPrefixes.map((p) => [`${p}.${fqdn}`, p])),
        tenants,
        allowSystemNamespace,
    });

    if (issues.size > 0) {
        throw stackConfigError(input, issues);
    }
    return { stack: input.stack, stackFile: input.file, fqdn, zones, gateways: gatewaySettings, blueprints, tenancy, tenants };
}
