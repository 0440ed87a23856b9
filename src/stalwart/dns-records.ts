// The DNS records a tenant's mail domain needs, as data, plus the two ways they leave the cluster:
// a ConfigMap the unified-rbac UI shows (BYO mode: the tenant pastes them into their provider, in the
// listed order) and an external-dns DNSEndpoint (free-subdomain mode: published into the Sovereign's
// PowerDNS zone).
//
// The A record of `mail.<domain>` is the SMTP LoadBalancer's IP, known only after the Service exists.
// `requiredDnsRecords` includes it only when `mailIPv4` is passed; otherwise the ConfigMap lists it under
// `pending-records.yaml` with where the value comes from, instead of a placeholder value a consumer
// could publish by mistake (OpenOva's literal `<DKIM-PUBLIC-KEY>`). The PTR for that IP is the hosting
// provider's, so it is only ever a note.
//
// Order (BYO tenants publish top to bottom): the ACME delegation CNAMEs first, because the certificate
// (and so the real TLS of SMTP, IMAP and the web host) waits for them; then the mail records; the web
// host last.
//
// Not rendered: MTA-STS (needs a policy served on mta-sts.<domain> with its own certificate),
// autoconfig/autodiscover CNAMEs, and the plaintext `_submission`/`_imap` SRV records (RFC 8314 prefers
// implicit TLS).

import * as yaml from "js-yaml";
import { isIP, isIPv4 } from "node:net";
import type { TenantSpec } from "../model/tenant-spec";
import { assertDnsLabel, assertHostname, assertIpOrCidr, assertMailbox, assertRecordName, assertTxtString } from "./dns-names";
import { ED25519_DKIM_KEY_LENGTH, txtPresentation, txtStrings } from "./dkim";
import { LABEL_ROLE, ROLE_DNS_RECORDS_REQUIRED, tenantMailLabels } from "../model/labels";
import { IMAPS_PORT, SUBMISSIONS_PORT, mailHostname } from "../model/stalwart-layout";
import { stalwartNames } from "../model/stalwart-names";

export type DnsRecordType = "A" | "CNAME" | "MX" | "TXT" | "SRV";
export type DnsRecordPurpose =
    | "acme-delegation"
    | "address"
    | "mx"
    | "spf"
    | "spf-helo"
    | "dkim-rsa"
    | "dkim-ed25519"
    | "dmarc"
    | "tls-rpt"
    | "srv-submissions"
    | "srv-imaps"
    | "web";

export interface DnsRecord {
    type: DnsRecordType;
    /** Owner name, no trailing dot. */
    name: string;
    /**
     * RDATA in presentation form, no trailing dot; for MX the exchange only (its preference is
     * `priority`, the shape of OpenOva's records.yaml); for SRV "priority weight port target"; for TXT
     * the whole text, unquoted (its character-strings are `strings`).
     */
    value: string;
    /** TXT only: the character-strings of at most 255 octets the record really carries, in order. */
    strings?: string[];
    priority?: number;
    ttl: number;
    purpose: DnsRecordPurpose;
}

export type DmarcPolicy = "reject" | "quarantine" | "none";

export interface DkimRecordKey {
    selector: string;
    /** The `p=` value (`ed25519DkimPublicKey` / `rsaDkimPublicKey`). */
    publicKey: string;
}

/** Where the tenant's mail really leaves from, for SPF. */
export interface SpfSources {
    /** Egress addresses or CIDRs (`ip4:` / `ip6:`). */
    addresses: readonly string[];
    /** A Sovereign SPF record that lists the egress addresses (`include:`). */
    include?: string;
}

