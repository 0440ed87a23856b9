// Hostname behaviour the first specs left open (found by `npm run test:mutation`): length and label
// boundaries, precise hostnames that merely end with one another, and which other listeners take a
// route away from a listener in Cilium's isolation.
import { strict as assert } from "node:assert";
import { ciliumComputeHosts, hostnameProblem, intersectHostname, wildcardCovers } from "../../src/topology/hostnames";

describe("hostname validation: boundaries", () => {
    it("accepts single-character labels and exactly 253 characters", () => {
        const max = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
        assert.equal(max.length, 253);
        for (const hostname of ["a", "a.b", "x.omani.works", "*.a.b", max]) {
            assert.equal(hostnameProblem(hostname), undefined, hostname);
        }
    });

    it("rejects 254 characters with the length", () => {
        const over = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`;
        assert.equal(hostnameProblem(over), "is 254 characters long; a hostname has at most 253");
    });
});

describe("hostname intersection: label boundaries", () => {
    it("a wildcard never covers its bare suffix (an empty label)", () => {
        assert.equal(wildcardCovers("*.example.com", ".example.com"), false);
        assert.equal(intersectHostname("*.example.com", ".example.com", "cilium"), undefined);
        assert.equal(intersectHostname(".example.com", "*.example.com", "cilium"), undefined);
    });

    for (const mode of ["spec", "cilium"] as const) {
        it(`${mode}: a precise listener does not serve a precise route it ends with, nor the reverse`, () => {
            assert.equal(intersectHostname("www.example.com", "example.com", mode), undefined);
            assert.equal(intersectHostname("example.com", "www.example.com", mode), undefined);
        });
    }
});

describe("Cilium listener isolation: which other listeners count", () => {
    const cases: [string, string[], string | undefined, string[], string[]][] = [
        ["a precise other listener does not take hosts below it", ["gitea.omani.works"], undefined, ["omani.works"], ["gitea.omani.works"]],
        ["a longer wildcard that does not match the route does not take it", ["gitea.omani.works"], undefined, ["*.example.org.long"], ["gitea.omani.works"]],
        ["a longer wildcard that matches takes it from a hostname-less listener", ["gitea.omani.works"], undefined, ["*.omani.works"], []],
        ["a precise listener keeps a route wildcard equal to another listener", ["*.b.example"], "a.b.example", ["a.b.example", "*.b.example"], ["a.b.example"]],
        ["a wildcard listener loses a route equal to another listener's hostname", ["x.b.example"], "*.b.example", ["*.b.example", "x.b.example"], []],
    ];
    for (const [why, routes, listener, others, expected] of cases) {
        it(why, () => {
            assert.deepEqual(ciliumComputeHosts(routes, listener, others), expected);
        });
    }
});
