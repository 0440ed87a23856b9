// Entry point for `pulumi preview` / `pulumi up -s <sovereign>`: one stack per Sovereign.
import { deploySovereign } from "./src/program";

const { outputs, tenantDnsRecords } = deploySovereign();

export const fqdn = outputs.fqdn;
export const zones = outputs.zones;
export const hosts = outputs.hosts;
export const gateways = outputs.gateways;
export const listeners = outputs.listeners;
export const tenants = outputs.tenants;
/** Per tenant, the DNS records its domain needs (published for free subdomains, listed for BYO). */
export const dnsRecords = tenantDnsRecords;
