import * as assert from "node:assert/strict";
import * as yaml from "js-yaml";
import { fakeRsaKey } from "../../src/tools/render/fake-rsa-key";
import { rsaDkimPublicKey } from "../../src/stalwart/dkim";
import { DnsRecord, DnsRecordOptions, dnsEndpoint, dnsRecordsConfigMap, pendingDnsRecords, requiredDnsRecords } from "../../src/stalwart/dns-records";
import { acmeTenant } from "./fixtures";

const D = "acme.omantel.omani.works";
const H = `mail.${D}`;
const P = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const R = rsaDkimPublicKey(fakeRsaKey("dns-records-test").publicKeyPem);
const RSA_TEXT = `v=DKIM1; k=rsa; p=${R}`;
const OPTS: DnsRecordOptions = { dkim: { rsa: { selector: "rsa", publicKey: R }, ed25519: { selector: "ed25519", publicKey: P } }, dmarcRua: `dmarc@${D}` };
const txt = (name: string, value: string, purpose: DnsRecord["purpose"]): DnsRecord => ({ type: "TXT", name, value, strings: [value], ttl: 3600, purpose });

const EXPECTED: DnsRecord[] = [
    { type: "MX", name: D, value: H, priority: 10, ttl: 3600, purpose: "mx" },
    txt(D, "v=spf1 mx -all", "spf"),
    txt(H, "v=spf1 a -all", "spf-helo"),
    { type: "TXT", name: `rsa._domainkey.${D}`, value: RSA_TEXT, strings: [RSA_TEXT.slice(0, 255), RSA_TEXT.slice(255)], ttl: 3600, purpose: "dkim-rsa" },
    txt(`ed25519._domainkey.${D}`, `v=DKIM1; k=ed25519; p=${P}`, "dkim-ed25519"),
    txt(`_dmarc.${D}`, `v=DMARC1; p=reject; rua=mailto:dmarc@${D}`, "dmarc"),
    txt(`_smtp._tls.${D}`, `v=TLSRPTv1; rua=mailto:postmaster@${D}`, "tls-rpt"),
    { type: "SRV", name: `_submissions._tcp.${D}`, value: `0 1 465 ${H}`, ttl: 3600, purpose: "srv-submissions" },
    { type: "SRV", name: `_imaps._tcp.${D}`, value: `0 1 993 ${H}`, ttl: 3600, purpose: "srv-imaps" },
];

