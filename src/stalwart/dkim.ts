// The DKIM `p=` value of an Ed25519 key. RFC 8463 §4.2 publishes the RAW 32-byte public key in base64,
// not the SubjectPublicKeyInfo DER that `@pulumi/tls` `PrivateKey.publicKeyPem` ("BEGIN PUBLIC KEY")
// wraps it in; the SPKI form (`MCowBQYDK2Vw…`, 60 characters) is what old Stalwart docs showed and
// verifiers reject. Node parses the PEM and its JWK export carries the raw key as base64url `x`.

import { createPublicKey, KeyObject } from "node:crypto";

export const ED25519_PUBLIC_KEY_BYTES = 32;
/** base64 of 32 bytes: 43 characters plus one `=`. */
export const ED25519_DKIM_KEY_LENGTH = 44;

export function ed25519DkimPublicKey(publicKeyPem: string): string {
    // Refuse private keys: the caller should hand over only public material (the Pulumi output of a
    // private key is secret, and deriving from it would carry that secret through the program).
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(publicKeyPem)) {
        throw new Error("DKIM: expected a public key PEM (BEGIN PUBLIC KEY), got a private key");
    }
    let key: KeyObject;
    try {
        key = createPublicKey(publicKeyPem);
    } catch (e) {
        throw new Error(`DKIM: cannot parse the public key PEM: ${(e as Error).message}`);
    }
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
