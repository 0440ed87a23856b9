import { strict as assert } from "node:assert";
import {
    MAX_LISTENERS_PER_GATEWAY,
    consoleGatewayListeners,
    gatewaysForSovereign,
    listenerProblems,
    sharedGatewayListeners,
} from "../../src/topology/listeners";
import type { Listener } from "../../src/model/gateway-api";
import type { Zone } from "../../src/model/sovereign-spec";

const PORTS = { httpsPort: 443, httpPort: 80 };
const summary = (ls: Listener[]) => ls.map((l) => `${l.name} ${l.protocol}/${l.port} ${l.hostname} ${l.tls?.certificateRefs?.[0].name ?? "-"}`);
const zones = (...names: [string, Zone["role"]][]): Zone[] => names.map(([name, role]) => ({ name, role }));

describe("shared Gateway listener rule", () => {
    it("one zone equal to the FQDN: bare https/http only", () => {
        assert.deepEqual(summary(sharedGatewayListeners("omani.works", zones(["omani.works", "primary"]), "kube-system", PORTS)), [
            "https HTTPS/443 *.omani.works sovereign-wildcard-tls-omani-works",
            "http HTTP/80 *.omani.works -",
        ]);
    });

    it("no zones configured means one zone equal to the FQDN", () => {
        assert.deepEqual(
            sharedGatewayListeners("t1.omani.works", [], "kube-system", PORTS).map((l) => `${l.name} ${l.hostname}`),
            ["https *.t1.omani.works", "http *.t1.omani.works"],
        );
    });

    it("one zone whose FQDN is not a zone: https/http plus the per-Sovereign pair", () => {
        assert.deepEqual(summary(sharedGatewayListeners("t28.omani.works", zones(["omani.works", "primary"]), "kube-system", PORTS)), [
            "https HTTPS/443 *.omani.works sovereign-wildcard-tls-t28-omani-works",
            "http HTTP/80 *.omani.works -",
            "https-t28-omani-works HTTPS/443 *.t28.omani.works sovereign-wildcard-tls-t28-omani-works",
            "http-t28-omani-works HTTP/80 *.t28.omani.works -",
        ]);
    });

    it("two zones: per-zone names, org-pool zones carry their own wildcard Secret", () => {
        assert.deepEqual(
            summary(sharedGatewayListeners("omantel.omani.works", zones(["omani.works", "primary"], ["omani.homes", "org-pool"]), "kube-system", PORTS)),
            [
                "https-omani-works HTTPS/443 *.omani.works sovereign-wildcard-tls-omantel-omani-works",
                "http-omani-works HTTP/80 *.omani.works -",
                "https-omani-homes HTTPS/443 *.omani.homes sovereign-wildcard-tls-omani-homes",
                "http-omani-homes HTTP/80 *.omani.homes -",
                "https-omantel-omani-works HTTPS/443 *.omantel.omani.works sovereign-wildcard-tls-omantel-omani-works",
                "http-omantel-omani-works HTTP/80 *.omantel.omani.works -",
            ],
        );
    });

    it("three zones including the FQDN: no extra pair", () => {
        const ls = sharedGatewayListeners("a.example", zones(["a.example", "primary"], ["b.example", "org-pool"], ["c.example", "org-pool"]), "kube-system", PORTS);
        assert.deepEqual(
            ls.map((l) => l.name),
            ["https-a-example", "http-a-example", "https-b-example", "http-b-example", "https-c-example", "http-c-example"],
        );
        // The FQDN zone uses the per-Sovereign Secret even when its role is org-pool elsewhere.
        assert.equal(ls[0].tls?.certificateRefs?.[0].name, "sovereign-wildcard-tls-a-example");
    });

    it("every listener admits routes from all namespaces and terminates TLS on HTTPS", () => {
        for (const l of sharedGatewayListeners("x.example", zones(["example", "primary"]), "gw", { httpsPort: 8443, httpPort: 8080 })) {
            assert.deepEqual(l.allowedRoutes, { namespaces: { from: "All" } });
            if (l.protocol === "HTTPS") {
                assert.equal(l.port, 8443);
                assert.equal(l.tls?.mode, "Terminate");
                assert.equal(l.tls?.certificateRefs?.[0].namespace, "gw");
            } else {
                assert.equal(l.port, 8080);
                assert.equal(l.tls, undefined);
            }
        }
    });
});

