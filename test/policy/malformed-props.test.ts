// The policy pack on malformed input: resource props of any shape (a chart can render anything) and a
// policy config that does not match its schema end in a verdict or a violation that names the config,
// never in an exception (which the Pulumi CLI would print with its stack trace).

import { strict as assert } from "node:assert";
import { CannotVerifyError, validateAttachment } from "../../policy/attachment-policy";
import { TYPES, gatewayProps, resource, stackArgs, zoneListeners } from "./support";

const WEIRD: readonly unknown[] = [null, 5, "x", [], {}, [null], [5], { a: 1 }, true, -1, "", [{}], [{ name: 5 }], { namespaces: 5 }];

const PATHS: readonly (string | number)[][] = [
    ["gateway", "spec"], ["gateway", "spec", "listeners"], ["gateway", "metadata"], ["gateway", "metadata", "name"], ["gateway", "spec", "listeners", 0],
    ["gateway", "spec", "listeners", 0, "name"], ["gateway", "spec", "listeners", 0, "hostname"], ["gateway", "spec", "listeners", 0, "port"],
    ["gateway", "spec", "listeners", 0, "protocol"], ["gateway", "spec", "listeners", 0, "allowedRoutes"], ["gateway", "spec", "listeners", 0, "allowedRoutes", "namespaces"],
    ["gateway", "spec", "listeners", 0, "allowedRoutes", "kinds"], ["gateway", "spec", "allowedListeners"], ["route", "spec"], ["route", "spec", "parentRefs"],
    ["route", "spec", "parentRefs", 0], ["route", "spec", "parentRefs", 0, "name"], ["route", "spec", "parentRefs", 0, "kind"], ["route", "spec", "parentRefs", 0, "sectionName"],
    ["route", "spec", "parentRefs", 0, "port"], ["route", "spec", "hostnames"], ["route", "spec", "hostnames", 0], ["route", "metadata"], ["route", "metadata", "namespace"],
];

const CONFIGS: readonly object[] = [{}, { gateways: 5 }, { gateways: [null] }, { gateways: [{ namespace: "a", name: "b", listeners: 5 }] }, { gateways: [{ namespace: "a", name: "b", listeners: [{ name: "l", port: 443, protocol: "HTTPS", allowedRoutes: { kinds: 7 } }] }] }];

function stack(): { gateway: Record<string, unknown>; route: Record<string, unknown> } {
    return {
        gateway: gatewayProps(zoneListeners("omani.works")),
        route: { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "ns" }, spec: { parentRefs: [{ name: "cilium-gateway", namespace: "kube-system" }], hostnames: ["a.omani.works"] } },
    };
}

describe("attachment policy on malformed input", () => {
    it(`never throws (${CONFIGS.length * PATHS.length * WEIRD.length} malformed stacks)`, () => {
        const crashes: string[] = [];
        for (const config of CONFIGS) {
            for (const at of PATHS) {
                for (const value of WEIRD) {
                    const s = stack();
                    let node = s as unknown as Record<string | number, unknown>;
                    for (const k of at.slice(0, -1)) {
                        node = node[k] as Record<string | number, unknown>;
                    }
                    node[at[at.length - 1]] = value;
                    try {
                        validateAttachment(stackArgs([resource(TYPES.gateway, "gw", s.gateway), resource(TYPES.httpRoute, "r", s.route)], config), () => undefined);
                    } catch (err) {
                        if (!(err instanceof CannotVerifyError)) {
                            crashes.push(`${JSON.stringify(config)} ${at.join(".")} = ${JSON.stringify(value)}: ${(err as Error).message}`);
                        }
                    }
                }
            }
        }
        assert.deepEqual(crashes.slice(0, 5), []);
    });

    it("a policy config that does not match its schema is a violation naming it", () => {
        const messages: string[] = [];
        validateAttachment(stackArgs([], { gateways: [{ namespace: "kube-system", name: "gw", listeners: 5 }] }), (m) => messages.push(m));
        assert.deepEqual(messages, [
            'policy config httproute-attachment: gateways[0] is not a mapping with namespace, name and a list of listeners. Fix: pass {"httproute-attachment": {"gateways": [{"namespace", "name", "listeners": [{"name", "port", "protocol", "hostname"}]}]}} with --policy-pack-config',
        ]);
    });
});
