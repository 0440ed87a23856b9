// DKIM key handling the first specs left open (found by `npm run test:mutation`).
import * as assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { ed25519DkimPublicKey } from "../../src/stalwart/dkim";

describe("stalwart DKIM p= value: private keys of every PEM flavour", () => {
    it("refuses an EC PRIVATE KEY, which Node would otherwise turn into its public key", () => {
        const sec1 = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "sec1" }).toString();
        assert.match(sec1, /^-----BEGIN EC PRIVATE KEY-----/);
        assert.throws(() => ed25519DkimPublicKey(sec1), { message: "DKIM: expected a public key PEM (BEGIN PUBLIC KEY) for the Ed25519 key, got a private key" });
    });
});
