// A tenant-shard stack: it owns only tenants, and takes its Sovereign (zones, Gateways, tenancy
// settings) from the Sovereign stack's `sovereign` output, read through a StackReference. Splitting a
// large Sovereign's tenants over shards keeps each state and lock small and lets shards deploy in
// parallel.

import { CATALOG } from "../model/blueprint-catalog";
import { PLATFORM_BLUEPRINTS } from "../model/blueprint-names";
import type { SovereignReference } from "../model/sovereign-reference";
import type { BlueprintSettings, SovereignSpec } from "../model/sovereign-spec";
import { IssueList, SovereignConfigError } from "./issues";
import { ConfigSite, childPath, unknownKeyFix } from "./reader";
import { StackConfigInput, TenantDirectoryReader, checkForeignKeys, checkTenantListenerHomes, readTenants, stackConfigError } from "./sovereign-config";
import { checkTenantsTogether } from "./tenant-config";

// A shard sets only its tenants and which Sovereign it belongs to.
export const SHARD_KEYS: readonly string[] = ["shardOf", "tenants", "tenantsDir"];

/** The `shardOf` value: `<organization>/<project>/<stack>` of the Sovereign stack. */
export function shardOfName(values: Record<string, unknown>): string | undefined {
    return typeof values.shardOf === "string" && values.shardOf !== "" ? values.shardOf : undefined;
}

const SHARD_OF_FIX = "write the Sovereign stack as <organization>/<project>/<stack>, e.g. organization/sovereign-stacks/omantel";

/** Why a `shardOf` value cannot name this shard's Sovereign stack, if it cannot (checked before any StackReference). */
export function shardOfProblem(name: string, project: string, ownStack: string): string | undefined {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(name)) {
        return "is not a fully qualified stack name";
    }
    const [, otherProject, otherStack] = name.split("/");
    if (otherProject === project && otherStack === ownStack) {
        return "names this stack itself; a shard belongs to another, Sovereign stack";
    }
    return undefined;
}

/** Refuses a `shardOf` that cannot name a Sovereign stack, before the program reads it. */
export function checkShardOf(input: StackConfigInput, name: string): void {
    const problem = shardOfProblem(name, input.project, input.stack);
    if (problem) {
        const key = `${input.project}:shardOf`;
        throw new SovereignConfigError([{ file: input.file, path: key, value: name, problem, fix: SHARD_OF_FIX }]);
    }
}

export function parseShard(input: StackConfigInput, reference: SovereignReference, referenceName: string, readTenantDir: TenantDirectoryReader): SovereignSpec {
    const issues = new IssueList();
    const site: ConfigSite = { issues, file: input.file };
    const key = (k: string) => `${input.project}:${k}`;
    checkForeignKeys(site, input);
    for (const k of Object.keys(input.values).sort()) {
        // The CLI passes project defaults (empty strings here) as values; only real settings count.
        if (!SHARD_KEYS.includes(k) && input.values[k] !== "") {
            issues.add(
                input.file,
                key(k),
                input.values[k],
                `is not a shard setting; the Sovereign stack ${referenceName} sets it`,
                unknownKeyFix(k, SHARD_KEYS, key),
            );
        }
    }
    const nameProblem = shardOfProblem(referenceName, input.project, input.stack);
    if (nameProblem) {
        issues.add(input.file, key("shardOf"), referenceName, nameProblem, SHARD_OF_FIX);
    }

    const ctx = {
        fqdn: reference.fqdn,
        zones: reference.zones,
        reservedHosts: new Set(reference.reservedHosts),
        defaultChartVersion: CATALOG["stalwart-tenant"].defaultVersion,
    };
    const tenants = readTenants(site, key, input.values, ctx, readTenantDir);
    checkTenantsTogether(tenants, issues);
    // The Sovereign stack's own tenants; other shards cannot be seen from here (docs/tenants.md, tenant shards).
    const takenSlugs = new Set(reference.tenants.map((t) => t.slug));
    const takenDomains = new Map(reference.tenants.map((t) => [t.domain, t.slug]));
    const at = (t: { origin: { path: string } }, k: string) => (t.origin.path ? childPath(t.origin.path, k) : k);
    for (const t of tenants) {
        if (takenSlugs.has(t.slug)) {
            issues.add(t.origin.file, at(t, "slug"), t.slug, `is already a tenant of the Sovereign stack ${referenceName}`, "give every tenant one home: a unique slug across the Sovereign and its shards");
        } else if (takenDomains.has(t.domain.primary)) {
            issues.add(t.origin.file, at(t, "domain.primary"), t.domain.primary, `is already the domain of tenant "${takenDomains.get(t.domain.primary)}" of the Sovereign stack ${referenceName}`, "give every tenant its own domain");
        }
    }
    // A shard never owns the Gateways; its tenants attach to them through ListenerSets.
    const gateways = { ...reference.gateways, management: reference.gateways.management === "none" ? ("none" as const) : ("external" as const) };
    checkTenantListenerHomes(site, key, { fqdn: reference.fqdn, zones: reference.zones, gateways, tenancy: reference.tenancy, tenants });
    if (issues.size > 0) {
        throw stackConfigError(input, issues);
    }
    // Platform blueprints stay with the Sovereign stack; a shard only needs to know where they live.
    const blueprints: BlueprintSettings[] = PLATFORM_BLUEPRINTS.map((name) => {
        const known = reference.blueprints.find((b) => b.name === name);
        return {
            name,
            enabled: false,
            version: CATALOG[name].defaultVersion,
            namespace: known?.namespace ?? CATALOG[name].namespace,
            releaseName: CATALOG[name].releaseName,
            host: known?.host ?? `${CATALOG[name].hostPrefix}.${reference.fqdn}`,
            createNamespace: false,
            values: {},
        };
    });
    return {
        stack: input.stack,
        stackFile: input.file,
        fqdn: reference.fqdn,
        zones: reference.zones,
        gateways,
        blueprints,
        tenancy: reference.tenancy,
        tenants,
    };
}
