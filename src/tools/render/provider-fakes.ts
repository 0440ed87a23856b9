// Deterministic stand-ins for the outputs the tls and random providers compute, for offline runs. The
// Ed25519 DKIM key is a real key derived from the resource name; the RSA one has a real public half of
// the right shape (fake-rsa-key.ts); outputs the real provider marks secret are marked secret here too,
// so redaction is exercised.

import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { fakeRsaKey } from "./fake-rsa-key";
import type { OutputFaker } from "./recording-mocks";

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function seed(kind: string, name: string): Buffer {
    return createHash("sha256").update(`sovereign-stacks offline ${kind} ${name}`).digest();
}

export function fakeEd25519Key(name: string): { privateKeyPem: string; publicKeyPem: string } {
    const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed("ed25519", name)]), format: "der", type: "pkcs8" });
    return {
        privateKeyPem: key.export({ format: "pem", type: "pkcs8" }).toString(),
        publicKeyPem: createPublicKey(key).export({ format: "pem", type: "spki" }).toString(),
    };
}

export const PROVIDER_FAKES: Readonly<Record<string, OutputFaker>> = {
    "tls:index/privateKey:PrivateKey": (name, inputs) => {
        if (inputs.algorithm === "RSA") {
            const bits = typeof inputs.rsaBits === "number" ? inputs.rsaBits : 2048;
            const rsa = fakeRsaKey(name, bits);
            return { privateKeyPem: pulumi.secret(rsa.privateKeyPem), privateKeyPemPkcs8: pulumi.secret(rsa.privateKeyPemPkcs8), publicKeyPem: rsa.publicKeyPem };
        }
        if (inputs.algorithm !== "ED25519") {
            throw new Error(`offline fake supports RSA and ED25519 keys only, not ${String(inputs.algorithm)}`);
        }
        const key = fakeEd25519Key(name);
        return { privateKeyPem: pulumi.secret(key.privateKeyPem), privateKeyPemPkcs8: pulumi.secret(key.privateKeyPem), publicKeyPem: key.publicKeyPem };
    },
    "random:index/randomPassword:RandomPassword": (name, inputs) => {
        const length = typeof inputs.length === "number" ? inputs.length : 16;
        const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        const bytes = createHash("sha512").update(`sovereign-stacks offline password ${name}`).digest();
        const result = Array.from({ length }, (_, i) => alphabet[bytes[i % bytes.length] % alphabet.length]).join("");
        return { result: pulumi.secret(result) };
    },
};
