import { strict as assert } from "node:assert";
import {
    HOSTNAME_PATTERN,
    HostnameMode,
    ciliumComputeHosts,
    hostnameProblem,
    intersectHostname,
    intersectHostnames,
    isValidHostname,
    labelsBelowWildcard,
    wildcardCovers,
} from "../../src/topology/hostnames";

interface IntersectionCase {
    listener: string | undefined;
    route: string;
    spec: string | undefined;
    cilium: string | undefined;
    why: string;
}

// Every row of the table in gateway-api site-src/concepts/hostnames.md ("Hostname Intersection"), plus the non-intersecting cases the rules imply.
const INTERSECTIONS: IntersectionCase[] = [
    { listener: "www.example.com", route: "www.example.com", spec: "www.example.com", cilium: "www.example.com", why: "precise hostnames intersect" },
    { listener: "*.example.com", route: "www.example.com", spec: "www.example.com", cilium: "www.example.com", why: "precise route under listener wildcard" },
    { listener: "*.example.com", route: "sub.domain.example.com", spec: "sub.domain.example.com", cilium: "sub.domain.example.com", why: "listener wildcard matches several labels" },
    { listener: "www.example.com", route: "*.example.com", spec: "www.example.com", cilium: "www.example.com", why: "route wildcard covers precise listener" },
    { listener: "sub.domain.example.com", route: "*.example.com", spec: "sub.domain.example.com", cilium: "sub.domain.example.com", why: "route wildcard covers several labels" },
    { listener: "*.example.com", route: "*.example.com", spec: "*.example.com", cilium: "*.example.com", why: "equal wildcards" },
    { listener: "*.com", route: "*.example.com", spec: "*.example.com", cilium: "*.example.com", why: "narrower route wildcard under listener wildcard" },
    { listener: "*.example.com", route: "*.foo.example.com", spec: "*.foo.example.com", cilium: "*.foo.example.com", why: "route wildcard two labels under listener wildcard" },
    { listener: undefined, route: "www.example.com", spec: "www.example.com", cilium: "www.example.com", why: "no listener hostname is *" },
    { listener: undefined, route: "*.example.com", spec: "*.example.com", cilium: "*.example.com", why: "no listener hostname keeps route wildcard" },
    { listener: "", route: "www.example.com", spec: "www.example.com", cilium: "www.example.com", why: "empty listener hostname is *" },
    { listener: "*.example.com", route: "*.com", spec: "*.example.com", cilium: undefined, why: "Cilium difference 1: broader route wildcard" },
    { listener: "*.omani.works", route: "*.works", spec: "*.omani.works", cilium: undefined, why: "Cilium difference 1 on an OpenOva zone" },
    { listener: "www.example.com", route: "foo.example.com", spec: undefined, cilium: undefined, why: "different precise hostnames" },
    { listener: "*.example.com", route: "example.com", spec: undefined, cilium: undefined, why: "wildcard does not match its own apex" },
    { listener: "example.com", route: "*.example.com", spec: undefined, cilium: undefined, why: "route wildcard does not cover its apex" },
    { listener: "*.example.com", route: "fooexample.com", spec: undefined, cilium: undefined, why: "suffix must end on a label boundary" },
    { listener: "*.example.com", route: "*.example.org", spec: undefined, cilium: undefined, why: "disjoint wildcards" },
    { listener: "*.foo.example.com", route: "*.bar.example.com", spec: undefined, cilium: undefined, why: "sibling wildcards" },
];

describe("hostname intersection", () => {
    for (const mode of ["spec", "cilium"] as HostnameMode[]) {
        describe(`${mode} mode`, () => {
            for (const c of INTERSECTIONS) {
                it(`${c.listener ?? "(none)"} x ${c.route} -> ${c[mode] ?? "none"} (${c.why})`, () => {
                    assert.equal(intersectHostname(c.listener, c.route, mode), c[mode]);
                });
            }
        });
    }

    it("modes disagree only on the broader route wildcard", () => {
        const disagreements = INTERSECTIONS.filter((c) => c.spec !== c.cilium).map((c) => `${c.listener} x ${c.route}`);
        assert.deepEqual(disagreements, ["*.example.com x *.com", "*.omani.works x *.works"]);
    });

    const lists: [string | undefined, string[], HostnameMode, string[]][] = [
        [undefined, [], "spec", ["*"]],
        [undefined, [], "cilium", ["*"]],
        ["*.example.com", [], "spec", ["*.example.com"]],
        ["*.example.com", ["b.example.com", "other.org", "a.example.com", "a.example.com"], "spec", ["a.example.com", "b.example.com"]],
        ["*.example.com", ["*.com", "x.example.com"], "cilium", ["x.example.com"]],
        ["*.example.com", ["*.com", "x.example.com"], "spec", ["*.example.com", "x.example.com"]],
        ["*.example.com", ["other.org"], "spec", []],
    ];
    for (const [listener, routes, mode, expected] of lists) {
        it(`intersectHostnames(${listener ?? "(none)"}, [${routes.join(", ")}], ${mode}) = [${expected.join(", ")}]`, () => {
            assert.deepEqual(intersectHostnames(listener, routes, mode), expected);
        });
    }
});

