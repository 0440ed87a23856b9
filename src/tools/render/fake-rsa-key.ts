// The RSA key offline runs show in place of the one @pulumi/tls generates: the same resource name always
// gives the same key, so renders are reproducible and the DKIM record has the real shape (a 2048-bit
// SubjectPublicKeyInfo, e = 65537). The modulus is a pseudo-random number from a SHA-256 stream of the
// name, not a product of primes: nothing offline signs with it, and finding primes took most of a large
// render's time. The private half is a placeholder that only ever appears as `[secret]`.

import { createHash, createPublicKey } from "node:crypto";

function streamBytes(seed: string, n: number): Buffer {
    const chunks: Buffer[] = [];
    for (let counter = 0; chunks.length * 32 < n; counter++) {
        chunks.push(createHash("sha256").update(`${seed}/${counter}`).digest());
    }
    return Buffer.concat(chunks).subarray(0, n);
}

export interface FakeRsaKey {
    privateKeyPem: string;
    privateKeyPemPkcs8: string;
    publicKeyPem: string;
}

export function fakeRsaKey(name: string, bits = 2048): FakeRsaKey {
    const modulus = streamBytes(`sovereign-stacks offline rsa ${bits}/${name}`, bits / 8);
    modulus[0] |= 0x80; // exactly `bits` bits
    modulus[modulus.length - 1] |= 0x01; // odd, as every RSA modulus
    const publicKey = createPublicKey({ key: { kty: "RSA", n: modulus.toString("base64url"), e: "AQAB" }, format: "jwk" });
    const placeholder = (type: string) => `-----BEGIN ${type}-----\noffline render of ${name}: no private key\n-----END ${type}-----\n`;
    return {
        // @pulumi/tls: privateKeyPem is PKCS#1 for RSA, privateKeyPemPkcs8 PKCS#8, publicKeyPem SPKI.
        privateKeyPem: placeholder("RSA PRIVATE KEY"),
        privateKeyPemPkcs8: placeholder("PRIVATE KEY"),
        publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    };
}
