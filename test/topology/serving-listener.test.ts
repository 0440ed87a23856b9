// servingListenerIndex must answer exactly like servingListener (it replaces a scan of every merged listener
// per route in the attachment proof, which made the proof quadratic in the number of tenants).

import { strict as assert } from "node:assert";
import type { Listener, ListenerProtocol } from "../../src/model/gateway-api";
import { servingListener, servingListenerIndex } from "../../src/topology/serving-listener";

// A small deterministic PRNG, so a failure reproduces.
function prng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s / 2 ** 32;
    };
}

const LABELS = ["a", "b", "mail", "omani", "works", "homes", "x"];
const PROTOCOLS: ListenerProtocol[] = ["HTTPS", "HTTP", "TLS"];

function randomName(rand: () => number, maxLabels: number): string {
    const n = 1 + Math.floor(rand() * maxLabels);
    return Array.from({ length: n }, () => LABELS[Math.floor(rand() * LABELS.length)]).join(".");
}

function randomListener(rand: () => number, i: number): Listener {
    const kind = rand();
    const hostname = kind < 0.1 ? undefined : kind < 0.15 ? "" : kind < 0.6 ? `*.${randomName(rand, 3)}` : randomName(rand, 4);
    const protocol = PROTOCOLS[Math.floor(rand() * PROTOCOLS.length)];
    return { name: `l${i}`, ...(hostname === undefined ? {} : { hostname }), port: 443, protocol };
}

describe("servingListenerIndex", () => {
    it("agrees with servingListener on random listener lists and hosts", () => {
        const rand = prng(42);
        let compared = 0;
        for (let round = 0; round < 200; round++) {
            const listeners = Array.from({ length: Math.floor(rand() * 30) }, (_, i) => randomListener(rand, i));
            const lookup = servingListenerIndex(listeners);
            for (let q = 0; q < 30; q++) {
                const host = randomName(rand, 5);
                for (const protocol of PROTOCOLS) {
                    assert.equal(lookup(host, protocol), servingListener(listeners, host, protocol), `${host} ${protocol} in ${JSON.stringify(listeners)}`);
                    compared++;
                }
            }
        }
        assert.ok(compared > 10_000);
    });

    it("prefers exact over the longest wildcard over no hostname, and the first on a tie", () => {
        const l = (name: string, hostname?: string): Listener => ({ name, ...(hostname === undefined ? {} : { hostname }), port: 443, protocol: "HTTPS" });
        const listeners = [l("any"), l("zone", "*.omani.works"), l("tenant", "*.acme.omani.works"), l("tenant-again", "*.acme.omani.works"), l("exact", "mail.acme.omani.works")];
        const lookup = servingListenerIndex(listeners);
        assert.equal(lookup("mail.acme.omani.works", "HTTPS")?.name, "exact");
        assert.equal(lookup("webmail.acme.omani.works", "HTTPS")?.name, "tenant");
        assert.equal(lookup("x.y.acme.omani.works", "HTTPS")?.name, "tenant");
        assert.equal(lookup("git.omani.works", "HTTPS")?.name, "zone");
        assert.equal(lookup("omani.works", "HTTPS")?.name, "any");
        assert.equal(lookup("omani.works", "HTTP"), undefined);
    });
});