describe("hostname validation", () => {
    const cases: [string, string | undefined][] = [
        ["gitea.omani.works", undefined],
        ["*.omani.works", undefined],
        ["localhost", undefined],
        ["10.0.0.1", "is an IP address; Gateway API hostnames are never IP addresses (the CRD pattern accepts them by mistake)"],
        ["Gitea.omani.works", 'does not match the Hostname pattern (lowercase RFC 1123 labels, at most one leading "*." label, no trailing dot)'],
        ["gitea.omani.works.", 'does not match the Hostname pattern (lowercase RFC 1123 labels, at most one leading "*." label, no trailing dot)'],
        ["*.*.example.com", 'does not match the Hostname pattern (lowercase RFC 1123 labels, at most one leading "*." label, no trailing dot)'],
        ["f*.example.com", 'does not match the Hostname pattern (lowercase RFC 1123 labels, at most one leading "*." label, no trailing dot)'],
        ["::1", 'does not match the Hostname pattern (lowercase RFC 1123 labels, at most one leading "*." label, no trailing dot)'],
        ["", "is empty"],
        [`${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(13)}`, "is 257 characters long; a hostname has at most 253"],
    ];
    for (const [hostname, problem] of cases) {
        it(`${hostname.slice(0, 30) || '""'}: ${problem ?? "valid"}`, () => {
            assert.equal(hostnameProblem(hostname), problem);
            assert.equal(isValidHostname(hostname), problem === undefined);
        });
    }

    it("the CRD pattern itself accepts an IP address (the documented bug this module guards against)", () => {
        assert.equal(HOSTNAME_PATTERN.test("10.0.0.1"), true);
    });

    it("a precise hostname can be required", () => {
        assert.equal(hostnameProblem("*.omani.works", { allowWildcard: false }), "is a wildcard; a precise hostname is required here");
        assert.equal(hostnameProblem("gitea.omani.works", { allowWildcard: false }), undefined);
    });
});

describe("wildcard depth", () => {
    const covers: [string, string, boolean][] = [
        ["*.example.com", "a.example.com", true],
        ["*.example.com", "a.b.example.com", true],
        ["*.example.com", "*.b.example.com", true],
        ["*.example.com", "example.com", false],
        ["*.example.com", "aexample.com", false],
    ];
    for (const [wildcard, name, expected] of covers) {
        it(`${wildcard} ${expected ? "covers" : "does not cover"} ${name}`, () => {
            assert.equal(wildcardCovers(wildcard, name), expected);
        });
    }

    it("counts labels in place of the * (RFC 2818 certificates cover exactly one)", () => {
        assert.deepEqual(
            ["a.omani.works", "a.b.omani.works", "*.b.omani.works", "x.y.z.omani.works"].map((n) => labelsBelowWildcard(n, "*.omani.works")),
            [1, 2, 2, 3],
        );
    });
});

describe("Cilium ComputeHosts with listener isolation", () => {
    const zones = ["*.omani.works", "*.omantel.omani.works", "console.omani.works"];
    const cases: [string[], string | undefined, string[], string[]][] = [
        [["gitea.omantel.omani.works"], "*.omani.works", zones, []],
        [["gitea.omantel.omani.works"], "*.omantel.omani.works", zones, ["gitea.omantel.omani.works"]],
        [["console.omani.works"], "*.omani.works", zones, []],
        [["console.omani.works"], "console.omani.works", zones, ["console.omani.works"]],
        [["console.omani.works"], undefined, zones, []],
        [["gitea.omantel.omani.works"], "*.omani.works", [], ["gitea.omantel.omani.works"]],
        [[], "*.omani.works", zones, ["*.omani.works"]],
        [[], undefined, zones, ["*"]],
        [["*.com"], "*.omani.works", [], []],
    ];
    for (const [routes, listener, others, expected] of cases) {
        it(`[${routes.join(", ")}] on ${listener ?? "(none)"} with ${others.length} other hostnames -> [${expected.join(", ")}]`, () => {
            assert.deepEqual(ciliumComputeHosts(routes, listener, others), expected);
        });
    }
});
