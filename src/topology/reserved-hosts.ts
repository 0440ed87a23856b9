// Hosts a tenant's mail domain may not take: the platform blueprints' hosts, the console Gateway's
// per-host listeners, the Sovereign's FQDN, its zones and the ACME delegation name. Validation and the shard reference share it.

import type { Zone } from "../model/sovereign-spec";

export function reservedHosts(
    fqdn: string,
    zones: readonly Zone[],
    consoleHostPrefixes: readonly string[],
    blueprintHosts: readonly string[],
    acmeDelegationDomain: string,
): string[] {
    return [...blueprintHosts, ...consoleHostPrefixes.map((p) => `${p}.${fqdn}`), fqdn, ...zones.map((z) => z.name), acmeDelegationDomain];
}
