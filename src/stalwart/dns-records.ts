// The DNS records a tenant's mail domain needs, as data, plus the two ways they leave the cluster:
// a ConfigMap the unified-rbac UI shows (BYO mode: the tenant pastes them into their provider) and an
// external-dns DNSEndpoint (free-subdomain mode: published into the Sovereign's PowerDNS zone).
//
// The A record of `mail.<domain>` is the SMTP LoadBalancer's IP, known only after the Service exists.
// `requiredDnsRecords` includes it only when `mailIPv4` is passed (the lead can call it inside the
// Service status `apply`); otherwise it is omitted and the ConfigMap lists it under
// `pending-records.yaml` with where the value comes from, instead of a placeholder value a consumer
// could publish by mistake (OpenOva's literal `<DKIM-PUBLIC-KEY>`). The PTR for that IP is the
// hosting provider's, so it is only ever a note.
//
// Not rendered: MTA-STS (needs a policy served on mta-sts.<domain> with its own certificate),
// autoconfig/autodiscover CNAMEs (they would point at mail.<domain>, which is the SMTP LB, not the
// HTTPS Gateway), RSA DKIM (no RSA key is provisioned), and the plaintext `_submission`/`_imap` SRV
// records (RFC 8314 prefers implicit TLS).

import * as yaml from "js-yaml";
import { isIPv4 } from "node:net";
import type { TenantSpec } from "../model/tenant-spec";
import { assertDnsLabel, assertHostname, assertIpOrCidr, assertMailbox, assertRecordName, assertTxtString } from "./dns-names";
import { ED25519_DKIM_KEY_LENGTH } from "./dkim";
import { LABEL_ROLE, ROLE_DNS_RECORDS_REQUIRED, tenantMailLabels } from "../model/labels";
import { IMAPS_PORT, SUBMISSIONS_PORT, mailHostname } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

export type DnsRecordType = "A" | "MX" | "TXT" | "SRV";
export type DnsRecordPurpose =
    | "address"
    | "mx"
    | "spf"
    | "spf-helo"
    | "dkim"
    | "dmarc"
    | "tls-rpt"
    | "srv-submissions"
    | "srv-imaps";

export interface DnsRecord {
    type: DnsRecordType;
    /** Owner name, no trailing dot. */
    name: string;
    /**
     * RDATA in presentation form, no trailing dot; for MX the exchange only (its preference is
     * `priority`, the shape of OpenOva's records.yaml); for SRV "priority weight port target".
     */
    value: string;
    priority?: number;
    ttl: number;
    purpose: DnsRecordPurpose;
}

export type DmarcPolicy = "reject" | "quarantine" | "none";

export interface DnsRecordOptions {
    dkimSelector: string;
    /** The `p=` value from `ed25519DkimPublicKey`. */
    dkimPublicKey: string;
    /** DMARC aggregate-report mailbox, `dmarc@…` or `mailto:dmarc@…`. */
    dmarcRua: string;
    dmarcPolicy?: DmarcPolicy;
    /**
     * TLS-RPT report mailbox. Defaults to postmaster@<domain>: that address exists (the bootstrap admin
     * principal carries it), while the DMARC mailbox may not, and RFC 8460 reports are a different
     * stream from DMARC's.
     */
    tlsRptRua?: string;
    /** The SMTP LoadBalancer's IPv4, when known: adds the A record of mail.<domain>. */
    mailIPv4?: string;
    /**
     * Addresses outbound mail really leaves from (node SNAT or egress-gateway IPs). `mx` alone only
     * authorises the inbound LB IP, which is not the source of outbound SMTP unless egress is pinned.
     */
    outboundAddresses?: readonly string[];
    ttl?: number;
}

export const DEFAULT_DNS_TTL = 3600;
export const MX_PRIORITY = 10;

function mailto(address: string, what: string): string {
    const bare = address.startsWith("mailto:") ? address.slice("mailto:".length) : address;
    assertMailbox(bare, what);
    return `mailto:${bare}`;
}

function spf(outbound: readonly string[], base: "mx" | "a"): string {
    const extra = outbound.map((a) => (a.includes(":") ? `ip6:${a}` : `ip4:${a}`));
    return ["v=spf1", base, ...extra, "-all"].join(" ");
}