describe("stalwart DNS records", () => {
    it("lists exactly the required records", () => {
        assert.deepEqual(requiredDnsRecords(D, OPTS), EXPECTED);
    });

    it("splits the 2048-bit RSA record into strings of at most 255 octets", () => {
        assert.equal(R.length, 392);
        assert.equal(RSA_TEXT.length, 410);
        const rsa = requiredDnsRecords(D, OPTS).find((r) => r.purpose === "dkim-rsa")!;
        assert.deepEqual(rsa.strings!.map((x) => x.length), [255, 155]);
        assert.equal(rsa.strings!.join(""), rsa.value);
    });

    it("adds the web host CNAME and, for BYO, the ACME delegation CNAMEs first", () => {
        const records = requiredDnsRecords("acme.com", {
            ...OPTS,
            dmarcRua: "dmarc@acme.com",
            web: { host: "webmail.acme.com", target: "console.omantel.omani.works" },
            acmeDelegation: { hosts: ["mail.acme.com", "webmail.acme.com"], domain: "acme-delegation.omantel.omani.works" },
        });
        assert.deepEqual(records.slice(0, 2), [
            { type: "CNAME", name: "_acme-challenge.mail.acme.com", value: "mail.acme.com.acme-delegation.omantel.omani.works", ttl: 3600, purpose: "acme-delegation" },
            { type: "CNAME", name: "_acme-challenge.webmail.acme.com", value: "webmail.acme.com.acme-delegation.omantel.omani.works", ttl: 3600, purpose: "acme-delegation" },
        ]);
        assert.deepEqual(records[records.length - 1], { type: "CNAME", name: "webmail.acme.com", value: "console.omantel.omani.works", ttl: 3600, purpose: "web" });
        assert.throws(() => requiredDnsRecords("acme.com", { ...OPTS, dmarcRua: "dmarc@acme.com", web: { host: "mail.acme.com", target: "console.x.example" } }), /must differ from the MX host/);
    });

    it("publishes the egress addresses and a Sovereign SPF include", () => {
        const records = requiredDnsRecords(D, { ...OPTS, spf: { addresses: ["203.0.113.25"], include: "_spf.omantel.omani.works" } });
        assert.equal(records.find((r) => r.purpose === "spf")!.value, "v=spf1 mx ip4:203.0.113.25 include:_spf.omantel.omani.works -all");
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, spf: { addresses: [], include: "Not A Domain" } }), /SPF include domain/);
    });

    it("adds the A record when the LB address is known, and outbound addresses to both SPF records", () => {
        const records = requiredDnsRecords(D, {
            ...OPTS,
            mailIPv4: "203.0.113.25",
            spf: { addresses: ["198.51.100.7", "2001:db8::/64"] },
            dmarcPolicy: "quarantine",
            dmarcRua: `mailto:reports@${D}`,
            tlsRptRua: `tls@${D}`,
            ttl: 300,
        });
        assert.deepEqual(records[0], { type: "A", name: H, value: "203.0.113.25", ttl: 300, purpose: "address" });
        assert.equal(records.find((r) => r.purpose === "spf")!.value, "v=spf1 mx ip4:198.51.100.7 ip6:2001:db8::/64 -all");
        assert.equal(records.find((r) => r.purpose === "spf-helo")!.value, "v=spf1 a ip4:198.51.100.7 ip6:2001:db8::/64 -all");
        assert.equal(records.find((r) => r.purpose === "dmarc")!.value, `v=DMARC1; p=quarantine; rua=mailto:reports@${D}`);
        assert.equal(records.find((r) => r.purpose === "tls-rpt")!.value, `v=TLSRPTv1; rua=mailto:tls@${D}`);
        assert.ok(records.every((r) => r.ttl === 300));
    });

    it("rejects names and strings DNS cannot hold", () => {
        // 253 is the limit of a name in text form: 4 labels of 61 + dots = 247; the DKIM name then overflows.
        const long = ["a", "b", "c", "d"].map((c) => c.repeat(61)).join(".");
        assert.equal(long.length, 247);
        assert.throws(() => requiredDnsRecords(long, OPTS), /mail host name|record name/);
        assert.throws(() => requiredDnsRecords(`${"x".repeat(64)}.example`, OPTS), /has a label "x{20}\.\.\." of 64 characters; a label has at most 63/);
        const nearLimit = ["a", "b", "c"].map((c) => c.repeat(63)).join(".") + ".example"; // 199 chars
        assert.throws(() => requiredDnsRecords(nearLimit, { ...OPTS, dkim: { ...OPTS.dkim, ed25519: { selector: "s".repeat(50), publicKey: P } } }), /dkim-ed25519 record name .* must be 1-253/);
        const longRua = `${"r".repeat(60)}@${"m".repeat(63)}.${"n".repeat(63)}.${"o".repeat(63)}.example`; // 260 chars
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dmarcRua: longRua, tlsRptRua: longRua }), /TXT string is \d+ octets, more than 255/);
    });

    it("rejects bad inputs", () => {
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dkim: { ...OPTS.dkim, ed25519: { selector: "ed25519", publicKey: "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" } } }), /44-character base64/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dkim: { ...OPTS.dkim, ed25519: { selector: "_bad", publicKey: P } } }), /DKIM selector/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dkim: { ...OPTS.dkim, rsa: { selector: "rsa", publicKey: P } } }), /SubjectPublicKeyInfo/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dkim: { ...OPTS.dkim, rsa: { selector: "ed25519", publicKey: R } } }), /selectors must differ/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dmarcRua: "dmarc" }), /DMARC rua "dmarc" is not an email address/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dmarcRua: "a;b@x.example" }), /not an email address/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, mailIPv4: "2001:db8::1" }), /not an IPv4 address/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, spf: { addresses: ["node-ips"] } }), /SPF egress address/);
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, ttl: 10 }), /at least 60/);
        assert.throws(() => requiredDnsRecords("localhost", OPTS), /at least two labels/);
    });

    it("renders the dns-records-required ConfigMap with a deterministic records.yaml", () => {
        const tenant = acmeTenant();
        const cm = dnsRecordsConfigMap(tenant, EXPECTED);
        assert.equal(cm.apiVersion, "v1");
        assert.equal(cm.kind, "ConfigMap");
        assert.deepEqual(cm.metadata, {
            name: "acme-dns-records-required",
            namespace: "tenant-acme",
            labels: {
                "app.kubernetes.io/managed-by": "sovereign-stacks",
                "app.kubernetes.io/name": "stalwart",
                "app.kubernetes.io/instance": "stalwart-acme",
                "app.kubernetes.io/part-of": "stalwart-tenant",
                "catalyst.openova.io/tenant": "acme",
                "catalyst.openova.io/role": "dns-records-required",
            },
        });
        assert.deepEqual(Object.keys(cm.data), ["domain", "mode", "records.yaml", "pending-records.yaml"]);
        assert.equal(cm.data.domain, D);
        assert.equal(cm.data.mode, "free-subdomain");
        assert.equal(
            cm.data["records.yaml"].split("\n").slice(0, 12).join("\n"),
            [
                "- kind: MX",
                `  name: ${D}`,
                "  priority: 10",
                "  purpose: mx",
                "  ttl: 3600",
                `  value: ${H}`,
                "- kind: TXT",
                `  name: ${D}`,
                "  purpose: spf",
                "  ttl: 3600",
                "  value: v=spf1 mx -all",
                "- kind: TXT",
            ].join("\n"),
        );
        assert.deepEqual(
            yaml.load(cm.data["records.yaml"]),
            EXPECTED.map(({ type, strings, ...rest }) =>
                strings !== undefined && strings.length > 1
                    ? { kind: type, ...rest, strings, presentation: strings.map((x) => `"${x}"`).join(" ") }
                    : { kind: type, ...rest },
            ),
        );
        assert.deepEqual(yaml.load(cm.data["pending-records.yaml"]), pendingDnsRecords(tenant, EXPECTED));
        assert.equal(dnsRecordsConfigMap(tenant, EXPECTED).data["records.yaml"], cm.data["records.yaml"]);
    });

    it("lists the A record as pending until its address is known, and always the PTR", () => {
        const tenant = acmeTenant();
        assert.deepEqual(pendingDnsRecords(tenant, EXPECTED), [
            {
                kind: "A",
                name: H,
                value: "(address of Service tenant-acme/stalwart-acme-smtp)",
                note: "status.loadBalancer.ingress[0].ip, once the LoadBalancer has one",
            },
            {
                kind: "PTR",
                name: `(reverse name of the ${H} address)`,
                value: H,
                note: "set at the address's provider; receivers reject mail without forward-confirmed reverse DNS",
            },
        ]);
        const withA = requiredDnsRecords(D, { ...OPTS, mailIPv4: "203.0.113.25" });
        assert.deepEqual(pendingDnsRecords(tenant, withA).map((p) => p.kind), ["PTR"]);
    });

    it("builds the DNSEndpoint for free-subdomain mode", () => {
        const ep = dnsEndpoint(acmeTenant(), requiredDnsRecords(D, { ...OPTS, mailIPv4: "203.0.113.25" }));
        assert.equal(ep.apiVersion, "externaldns.k8s.io/v1alpha1");
        assert.equal(ep.kind, "DNSEndpoint");
        assert.equal(ep.metadata.name, "stalwart-acme-dns");
        assert.equal(ep.metadata.namespace, "tenant-acme");
        assert.deepEqual(ep.spec.endpoints, [
            { dnsName: H, recordType: "A", targets: ["203.0.113.25"], recordTTL: 3600 },
            { dnsName: D, recordType: "MX", targets: [`10 ${H}`], recordTTL: 3600 },
            { dnsName: D, recordType: "TXT", targets: ["v=spf1 mx -all"], recordTTL: 3600 },
            { dnsName: H, recordType: "TXT", targets: ["v=spf1 a -all"], recordTTL: 3600 },
            { dnsName: `rsa._domainkey.${D}`, recordType: "TXT", targets: [`"${RSA_TEXT.slice(0, 255)}" "${RSA_TEXT.slice(255)}"`], recordTTL: 3600 },
            { dnsName: `ed25519._domainkey.${D}`, recordType: "TXT", targets: [`v=DKIM1; k=ed25519; p=${P}`], recordTTL: 3600 },
            { dnsName: `_dmarc.${D}`, recordType: "TXT", targets: [`v=DMARC1; p=reject; rua=mailto:dmarc@${D}`], recordTTL: 3600 },
            { dnsName: `_smtp._tls.${D}`, recordType: "TXT", targets: [`v=TLSRPTv1; rua=mailto:postmaster@${D}`], recordTTL: 3600 },
            { dnsName: `_submissions._tcp.${D}`, recordType: "SRV", targets: [`0 1 465 ${H}`], recordTTL: 3600 },
            { dnsName: `_imaps._tcp.${D}`, recordType: "SRV", targets: [`0 1 993 ${H}`], recordTTL: 3600 },
        ]);
    });

    it("merges records with the same name and type into one endpoint", () => {
        const extra: DnsRecord = { type: "MX", name: D, value: `backup.${D}`, priority: 20, ttl: 3600, purpose: "mx" };
        const ep = dnsEndpoint(acmeTenant(), [...EXPECTED, extra]);
        assert.deepEqual(ep.spec.endpoints[0], { dnsName: D, recordType: "MX", targets: [`10 ${H}`, `20 backup.${D}`], recordTTL: 3600 });
        assert.throws(() => dnsEndpoint(acmeTenant(), [...EXPECTED, { ...extra, ttl: 60 }]), /different TTLs/);
    });

    it("refuses BYO tenants and records outside the Sovereign zone", () => {
        const byo = acmeTenant({ domain: { primary: "acme.com", mode: "byo" } });
        assert.throws(() => dnsEndpoint(byo, requiredDnsRecords("acme.com", OPTS)), /only for free-subdomain mode/);
        const noZone = acmeTenant({ domain: { primary: D, mode: "free-subdomain" } });
        assert.throws(() => dnsEndpoint(noZone, EXPECTED), /needs the Sovereign zone/);
        const other = acmeTenant({ domain: { primary: D, mode: "free-subdomain", zone: "other.example" } });
        assert.throws(() => dnsEndpoint(other, EXPECTED), /outside the zone other.example/);
    });
});
