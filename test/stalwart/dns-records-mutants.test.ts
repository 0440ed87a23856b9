// DNS-record behaviour the first specs left open (found by `npm run test:mutation`): records at the
// zone apex in free-subdomain mode, a TTL of exactly 60, a missing mail-host A record next to another A
// record, and the exact error of every input check.
import * as assert from "node:assert/strict";
import * as yaml from "js-yaml";
import { DnsRecord, dnsEndpoint, dnsRecordsConfigMap, pendingDnsRecords, requiredDnsRecords } from "../../src/stalwart/dns-records";
import { rsaDkimPublicKey } from "../../src/stalwart/dkim";
import { fakeRsaKey } from "../../src/tools/render/fake-rsa-key";
import { acmeTenant } from "./fixtures";

const D = "acme.omantel.omani.works";
const H = `mail.${D}`;
const KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const RSA = rsaDkimPublicKey(fakeRsaKey("dns-records-mutants").publicKeyPem);
const OPTS = { dkim: { rsa: { selector: "rsa", publicKey: RSA }, ed25519: { selector: "ed25519", publicKey: KEY } }, dmarcRua: `dmarc@${D}` };
const withEd25519 = (publicKey: string) => ({ ...OPTS, dkim: { ...OPTS.dkim, ed25519: { selector: "ed25519", publicKey } } });

describe("stalwart DNS records: edges", () => {
    it("a TTL of exactly 60 seconds is allowed, 59 and 60.5 are not", () => {
        assert.ok(requiredDnsRecords(D, { ...OPTS, ttl: 60 }).every((r) => r.ttl === 60));
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, ttl: 59 }), { message: "DNS TTL must be an integer of at least 60 seconds, got 59" });
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, ttl: 60.5 }), { message: "DNS TTL must be an integer of at least 60 seconds, got 60.5" });
    });

    it("the Ed25519 DKIM key must be 43 base64 characters and '='", () => {
        const message = "Ed25519 DKIM public key must be the 44-character base64 of a raw Ed25519 key";
        assert.throws(() => requiredDnsRecords(D, withEd25519(KEY.slice(1))), { message });
        assert.throws(() => requiredDnsRecords(D, withEd25519(`${KEY.slice(0, -1)}A`)), { message });
        assert.throws(() => requiredDnsRecords(D, withEd25519(`!${KEY.slice(1)}`)), { message });
    });

    it("names the mail domain, the mail host name and the TLS-RPT mailbox in their errors", () => {
        assert.throws(() => requiredDnsRecords("Acme.example", OPTS), { message: 'mail domain "Acme.example" has upper-case letters; DNS names here must be lowercase' });
        const domain = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`; // 253: mail.<domain> is 258
        assert.throws(() => requiredDnsRecords(domain, OPTS), { message: `mail host name "mail.${domain}" is 258 characters long; a DNS name has at most 253` });
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, tlsRptRua: "postmaster" }), /^Error: TLS-RPT rua "postmaster" is not an email address/);
    });

    it("names the record whose TXT string is too long", () => {
        const rua = `${"r".repeat(60)}@${"m".repeat(63)}.${"n".repeat(63)}.${"o".repeat(40)}.example`;
        assert.throws(() => requiredDnsRecords(D, { ...OPTS, dmarcRua: rua }), { message: `dmarc record _dmarc.${D}: TXT string is 268 octets, more than 255` });
    });

    it("a missing mail-host A record stays pending when another A record is present", () => {
        const other: DnsRecord = { type: "A", name: `www.${D}`, value: "203.0.113.9", ttl: 3600, purpose: "address" };
        const notA: DnsRecord = { type: "TXT", name: H, value: "v=spf1 a -all", ttl: 3600, purpose: "spf-helo" };
        assert.deepEqual(pendingDnsRecords(acmeTenant(), [other, notA]).map((p) => `${p.kind} ${p.name}`), [`A ${H}`, `PTR (reverse name of the ${H} address)`]);
    });

    it("records.yaml has no priority key for records without one", () => {
        const a: DnsRecord = { type: "A", name: H, value: "203.0.113.25", ttl: 3600, purpose: "address" };
        assert.equal(dnsRecordsConfigMap(acmeTenant(), [a]).data["records.yaml"], `- kind: A\n  name: ${H}\n  purpose: address\n  ttl: 3600\n  value: 203.0.113.25\n`);
        assert.deepEqual(yaml.load(dnsRecordsConfigMap(acmeTenant(), [a]).data["records.yaml"]), [{ kind: "A", name: H, purpose: "address", ttl: 3600, value: "203.0.113.25" }]);
    });

    it("a record at the zone apex belongs to the zone; a name that merely ends with it does not", () => {
        const zone = "omantel.omani.works";
        const apex: DnsRecord = { type: "TXT", name: zone, value: "v=spf1 mx -all", ttl: 3600, purpose: "spf" };
        assert.deepEqual(dnsEndpoint(acmeTenant(), [apex]).spec.endpoints, [{ dnsName: zone, recordType: "TXT", targets: ["v=spf1 mx -all"], recordTTL: 3600 }]);
        assert.throws(() => dnsEndpoint(acmeTenant(), [{ ...apex, name: `x${zone}` }]), { message: `tenant acme: record x${zone} is outside the zone ${zone}` });
    });

    it("free-subdomain mode without a zone, or with an empty one", () => {
        for (const zone of [undefined, ""]) {
            const tenant = acmeTenant({ domain: { primary: D, mode: "free-subdomain", ...(zone === undefined ? {} : { zone }) } });
            assert.throws(() => dnsEndpoint(tenant, []), { message: "tenant acme: free-subdomain mode needs the Sovereign zone" });
        }
    });
});
