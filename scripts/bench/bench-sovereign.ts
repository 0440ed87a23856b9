// The Sovereign the benchmark deploys, generated in memory: two zones and N inline native tenants, as
// the `sovereign-stacks:*` config values a stack file would hold. Pure.

export const BENCH_FQDN = "bench.omani.works";
export const BENCH_STACK = "bench";

/** Tenant i (0-based): mostly free subdomains in the org-pool zone, some in the primary zone, some BYO. */
export function benchTenant(i: number): Record<string, unknown> {
    const slug = `t${String(i).padStart(5, "0")}`;
    const byo = i % 10 === 3;
    const zone = i % 5 === 1 ? "omani.works" : "omani.homes";
    const domain = byo ? `${slug}.example.com` : `${slug}.${zone}`;
    return {
        slug,
        implementation: "native",
        domain: byo ? { mode: "byo", primary: domain } : { mode: "free-subdomain", zone },
        keycloak: { realmURL: `https://auth.${BENCH_FQDN}/realms/${slug}` },
        ...(i % 7 === 0 ? { admin: { generatePassword: true } } : {}),
        ...(byo ? { dmarc: { rua: `postmaster@${domain}` } } : {}),
    };
}

/** Config values (keys without the `sovereign-stacks:` prefix) of a Sovereign with `tenants` tenants. */
export function benchSovereignValues(tenants: number): Record<string, unknown> {
    return {
        fqdn: BENCH_FQDN,
        zones: [
            { name: "omani.works", role: "primary" },
            { name: "omani.homes", role: "org-pool" },
        ],
        gateways: { management: "managed" },
        tenants: Array.from({ length: tenants }, (_, i) => benchTenant(i)),
    };
}
