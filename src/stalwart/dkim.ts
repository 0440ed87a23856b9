// DKIM `p=` values of the two keys a tenant signs with, and the TXT string splitting a 2048-bit RSA
// record needs.
//
// Ed25519 (RFC 8463 §4.2): the RAW 32-byte public key in base64, not the SubjectPublicKeyInfo DER that
// `@pulumi/tls` `PrivateKey.publicKeyPem` ("BEGIN PUBLIC KEY") wraps it in; the SPKI form
// (`MCowBQYDK2Vw…`, 60 characters) is what old Stalwart docs showed and verifiers reject. Node parses the
// PEM and its JWK export carries the raw key as base64url `x`.
//
// RSA (RFC 6376 §3.6.1, example in Appendix C): base64 of the DER SubjectPublicKeyInfo, which is exactly
// the body of @pulumi/tls `publicKeyPem`. Gmail, Microsoft 365 and Yahoo verify RSA; Ed25519 alone does
// not pass their DMARC checks, hence both.

import { createPublicKey, KeyObject } from "node:crypto";

export const ED25519_PUBLIC_KEY_BYTES = 32;
/** base64 of 32 bytes: 43 characters plus one `=`. */
export const ED25519_DKIM_KEY_LENGTH = 44;
export const RSA_DKIM_KEY_BITS = 2048;
/** One TXT character-string (RFC 1035 §3.3: a length octet, so at most 255 octets). */
export const MAX_TXT_STRING_OCTETS = 255;

function publicKeyOf(publicKeyPem: string, what: string): KeyObject {
    // Refuse private keys: the caller should hand over only public material (the Pulumi output of a
    // private key is secret, and deriving from it would carry that secret through the program).
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(publicKeyPem)) {
        throw new Error(`DKIM: expected a public key PEM (BEGIN PUBLIC KEY) for the ${what} key, got a private key`);
    }
    try {
        return createPublicKey(publicKeyPem);
    } catch (e) {
        throw new Error(`DKIM: cannot parse the public key PEM of the ${what} key: ${(e as Error).message}`);
    }
}

export function ed25519DkimPublicKey(publicKeyPem: string): string {
    const key = publicKeyOf(publicKeyPem, "Ed25519");
    if (key.asymmetricKeyType !== "ed25519") {
        throw new Error(`DKIM: the key must be Ed25519 (k=ed25519), got ${key.asymmetricKeyType ?? "an unknown key type"}`);
    }
    const x = key.export({ format: "jwk" }).x;
    // Stryker disable next-line ConditionalExpression,StringLiteral: the JWK of an Ed25519 public key always has x
    if (x === undefined) throw new Error("DKIM: the Ed25519 key has no public part");
    const raw = Buffer.from(x, "base64url");
    // Stryker disable next-line ConditionalExpression,BlockStatement: an Ed25519 x is always 32 bytes; kept as a guard against a changed Node export
    if (raw.length !== ED25519_PUBLIC_KEY_BYTES) {
        // Stryker disable next-line StringLiteral: unreachable, see above
        throw new Error(`DKIM: an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${raw.length}`);
    }
    return raw.toString("base64");
}

/** base64 of the SubjectPublicKeyInfo DER of an RSA-2048 public key. */
export function rsaDkimPublicKey(publicKeyPem: string): string {
    const key = publicKeyOf(publicKeyPem, "RSA");
    if (key.asymmetricKeyType !== "rsa") {
        throw new Error(`DKIM: the key must be RSA (k=rsa), got ${key.asymmetricKeyType ?? "an unknown key type"}`);
    }
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (bits !== RSA_DKIM_KEY_BITS) {
        throw new Error(`DKIM: the RSA key must be ${RSA_DKIM_KEY_BITS} bits, got ${bits ?? "an unknown size"}`);
    }
    return (key.export({ format: "der", type: "spki" }) as Buffer).toString("base64");
}

/**
 * A TXT value as the character-strings a record carries: consecutive pieces of at most 255 octets,
 * which verifiers concatenate without separators (RFC 6376 §3.6.2.2). ASCII only, so characters are
 * octets and a split never cuts a character.
 */
export function txtStrings(value: string, max: number = MAX_TXT_STRING_OCTETS): string[] {
    if (!/^[\x20-\x7e]*$/.test(value)) {
        throw new Error("TXT value must be printable ASCII");
    }
    if (value === "") return [""];
    const out: string[] = [];
    for (let i = 0; i < value.length; i += max) out.push(value.slice(i, i + max));
    return out;
}

/** RFC 1035 presentation form: each string double-quoted (with `"` and `\` escaped), space-separated. */
export function txtPresentation(strings: readonly string[]): string {
    return strings.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(" ");
}
