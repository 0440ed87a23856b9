// Annotations on a tenant's mail LoadBalancers. `mail.<domain>` is one A record (the MX and SRV
// target) for two Services, so both ask Cilium LB-IPAM for the same address with a per-tenant sharing
// key: one IP per tenant, its own MTA reputation. For a free subdomain, external-dns publishes that
// address as the A record of `mail.<domain>`; a BYO tenant publishes it at their own provider.

import { mailHostname } from "../model/stalwart-layout";
import { stalwartName } from "../model/tenant-names";
import type { TenantSpec } from "../model/tenant-spec";

export const LB_SHARING_KEY_ANNOTATION = "lbipam.cilium.io/sharing-key";
export const EXTERNAL_DNS_HOSTNAME_ANNOTATION = "external-dns.alpha.kubernetes.io/hostname";

export function mailServiceAnnotations(tenant: TenantSpec, opts: { publishHostname?: boolean } = {}): Record<string, string> {
    const publish = (opts.publishHostname ?? true) && tenant.domain.mode === "free-subdomain" && tenant.dns.powerdns.enabled;
    return {
        [LB_SHARING_KEY_ANNOTATION]: stalwartName(tenant.slug),
        ...(publish ? { [EXTERNAL_DNS_HOSTNAME_ANNOTATION]: mailHostname(tenant.domain.primary) } : {}),
    };
}