export interface DnsRecordOptions {
    dkim: { rsa: DkimRecordKey; ed25519: DkimRecordKey };
    /** DMARC aggregate-report mailbox, `dmarc@…` or `mailto:dmarc@…`. */
    dmarcRua: string;
    dmarcPolicy?: DmarcPolicy;
    /**
     * TLS-RPT report mailbox. Defaults to postmaster@<domain>: that address exists (the bootstrap admin
     * principal carries it), and RFC 8460 reports are a different stream from DMARC's.
     */
    tlsRptRua?: string;
    /** The SMTP LoadBalancer's IPv4, when known: adds the A record of mail.<domain>. */
    mailIPv4?: string;
    /**
     * Where outbound SMTP leaves from. `mx` alone only authorises the inbound LoadBalancer address,
     * which is not the source of outbound SMTP unless egress is pinned to it.
     */
    spf?: SpfSources;
    /** The web host and the name it is a CNAME of (a host of the console Gateway). */
    web?: { host: string; target: string };
    /**
     * BYO: `_acme-challenge.<host>` CNAMEs into a name the Sovereign's PowerDNS serves, so cert-manager
     * (DNS-01, cnameStrategy Follow) can prove control of hosts in a zone it cannot write.
     */
    acmeDelegation?: { hosts: readonly string[]; domain: string };
    ttl?: number;
}

export const DEFAULT_DNS_TTL = 3600;
export const MX_PRIORITY = 10;

function mailto(address: string, what: string): string {
    const bare = address.startsWith("mailto:") ? address.slice("mailto:".length) : address;
    assertMailbox(bare, what);
    return `mailto:${bare}`;
}

function spf(sources: SpfSources, base: "mx" | "a"): string {
    const extra = sources.addresses.map((a) => (isIP(a.split("/")[0]!) === 6 ? `ip6:${a}` : `ip4:${a}`));
    const include = sources.include === undefined ? [] : [`include:${sources.include}`];
    return ["v=spf1", base, ...extra, ...include, "-all"].join(" ");
}

/** The name cert-manager writes the DNS-01 TXT at for `host`: `<host>.<delegation domain>`. */
export function acmeDelegationTarget(host: string, delegationDomain: string): string {
    return `${host}.${delegationDomain}`;
}

function txt(name: string, value: string, ttl: number, purpose: DnsRecordPurpose): DnsRecord {
    return { type: "TXT", name, value, strings: txtStrings(value), ttl, purpose };
}