describe("console Gateway listeners", () => {
    it("one HTTPS and one HTTP listener per host prefix, never wildcard", () => {
        assert.deepEqual(summary(consoleGatewayListeners("t99.omani.works", ["console", "api"], "kube-system", PORTS)), [
            "console-https HTTPS/443 console.t99.omani.works sovereign-wildcard-tls-t99-omani-works",
            "console-http HTTP/80 console.t99.omani.works -",
            "api-https HTTPS/443 api.t99.omani.works sovereign-wildcard-tls-t99-omani-works",
            "api-http HTTP/80 api.t99.omani.works -",
        ]);
    });

    it("gatewaysForSovereign plans both Gateways with their names and namespace", () => {
        const plans = gatewaysForSovereign({
            fqdn: "omani.works",
            zones: zones(["omani.works", "primary"]),
            gateways: {
                management: "managed",
                namespace: "edge",
                className: "cilium",
                sharedName: "apps",
                consoleName: "console",
                httpsPort: 443,
                httpPort: 80,
                consoleHostPrefixes: ["console"],
                infrastructureAnnotations: { a: "b" },
            },
        });
        assert.deepEqual(
            plans.map((p) => [p.role, `${p.namespace}/${p.name}`, p.listeners.map((l) => l.name).join(","), JSON.stringify(p.infrastructureAnnotations)]),
            [
                ["shared", "edge/apps", "https,http", '{"a":"b"}'],
                ["console", "edge/console", "console-https,console-http", "{}"],
            ],
        );
    });
});

describe("listener validity (Gateway API limits OpenOva's sanitisation does not enforce)", () => {
    const plan = (listeners: Listener[]) => ({ namespace: "kube-system", name: "cilium-gateway", listeners });

    it("accepts the rule's own output", () => {
        assert.deepEqual(listenerProblems(plan(sharedGatewayListeners("a.b.example", zones(["b.example", "primary"], ["c.example", "org-pool"]), "kube-system", PORTS))), []);
    });

    it("rejects more than 64 listeners", () => {
        const many = zones(...Array.from({ length: 32 }, (_, i) => [`z${i}.example`, "org-pool"] as [string, Zone["role"]]));
        const ls = sharedGatewayListeners("fqdn.example", many, "kube-system", PORTS); // 32 zones + the FQDN pair = 66
        assert.equal(ls.length, 66);
        assert.deepEqual(listenerProblems(plan(ls)), [`Gateway kube-system/cilium-gateway would have 66 listeners; Gateway API allows at most ${MAX_LISTENERS_PER_GATEWAY}`]);
    });

    it("rejects zones that sanitise to the same listener name", () => {
        const ls = sharedGatewayListeners("fqdn.example", zones(["a-b.example", "primary"], ["a.b-example", "org-pool"]), "kube-system", PORTS);
        assert.deepEqual(listenerProblems(plan(ls)), [
            'Gateway kube-system/cilium-gateway: listener name "https-a-b-example" is used twice; listener names must be unique',
            'Gateway kube-system/cilium-gateway: listener name "http-a-b-example" is used twice; listener names must be unique',
        ]);
    });

    it("rejects a listener name over 253 characters and an upper-case name", () => {
        const long = `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.example`; // 251 chars: a valid zone
        const ls = sharedGatewayListeners(long, zones([long, "primary"], ["y.example", "org-pool"]), "kube-system", PORTS);
        const problems = listenerProblems(plan([...ls, { ...ls[3], name: "HTTP-Zone", hostname: "z.example" }]));
        assert.equal(problems.length, 3);
        assert.match(problems[0], /^Gateway kube-system\/cilium-gateway: listener name "https-a{60}-b{60}-c{60}-d{60}-example" is not a valid SectionName/);
        assert.match(problems[1], /listener name "http-a{60}-b{60}-c{60}-d{60}-example" is not a valid SectionName/);
        assert.match(problems[2], /listener name "HTTP-Zone" is not a valid SectionName/);
    });

    it("rejects two listeners with the same port, protocol and hostname", () => {
        const ls = sharedGatewayListeners("x.example", [], "kube-system", PORTS);
        assert.deepEqual(listenerProblems(plan([...ls, { ...ls[0], name: "https-copy" }])), [
            "Gateway kube-system/cilium-gateway: two listeners share port 443, protocol HTTPS and hostname *.x.example",
        ]);
    });
});
