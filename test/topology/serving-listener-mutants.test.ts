// Serving-listener behaviour the first specs left open (found by `npm run test:mutation`).
import { strict as assert } from "node:assert";
import type { Listener } from "../../src/model/gateway-api";
import { servingListener, servingListenerIndex } from "../../src/topology/serving-listener";

const l = (name: string, hostname?: string): Listener => ({ name, ...(hostname === undefined ? {} : { hostname }), port: 443, protocol: "HTTPS" });

describe("serving listener: exact beats a wildcard of the same length", () => {
    // `*.omani.works` and `a.omani.works` are equally long; the exact name must still win, even listed second.
    const listeners = [l("zone", "*.omani.works"), l("exact", "a.omani.works")];

    it("servingListener", () => {
        assert.equal(servingListener(listeners, "a.omani.works", "HTTPS")?.name, "exact");
    });

    it("servingListenerIndex", () => {
        assert.equal(servingListenerIndex(listeners)("a.omani.works", "HTTPS")?.name, "exact");
        assert.equal(servingListenerIndex(listeners)("b.omani.works", "HTTPS")?.name, "zone");
    });
});
