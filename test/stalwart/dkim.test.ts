import * as assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { ED25519_DKIM_KEY_LENGTH, ed25519DkimPublicKey, rsaDkimPublicKey, txtPresentation, txtStrings } from "../../src/stalwart/dkim";

// RFC 8032 §7.1 TEST 1 key pair, which RFC 8463 Appendix A reuses for its example DKIM record
// (`brisbane._domainkey.football.example.com`, `p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=`).
// The PEM is SPKI: the 12-byte prefix 302a300506032b6570032100 (SEQUENCE, AlgorithmIdentifier
// 1.3.101.112, BIT STRING of 33 bytes) then the 32 raw bytes d75a9801…511a; base64 of that DER is
// what @pulumi/tls publicKeyPem contains. `p=` must be the raw 32 bytes alone.
const RFC8032_TEST1_PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
const RFC8032_TEST1_RAW_HEX = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const RFC8463_P = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

describe("stalwart DKIM p= value", () => {
    it("gives the RFC 8463 example value for the RFC 8032 test key", () => {
        const p = ed25519DkimPublicKey(RFC8032_TEST1_PUBLIC_PEM);
        assert.equal(p, RFC8463_P);
        assert.equal(Buffer.from(p, "base64").toString("hex"), RFC8032_TEST1_RAW_HEX);
    });

    it("is the raw key, not the SPKI body the PEM carries", () => {
        const spkiBody = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        assert.notEqual(ed25519DkimPublicKey(RFC8032_TEST1_PUBLIC_PEM), spkiBody);
        assert.equal(spkiBody.length, 60);
    });

    it("matches the JWK x of a freshly generated key", () => {
        const { publicKey } = generateKeyPairSync("ed25519");
        const pem = publicKey.export({ format: "pem", type: "spki" }).toString();
        const p = ed25519DkimPublicKey(pem);
        assert.equal(p.length, ED25519_DKIM_KEY_LENGTH);
        assert.equal(p.length, 44);
        const x = publicKey.export({ format: "jwk" }).x!;
        assert.deepEqual(Buffer.from(p, "base64"), Buffer.from(x, "base64url"));
        assert.equal(Buffer.from(p, "base64").length, 32);
    });

    it("accepts CRLF line endings and surrounding whitespace", () => {
        assert.equal(ed25519DkimPublicKey(`\n${RFC8032_TEST1_PUBLIC_PEM.replace(/\n/g, "\r\n")}`), RFC8463_P);
    });

    it("rejects keys that are not Ed25519", () => {
        const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }).toString();
        assert.throws(() => ed25519DkimPublicKey(rsa), /must be Ed25519 \(k=ed25519\), got rsa/);
        const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "pem", type: "spki" }).toString();
        assert.throws(() => ed25519DkimPublicKey(ec), /must be Ed25519 \(k=ed25519\), got ec/);
        // X25519 also has a 32-byte JWK x; only the key type tells it apart.
        const x25519 = generateKeyPairSync("x25519").publicKey.export({ format: "pem", type: "spki" }).toString();
        assert.throws(() => ed25519DkimPublicKey(x25519), /must be Ed25519 \(k=ed25519\), got x25519/);
    });

    it("rejects private keys and garbage", () => {
        const priv = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
        assert.throws(() => ed25519DkimPublicKey(priv), /expected a public key PEM/);
        assert.throws(() => ed25519DkimPublicKey("not a pem"), /cannot parse the public key PEM of the Ed25519 key/);
        assert.throws(() => ed25519DkimPublicKey(""), /cannot parse the public key PEM/);
    });
});

describe("stalwart RSA DKIM p= value and TXT strings", () => {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = pair.publicKey.export({ format: "pem", type: "spki" }).toString();

    it("is the base64 DER SubjectPublicKeyInfo, the body of the PEM (RFC 6376 §3.6.1)", () => {
        const p = rsaDkimPublicKey(pem);
        assert.equal(p, pem.replace(/-----[A-Z ]+-----|\s/g, ""));
        assert.equal(p.length, 392);
        assert.match(p, /^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA/);
    });

    it("refuses keys that are not RSA-2048, and private keys", () => {
        const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "pem", type: "spki" }).toString();
        assert.throws(() => rsaDkimPublicKey(small), /must be 2048 bits, got 1024/);
        assert.throws(() => rsaDkimPublicKey(RFC8032_TEST1_PUBLIC_PEM), /must be RSA \(k=rsa\), got ed25519/);
        const priv = pair.privateKey.export({ format: "pem", type: "pkcs1" }).toString();
        assert.throws(() => rsaDkimPublicKey(priv), /expected a public key PEM/);
    });

    it("splits TXT values into strings of at most 255 octets that concatenate back", () => {
        const value = `v=DKIM1; k=rsa; p=${rsaDkimPublicKey(pem)}`;
        const strings = txtStrings(value);
        assert.deepEqual(strings.map((x) => x.length), [255, 155]);
        assert.equal(strings.join(""), value);
        assert.deepEqual(txtStrings("a".repeat(510)).map((x) => x.length), [255, 255]);
        assert.deepEqual(txtStrings("short"), ["short"]);
        assert.deepEqual(txtStrings(""), [""]);
        assert.throws(() => txtStrings("caf\u00e9"), /printable ASCII/);
        assert.equal(txtPresentation(["a\"b", "c\\d"]), '"a\\"b" "c\\\\d"');
    });
});
