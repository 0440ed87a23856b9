// Entry point for `pulumi preview` / `pulumi up -s <stack>`: one stack per Sovereign (or tenant shard).
// Everything happens in src/pulumi/program.ts; this file only hands its outputs to the CLI.
import { deployStack } from "./src/pulumi/program";

export = deployStack().then(({ outputs, tenantDnsRecords }) => ({
    ...outputs,
    /** Per tenant, the DNS records its domain needs (published for free subdomains, listed for BYO). */
    dnsRecords: tenantDnsRecords,
}));