export function requiredDnsRecords(domain: string, opts: DnsRecordOptions): DnsRecord[] {
    assertHostname(domain, "mail domain");
    const host = mailHostname(domain);
    assertHostname(host, "mail host name");
    assertDnsLabel(opts.dkimSelector, "DKIM selector");
    // Stryker disable next-line Regex: with the length fixed at 44, the anchors of the 44-character pattern change nothing
    if (opts.dkimPublicKey.length !== ED25519_DKIM_KEY_LENGTH || !/^[A-Za-z0-9+/]{43}=$/.test(opts.dkimPublicKey)) {
        throw new Error(`DKIM public key must be the ${ED25519_DKIM_KEY_LENGTH}-character base64 of a raw Ed25519 key`);
    }
    const outbound = opts.outboundAddresses ?? [];
    outbound.forEach((a) => assertIpOrCidr(a, "outbound address"));
    const ttl = opts.ttl ?? DEFAULT_DNS_TTL;
    if (!Number.isInteger(ttl) || ttl < 60) throw new Error(`DNS TTL must be an integer of at least 60 seconds, got ${ttl}`);
    const dmarcRua = mailto(opts.dmarcRua, "DMARC rua");
    const tlsRptRua = mailto(opts.tlsRptRua ?? `postmaster@${domain}`, "TLS-RPT rua");

    const records: DnsRecord[] = [];
    if (opts.mailIPv4 !== undefined) {
        if (!isIPv4(opts.mailIPv4)) throw new Error(`mail host address "${opts.mailIPv4}" is not an IPv4 address`);
        records.push({ type: "A", name: host, value: opts.mailIPv4, ttl, purpose: "address" });
    }
    records.push(
        { type: "MX", name: domain, value: host, priority: MX_PRIORITY, ttl, purpose: "mx" },
        { type: "TXT", name: domain, value: spf(outbound, "mx"), ttl, purpose: "spf" },
        // SPF of the HELO name: receivers check it for bounces (empty MAIL FROM).
        { type: "TXT", name: host, value: spf(outbound, "a"), ttl, purpose: "spf-helo" },
        {
            type: "TXT",
            name: `${opts.dkimSelector}._domainkey.${domain}`,
            value: `v=DKIM1; k=ed25519; p=${opts.dkimPublicKey}`,
            ttl,
            purpose: "dkim",
        },
        {
            type: "TXT",
            name: `_dmarc.${domain}`,
            value: `v=DMARC1; p=${opts.dmarcPolicy ?? "reject"}; rua=${dmarcRua}`,
            ttl,
            purpose: "dmarc",
        },
        { type: "TXT", name: `_smtp._tls.${domain}`, value: `v=TLSRPTv1; rua=${tlsRptRua}`, ttl, purpose: "tls-rpt" },
        { type: "SRV", name: `_submissions._tcp.${domain}`, value: `0 1 ${SUBMISSIONS_PORT} ${host}`, ttl, purpose: "srv-submissions" },
        { type: "SRV", name: `_imaps._tcp.${domain}`, value: `0 1 ${IMAPS_PORT} ${host}`, ttl, purpose: "srv-imaps" },
    );
    for (const r of records) {
        assertRecordName(r.name, `${r.purpose} record name`);
        // Stryker disable next-line ConditionalExpression: MX, SRV and A values are far below 255 octets, so checking them too changes nothing
        if (r.type === "TXT") assertTxtString(r.value, `${r.purpose} record ${r.name}`);
    }
    return records;
}

/**
 * A record that cannot be rendered as data yet: listed for the reader, never published. Parenthesised
 * text is a description, not a value.
 */
export interface PendingDnsRecord {
    kind: "A" | "PTR";
    name: string;
    value: string;
    note: string;
}

export function pendingDnsRecords(tenant: TenantSpec, records: readonly DnsRecord[]): PendingDnsRecord[] {
    const names = stalwartNames(tenant.slug);
    const host = mailHostname(tenant.domain.primary);
    const pending: PendingDnsRecord[] = [];
    if (!records.some((r) => r.type === "A" && r.name === host)) {
        pending.push({
            kind: "A",
            name: host,
            value: `(address of Service ${names.namespace}/${names.smtpService})`,
            note: "status.loadBalancer.ingress[0].ip, once the LoadBalancer has one",
        });
    }
    pending.push({
        kind: "PTR",
        name: `(reverse name of the ${host} address)`,
        value: host,
        note: "set at the address's provider; receivers reject mail without forward-confirmed reverse DNS",
    });
    return pending;
}

