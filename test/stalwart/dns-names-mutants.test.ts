// The DNS name checks the Stalwart builders rely on, tested directly (found by `npm run test:mutation`:
// through the DNS records alone their edges were never reached).
import * as assert from "node:assert/strict";
import { assertRecordName, assertTxtString } from "../../src/stalwart/dns-names";

describe("stalwart DNS names: record owner names", () => {
    it("accepts underscore labels, single characters, and exactly 253 characters", () => {
        const max = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
        assert.equal(max.length, 253);
        for (const name of ["_dmarc.acme.example", "a.b", "_x-.example", "ed25519._domainkey.a1.example", max]) {
            assert.doesNotThrow(() => assertRecordName(name, "record name"), name);
        }
    });

    it("rejects an empty name and one of 254 characters", () => {
        assert.throws(() => assertRecordName("", "dkim record name"), { message: 'dkim record name "" must be 1-253 characters (it is 0)' });
        const over = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`;
        assert.throws(() => assertRecordName(over, "x"), { message: `x "${over}" must be 1-253 characters (it is 254)` });
    });

    it("rejects an empty label and one of 64 characters", () => {
        assert.throws(() => assertRecordName("a..example", "x"), { message: 'x "a..example": label "" must be 1-63 characters' });
        const long = "l".repeat(64);
        assert.throws(() => assertRecordName(`${long}.example`, "x"), { message: `x "${long}.example": label "${long}" must be 1-63 characters` });
    });

    it("rejects labels with upper case, a leading character outside the pattern, or a trailing hyphen", () => {
        for (const label of ["Xa", "a-", "-a", "a_b"]) {
            assert.throws(() => assertRecordName(`${label}.example`, "x"), { message: `x "${label}.example": label "${label}" is not lower-case letters, digits and inner hyphens` }, label);
        }
    });
});

describe("stalwart DNS names: TXT strings", () => {
    it("takes 255 octets and refuses 256, counting UTF-8 bytes", () => {
        assert.doesNotThrow(() => assertTxtString("t".repeat(255), "spf record"));
        assert.throws(() => assertTxtString("t".repeat(256), "spf record"), { message: "spf record: TXT string is 256 octets, more than 255" });
        assert.throws(() => assertTxtString("é".repeat(128), "spf record"), { message: "spf record: TXT string is 256 octets, more than 255" });
    });
});
