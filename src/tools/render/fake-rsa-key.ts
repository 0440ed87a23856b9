// A deterministic RSA key for offline runs: the same resource name always gives the same 2048-bit key,
// so renders are reproducible and DNS records built from it are real. Primes come from a SHA-256
// counter stream of the name, filtered by trial division and Miller-Rabin; Node assembles the key from
// its JWK. Never used by a real deployment (the tls provider generates real keys there).

import { createHash, createPrivateKey, createPublicKey } from "node:crypto";

const SMALL_PRIMES: readonly bigint[] = (() => {
    const out: bigint[] = [];
    for (let n = 3; out.length < 300; n += 2) {
        if (out.every((p) => BigInt(n) % p !== 0n)) out.push(BigInt(n));
    }
    return out;
})();

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
    let result = 1n;
    let b = base % mod;
    let e = exp;
    while (e > 0n) {
        if (e & 1n) result = (result * b) % mod;
        b = (b * b) % mod;
        e >>= 1n;
    }
    return result;
}

function modInverse(a: bigint, m: bigint): bigint {
    let [oldR, r] = [a % m, m];
    let [oldS, s] = [1n, 0n];
    while (r !== 0n) {
        const q = oldR / r;
        [oldR, r] = [r, oldR - q * r];
        [oldS, s] = [s, oldS - q * s];
    }
    if (oldR !== 1n) throw new Error("not invertible");
    return ((oldS % m) + m) % m;
}

class Stream {
    private counter = 0;
    constructor(private readonly seed: string) {}
    bytes(n: number): Buffer {
        const chunks: Buffer[] = [];
        let total = 0;
        while (total < n) {
            const c = createHash("sha256").update(`${this.seed}/${this.counter++}`).digest();
            chunks.push(c);
            total += c.length;
        }
        return Buffer.concat(chunks).subarray(0, n);
    }
    bigint(bits: number): bigint {
        return BigInt(`0x${this.bytes(bits / 8).toString("hex")}`);
    }
}

function isProbablePrime(n: bigint, stream: Stream): boolean {
    for (const p of SMALL_PRIMES) {
        if (n === p) return true;
        if (n % p === 0n) return false;
    }
    let d = n - 1n;
    let r = 0;
    while ((d & 1n) === 0n) {
        d >>= 1n;
        r++;
    }
    witness: for (let i = 0; i < 32; i++) {
        const a = 2n + (stream.bigint(256) % (n - 4n));
        let x = modPow(a, d, n);
        if (x === 1n || x === n - 1n) continue;
        for (let j = 1; j < r; j++) {
            x = (x * x) % n;
            if (x === n - 1n) continue witness;
        }
        return false;
    }
    return true;
}

function prime(bits: number, stream: Stream, e: bigint): bigint {
    for (;;) {
        // Top two bits set (the product has exactly 2 * bits bits), odd.
        const candidate = stream.bigint(bits) | (3n << BigInt(bits - 2)) | 1n;
        if ((candidate - 1n) % e !== 0n && isProbablePrime(candidate, stream)) return candidate;
    }
}

function b64url(n: bigint): string {
    let hex = n.toString(16);
    if (hex.length % 2 === 1) hex = `0${hex}`;
    return Buffer.from(hex, "hex").toString("base64url");
}

const cache = new Map<string, { privateKeyPem: string; privateKeyPemPkcs8: string; publicKeyPem: string }>();

export function fakeRsaKey(name: string, bits = 2048): { privateKeyPem: string; privateKeyPemPkcs8: string; publicKeyPem: string } {
    const cacheKey = `${bits}/${name}`;
    const hit = cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const stream = new Stream(`sovereign-stacks offline rsa ${cacheKey}`);
    const e = 65537n;
    let p = prime(bits / 2, stream, e);
    let q = prime(bits / 2, stream, e);
    while (p === q) q = prime(bits / 2, stream, e);
    if (p < q) [p, q] = [q, p];
    const n = p * q;
    const d = modInverse(e, (p - 1n) * (q - 1n));
    const key = createPrivateKey({
        key: { kty: "RSA", n: b64url(n), e: b64url(e), d: b64url(d), p: b64url(p), q: b64url(q), dp: b64url(d % (p - 1n)), dq: b64url(d % (q - 1n)), qi: b64url(modInverse(q, p)) },
        format: "jwk",
    });
    const result = {
        // @pulumi/tls: privateKeyPem is PKCS#1 for RSA, privateKeyPemPkcs8 PKCS#8, publicKeyPem SPKI.
        privateKeyPem: key.export({ format: "pem", type: "pkcs1" }).toString(),
        privateKeyPemPkcs8: key.export({ format: "pem", type: "pkcs8" }).toString(),
        publicKeyPem: createPublicKey(key).export({ format: "pem", type: "spki" }).toString(),
    };
    cache.set(cacheKey, result);
    return result;
}