const YAML_OPTIONS = { sortKeys: true, lineWidth: -1, noRefs: true } as const;

/** One records.yaml entry: OpenOva's shape (`kind`, not `type`), which unified-rbac reads. */
function recordEntry(r: DnsRecord): Record<string, string | number> {
    const entry: Record<string, string | number> = { kind: r.type, name: r.name, value: r.value, ttl: r.ttl, purpose: r.purpose };
    if (r.priority !== undefined) entry.priority = r.priority;
    return entry;
}

export interface DnsRecordsConfigMapManifest {
    apiVersion: "v1";
    kind: "ConfigMap";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    data: Record<string, string>;
}

export function dnsRecordsConfigMap(tenant: TenantSpec, records: readonly DnsRecord[]): DnsRecordsConfigMapManifest {
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
            name: names.dnsRecordsConfigMap,
            namespace: names.namespace,
            labels: { ...tenantMailLabels(tenant.slug), [LABEL_ROLE]: ROLE_DNS_RECORDS_REQUIRED },
        },
        data: {
            domain: tenant.domain.primary,
            mode: tenant.domain.mode,
            "records.yaml": yaml.dump(records.map(recordEntry), YAML_OPTIONS),
            "pending-records.yaml": yaml.dump(pendingDnsRecords(tenant, records), YAML_OPTIONS),
        },
    };
}

export interface DnsEndpointSpecEntry {
    dnsName: string;
    recordType: DnsRecordType;
    targets: string[];
    recordTTL: number;
}

export interface DnsEndpointManifest {
    apiVersion: "externaldns.k8s.io/v1alpha1";
    kind: "DNSEndpoint";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: { endpoints: DnsEndpointSpecEntry[] };
}

/** external-dns target text: MX carries its preference; TXT is the plain string (no quotes). */
function target(r: DnsRecord): string {
    return r.type === "MX" ? `${r.priority ?? MX_PRIORITY} ${r.value}` : r.value;
}

/**
 * Free-subdomain mode only: the tenant domain lives in the Sovereign's zone, which external-dns (CRD
 * source, PowerDNS provider) manages. external-dns must list MX, SRV and TXT in
 * `--managed-record-types` (the default is A, AAAA, CNAME) and its provider must support them.
 * Records with the same name and type become one endpoint (external-dns keys endpoints on both).
 */
export function dnsEndpoint(tenant: TenantSpec, records: readonly DnsRecord[]): DnsEndpointManifest {
    if (tenant.domain.mode !== "free-subdomain") {
        throw new Error(`tenant ${tenant.slug}: a DNSEndpoint is only for free-subdomain mode (BYO records are published by the tenant)`);
    }
    const zone = tenant.domain.zone;
    if (zone === undefined || zone === "") throw new Error(`tenant ${tenant.slug}: free-subdomain mode needs the Sovereign zone`);
    const endpoints: DnsEndpointSpecEntry[] = [];
    for (const r of records) {
        if (r.name !== zone && !r.name.endsWith(`.${zone}`)) {
            throw new Error(`tenant ${tenant.slug}: record ${r.name} is outside the zone ${zone}`);
        }
        const same = endpoints.find((e) => e.dnsName === r.name && e.recordType === r.type);
        if (same === undefined) {
            endpoints.push({ dnsName: r.name, recordType: r.type, targets: [target(r)], recordTTL: r.ttl });
        } else if (same.recordTTL !== r.ttl) {
            throw new Error(`tenant ${tenant.slug}: ${r.type} ${r.name} has records with different TTLs`);
        } else {
            same.targets.push(target(r));
        }
    }
    const names = stalwartNames(tenant.slug);
    return {
        apiVersion: "externaldns.k8s.io/v1alpha1",
        kind: "DNSEndpoint",
        metadata: { name: names.dnsEndpoint, namespace: names.namespace, labels: tenantMailLabels(tenant.slug) },
        spec: { endpoints },
    };
}