export function requiredDnsRecords(domain: string, opts: DnsRecordOptions): DnsRecord[] {
    assertHostname(domain, "mail domain");
    const host = mailHostname(domain);
    assertHostname(host, "mail host name");
    const { rsa, ed25519 } = opts.dkim;
    assertDnsLabel(rsa.selector, "RSA DKIM selector");
    assertDnsLabel(ed25519.selector, "Ed25519 DKIM selector");
    if (rsa.selector === ed25519.selector) throw new Error(`the RSA and Ed25519 DKIM selectors must differ (both are "${rsa.selector}")`);
    if (ed25519.publicKey.length !== ED25519_DKIM_KEY_LENGTH || !/^[A-Za-z0-9+/]{43}=$/.test(ed25519.publicKey)) {
        throw new Error(`Ed25519 DKIM public key must be the ${ED25519_DKIM_KEY_LENGTH}-character base64 of a raw Ed25519 key`);
    }
    if (!/^MII[A-Za-z0-9+/]+=*$/.test(rsa.publicKey)) {
        throw new Error("RSA DKIM public key must be the base64 of a DER SubjectPublicKeyInfo (MII…)");
    }
    const sources: SpfSources = opts.spf ?? { addresses: [] };
    sources.addresses.forEach((a) => assertIpOrCidr(a, "SPF egress address"));
    // An SPF include names a TXT record, which may have underscore labels (`_spf.example.com`).
    if (sources.include !== undefined) assertRecordName(sources.include, "SPF include domain");
    const ttl = opts.ttl ?? DEFAULT_DNS_TTL;
    if (!Number.isInteger(ttl) || ttl < 60) throw new Error(`DNS TTL must be an integer of at least 60 seconds, got ${ttl}`);
    const dmarcRua = mailto(opts.dmarcRua, "DMARC rua");
    const tlsRptRua = mailto(opts.tlsRptRua ?? `postmaster@${domain}`, "TLS-RPT rua");

    const records: DnsRecord[] = [];
    if (opts.acmeDelegation !== undefined) {
        assertHostname(opts.acmeDelegation.domain, "ACME delegation domain");
        for (const h of opts.acmeDelegation.hosts) {
            const target = acmeDelegationTarget(h, opts.acmeDelegation.domain);
            assertHostname(target, "ACME delegation target");
            records.push({ type: "CNAME", name: `_acme-challenge.${h}`, value: target, ttl, purpose: "acme-delegation" });
        }
    }
    if (opts.mailIPv4 !== undefined) {
        if (!isIPv4(opts.mailIPv4)) throw new Error(`mail host address "${opts.mailIPv4}" is not an IPv4 address`);
        records.push({ type: "A", name: host, value: opts.mailIPv4, ttl, purpose: "address" });
    }
    records.push(
        { type: "MX", name: domain, value: host, priority: MX_PRIORITY, ttl, purpose: "mx" },
        txt(domain, spf(sources, "mx"), ttl, "spf"),
        // SPF of the HELO name: receivers check it for bounces (empty MAIL FROM).
        txt(host, spf(sources, "a"), ttl, "spf-helo"),
        txt(`${rsa.selector}._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${rsa.publicKey}`, ttl, "dkim-rsa"),
        txt(`${ed25519.selector}._domainkey.${domain}`, `v=DKIM1; k=ed25519; p=${ed25519.publicKey}`, ttl, "dkim-ed25519"),
        txt(`_dmarc.${domain}`, `v=DMARC1; p=${opts.dmarcPolicy ?? "reject"}; rua=${dmarcRua}`, ttl, "dmarc"),
        txt(`_smtp._tls.${domain}`, `v=TLSRPTv1; rua=${tlsRptRua}`, ttl, "tls-rpt"),
        { type: "SRV", name: `_submissions._tcp.${domain}`, value: `0 1 ${SUBMISSIONS_PORT} ${host}`, ttl, purpose: "srv-submissions" },
        { type: "SRV", name: `_imaps._tcp.${domain}`, value: `0 1 ${IMAPS_PORT} ${host}`, ttl, purpose: "srv-imaps" },
    );
    if (opts.web !== undefined) {
        assertHostname(opts.web.host, "web host");
        assertHostname(opts.web.target, "web host target");
        if (opts.web.host === host) throw new Error(`web host ${opts.web.host} must differ from the MX host ${host}`);
        records.push({ type: "CNAME", name: opts.web.host, value: opts.web.target, ttl, purpose: "web" });
    }
    for (const r of records) {
        assertRecordName(r.name, `${r.purpose} record name`);
        for (const s of r.strings ?? []) assertTxtString(s, `${r.purpose} record ${r.name}`);
    }
    // The mail records must not need more than one string except DKIM RSA (a single-string SPF/DMARC
    // value over 255 octets means a too-long input, not a record to split).
    for (const r of records.filter((x) => x.type === "TXT" && x.purpose !== "dkim-rsa")) {
        if (r.strings!.length > 1) throw new Error(`${r.purpose} record ${r.name}: TXT string is ${r.value.length} octets, more than 255`);
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
function recordEntry(r: DnsRecord): Record<string, string | number | string[]> {
    const entry: Record<string, string | number | string[]> = { kind: r.type, name: r.name, value: r.value, ttl: r.ttl, purpose: r.purpose };
    if (r.priority !== undefined) entry.priority = r.priority;
    // A record of several strings must be entered as several strings (most providers' UIs split a
    // pasted quoted list); the presentation form is what zone files and PowerDNS take.
    if (r.strings !== undefined && r.strings.length > 1) {
        entry.strings = r.strings;
        entry.presentation = txtPresentation(r.strings);
    }
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

/**
 * external-dns target text: MX carries its preference; a one-string TXT is the plain string (external-dns
 * quotes it); a TXT of several strings (RSA DKIM) is given in presentation form, `"…" "…"`, which the
 * PowerDNS API stores as several character-strings.
 */
function target(r: DnsRecord): string {
    if (r.type === "MX") return `${r.priority ?? MX_PRIORITY} ${r.value}`;
    if (r.type === "TXT" && r.strings !== undefined && r.strings.length > 1) return txtPresentation(r.strings);
    return r.value;
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
