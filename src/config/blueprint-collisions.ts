// Blueprints checked against each other and against what else lives on the Sovereign: one route per
// host, one release per namespace and name, one Namespace object per namespace, and no blueprint in a
// tenant's namespace or, unless explicitly allowed, a namespace the cluster itself owns. Each of these
// renders fine and fails (or misroutes) only on the cluster.

import type { BlueprintSettings } from "../model/sovereign-spec";
import type { TenantSpec } from "../model/tenant-spec";
import { mailHostname } from "../model/stalwart-layout";
import { tenantNamespace } from "../model/tenant-names";
import type { ConfigSite } from "./reader";
import { childPath } from "./reader";

/** Namespaces every cluster has, owned by Kubernetes itself. */
export const SYSTEM_NAMESPACES: readonly string[] = ["default", "kube-node-lease", "kube-public", "kube-system"];

export interface BlueprintNeighbours {
    /** `<prefix>.<fqdn>` of each console host prefix, with the prefix. */
    consoleHosts: ReadonlyMap<string, string>;
    tenants: readonly TenantSpec[];
    /** Blueprints whose `allowSystemNamespace` is true. */
    allowSystemNamespace: ReadonlySet<string>;
}

export function checkBlueprintsTogether(site: ConfigSite, bpPath: string, blueprints: readonly BlueprintSettings[], around: BlueprintNeighbours): void {
    const at = (b: BlueprintSettings, key: string) => childPath(childPath(bpPath, b.name), key);
    const byHost = new Map<string, string>();
    const byRelease = new Map<string, string>();
    const creatorOf = new Map<string, string>();
    const tenantHosts = new Map<string, TenantSpec>();
    const tenantNamespaces = new Map<string, TenantSpec>();
    for (const t of around.tenants) {
        tenantHosts.set(mailHostname(t.domain.primary), t);
        tenantNamespaces.set(tenantNamespace(t.slug), t);
    }
    const where = (t: TenantSpec) => `${t.origin.file}${t.origin.path ? ` (${t.origin.path})` : ""}`;
    for (const b of blueprints.filter((x) => x.enabled)) {
        const sameHost = byHost.get(b.host);
        const tenant = tenantHosts.get(b.host);
        const prefix = around.consoleHosts.get(b.host);
        if (sameHost !== undefined) {
            site.issues.add(site.file, at(b, "host"), b.host, `is already the host of blueprint ${sameHost}; one of the two routes would never receive traffic`, `give ${b.name} its own host`);
        } else if (prefix !== undefined) {
            site.issues.add(site.file, at(b, "host"), b.host, `is the console Gateway's host for prefix "${prefix}" (gateways.consoleHostPrefixes)`, `give ${b.name} another host, or remove "${prefix}" from gateways.consoleHostPrefixes`);
        } else if (tenant !== undefined) {
            site.issues.add(site.file, at(b, "host"), b.host, `is the mail and webmail host of tenant "${tenant.slug}" (${where(tenant)})`, `give ${b.name} another host`);
        }
        byHost.set(b.host, byHost.get(b.host) ?? b.name);

        const release = `${b.namespace}/${b.releaseName}`;
        const sameRelease = byRelease.get(release);
        if (sameRelease !== undefined) {
            site.issues.add(site.file, at(b, "releaseName"), b.releaseName, `is already the release of blueprint ${sameRelease} in namespace ${b.namespace}; Helm would overwrite one with the other`, `give ${b.name} another releaseName or namespace`);
        }
        byRelease.set(release, byRelease.get(release) ?? b.name);

        const owner = tenantNamespaces.get(b.namespace);
        if (owner !== undefined) {
            site.issues.add(site.file, at(b, "namespace"), b.namespace, `is the namespace of tenant "${owner.slug}" (${where(owner)})`, `install ${b.name} in its own namespace, e.g. ${b.name}`);
        } else if (SYSTEM_NAMESPACES.includes(b.namespace)) {
            if (!around.allowSystemNamespace.has(b.name)) {
                site.issues.add(site.file, at(b, "namespace"), b.namespace, "is a namespace of Kubernetes itself", `install ${b.name} in its own namespace, e.g. ${b.name}, or set ${at(b, "allowSystemNamespace")}: true if you mean it`);
            } else if (b.createNamespace) {
                site.issues.add(site.file, at(b, "createNamespace"), true, `would create namespace ${b.namespace}, which every cluster already has`, `set ${at(b, "createNamespace")}: false`);
            }
        }
        if (b.createNamespace) {
            const creator = creatorOf.get(b.namespace);
            if (creator !== undefined) {
                site.issues.add(site.file, at(b, "createNamespace"), true, `would create namespace ${b.namespace} a second time (blueprint ${creator} creates it)`, `set ${at(b, "createNamespace")}: false`);
            } else {
                creatorOf.set(b.namespace, b.name);
            }
        }
    }
}
