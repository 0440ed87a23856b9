// The CrossGuard stack policy, called the way the policy server calls it (props behind the unknown-checking
// proxy), with no Pulumi CLI: exact violation messages for the NoMatchingParent outage, none for a
// listener-agnostic route, Gateways from config, and unknown values reported as "cannot verify".

import { strict as assert } from "node:assert";
import * as policySdk from "@pulumi/policy";
import { CONFIG_SCHEMA, CannotVerifyError, POLICY_NAME, RESOURCE_TYPES, attachmentPolicy } from "../../policy/attachment-policy";
import type { AllowedListeners, Listener } from "../../src/model/gateway-api";
import { TYPES, UNKNOWN_STRING, collect, gatewayProps, resource, routeProps, stackArgs, urnOf, zoneListeners } from "./support";

const SHARED = { name: "cilium-gateway", namespace: "kube-system" };
const twoZoneGateway = () => resource(TYPES.gateway, "shared-gateway", gatewayProps(zoneListeners("omani.works", "omani.homes")));
const keycloak = (parentRef: Record<string, unknown>, hostnames: unknown[] = ["auth.omani.works"]) =>
    resource(TYPES.httpRoute, "keycloak-route", routeProps("keycloak", "keycloak", hostnames, parentRef));

const PINNED_HTTPS =
    "HTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent " +
    "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname";

async function validate(resources: ReturnType<typeof resource>[], config: object = {}) {
    const { reported, report } = collect();
    let thrown: unknown;
    try {
        await attachmentPolicy.validateStack(stackArgs(resources, config), report);
    } catch (err) {
        thrown = err;
    }
    return { reported, thrown };
}

describe("CrossGuard policy: HTTPRoute attachment", () => {
    it("is a mandatory stack policy with a config schema for external Gateways", () => {
        assert.equal(attachmentPolicy.name, POLICY_NAME);
        assert.equal(attachmentPolicy.enforcementLevel, "mandatory");
        assert.deepEqual(Object.keys(CONFIG_SCHEMA.properties), ["gateways"]);
        assert.deepEqual(RESOURCE_TYPES, TYPES);
    });

    it("a route pinned to sectionName https on a two-zone Gateway: one NoMatchingParent violation on the route", async () => {
        const { reported, thrown } = await validate([twoZoneGateway(), keycloak({ ...SHARED, sectionName: "https" })]);
        assert.equal(thrown, undefined);
        assert.deepEqual(reported, [{ message: PINNED_HTTPS, urn: urnOf(TYPES.httpRoute, "keycloak-route") }]);
    });

    it("the same route without sectionName attaches by hostname: no violation", async () => {
        const { reported, thrown } = await validate([twoZoneGateway(), keycloak(SHARED)]);
        assert.equal(thrown, undefined);
        assert.deepEqual(reported, []);
    });

    it("a route whose host no zone serves: NoMatchingListenerHostname", async () => {
        const { reported } = await validate([twoZoneGateway(), keycloak(SHARED, ["auth.example.com"])]);
        assert.deepEqual(
            reported.map((r) => r.message),
            [
                "HTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway: Accepted=False, reason NoMatchingListenerHostname " +
                    "(No matching listener hostname). Fix: use a hostname under one of the parent's listener hostnames, or add the zone to the Sovereign",
            ],
        );
    });

    it("a route without parentRefs attaches to nothing and is a violation", async () => {
        const props = routeProps("keycloak", "keycloak", ["auth.omani.works"], SHARED);
        (props.spec as Record<string, unknown>).parentRefs = [];
        const { reported } = await validate([twoZoneGateway(), resource(TYPES.httpRoute, "keycloak-route", props)]);
        assert.deepEqual(reported, [
            {
                message: "HTTPRoute keycloak/keycloak has no parentRefs, so it attaches to nothing. Fix: add a parentRef to the Gateway whose listeners serve its hostnames",
                urn: urnOf(TYPES.httpRoute, "keycloak-route"),
            },
        ]);
    });

    describe("Gateways managed outside the stack", () => {
        const config = { gateways: [{ ...SHARED, listeners: zoneListeners("omani.works", "omani.homes") }] };

        it("without config, a route to a Gateway not in the stack is reported as not found", async () => {
            const { reported } = await validate([keycloak(SHARED)]);
            assert.equal(reported.length, 1);
            assert.match(reported[0].message, /^HTTPRoute keycloak\/keycloak -> Gateway kube-system\/cilium-gateway: Accepted=False, reason InvalidHTTPRoute \(Gateway kube-system\/cilium-gateway not found\./);
            assert.match(reported[0].message, /\. If that Gateway is managed outside this stack .* pass its listeners in the policy config: --policy-pack-config with /);
        });

        it("with the Gateway's listeners in config, its routes are checked: the pinned one fails, the agnostic one passes", async () => {
            const pinned = await validate([keycloak({ ...SHARED, sectionName: "https" })], config);
            assert.deepEqual(pinned.reported, [{ message: PINNED_HTTPS, urn: urnOf(TYPES.httpRoute, "keycloak-route") }]);
            const agnostic = await validate([keycloak(SHARED)], config);
            assert.deepEqual(agnostic.reported, []);
        });

        it("a Gateway in the stack wins over config of the same name", async () => {
            // Config claims a single-zone Gateway with an `https` listener; the stack's own two-zone Gateway is what counts.
            const stale = { gateways: [{ ...SHARED, listeners: zoneListeners("omani.works").map((l) => ({ ...l, name: l.name.replace(/-omani-works$/, "") })) }] };
            const { reported } = await validate([twoZoneGateway(), keycloak({ ...SHARED, sectionName: "https" })], stale);
            assert.deepEqual(reported.map((r) => r.message), [PINNED_HTTPS]);
        });
    });

    describe("values unknown during preview", () => {
        it("a route with an unknown hostname cannot be verified: advisory (UnknownValueError), no violation", async () => {
            const { reported, thrown } = await validate([twoZoneGateway(), keycloak(SHARED, [UNKNOWN_STRING])]);
            assert.deepEqual(reported, []);
            assert.ok(thrown instanceof CannotVerifyError);
            // What the policy server keys on to downgrade the failure to an advisory diagnostic.
            assert.ok(thrown instanceof (policySdk as unknown as { UnknownValueError: new (...args: never[]) => Error }).UnknownValueError);
            assert.equal(
                (thrown as Error).message,
                "cannot verify the attachment of 1 item until deploy (values unknown during preview): HTTPRoute keycloak/keycloak (spec.hostnames.0 unknown)",
            );
        });

        it("a failure that depends on a Gateway with an unknown listener is unverified, while a known failure still violates", async () => {
            const listeners: unknown[] = zoneListeners("omani.works", "omani.homes");
            listeners[2] = { ...(listeners[2] as object), hostname: UNKNOWN_STRING };
            const console = resource(TYPES.gateway, "console-gateway", gatewayProps(zoneListeners("omani.works"), "cilium-gateway-console"));
            const grafana = resource(
                TYPES.httpRoute,
                "grafana-route",
                routeProps("grafana", "grafana", ["grafana.omani.works"], { name: "cilium-gateway-console", namespace: "kube-system", sectionName: "https" }),
            );
            const { reported, thrown } = await validate([resource(TYPES.gateway, "shared-gateway", gatewayProps(listeners)), console, keycloak({ ...SHARED, sectionName: "https" }), grafana]);
            assert.deepEqual(reported, [
                {
                    message:
                        "HTTPRoute grafana/grafana -> Gateway kube-system/cilium-gateway-console sectionName https: Accepted=False, reason NoMatchingParent " +
                        "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
                    urn: urnOf(TYPES.httpRoute, "grafana-route"),
                },
            ]);
            assert.equal(
                (thrown as Error).message,
                "cannot verify the attachment of 1 item until deploy (values unknown during preview): HTTPRoute keycloak/keycloak depends on " +
                    "Gateway kube-system/cilium-gateway (spec.listeners.2.hostname unknown)",
            );
        });

        it("unknown values the attachment does not depend on (certificate names, backends) do not block the check", async () => {
            const listeners = zoneListeners("omani.works", "omani.homes").map((l) =>
                l.protocol === "HTTPS" ? { ...l, tls: { mode: "Terminate", certificateRefs: [{ name: UNKNOWN_STRING }] } } : l,
            );
            const route = routeProps("keycloak", "keycloak", ["auth.omani.works"], { ...SHARED, sectionName: "https" });
            (route.spec as Record<string, unknown>).rules = [{ backendRefs: [{ name: UNKNOWN_STRING, port: 8080 }] }];
            const { reported, thrown } = await validate([resource(TYPES.gateway, "shared-gateway", gatewayProps(listeners)), resource(TYPES.httpRoute, "keycloak-route", route)]);
            assert.equal(thrown, undefined);
            assert.deepEqual(reported.map((r) => r.message), [PINNED_HTTPS]);
        });
    });

    it("reads ListenerSets and namespace labels: a tenant route attaches through its ListenerSet", async () => {
        const gateway = gatewayProps(zoneListeners("omani.works"), "cilium-gateway-console");
        (gateway.spec as Record<string, unknown>).allowedListeners = { namespaces: { from: "Selector", selector: { matchLabels: { "openova.io/tenant": "acme" } } } };
        const listenerSet = {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "ListenerSet",
            metadata: { name: "console-acme", namespace: "tenant-acme" },
            spec: {
                parentRef: { name: "cilium-gateway-console", namespace: "kube-system" },
                listeners: [{ name: "console-https-acme", hostname: "mail.acme.com", port: 443, protocol: "HTTPS", allowedRoutes: { namespaces: { from: "Same" } } }],
            },
        };
        const webmail = routeProps("tenant-acme", "webmail", ["mail.acme.com"], { kind: "ListenerSet", name: "console-acme" });
        const namespace = (labels: Record<string, string>) =>
            resource(TYPES.namespace, "tenant-acme-ns", { apiVersion: "v1", kind: "Namespace", metadata: { name: "tenant-acme", labels } });
        const stack = (labels: Record<string, string>) => [
            resource(TYPES.gateway, "console-gateway", gateway),
            resource(TYPES.listenerSet, "acme-listeners", listenerSet),
            resource(TYPES.httpRoute, "acme-webmail", webmail),
            namespace(labels),
        ];
        assert.deepEqual((await validate(stack({ "openova.io/tenant": "acme" }))).reported, []);
        // Without the label the Gateway does not accept the ListenerSet, so its listeners are never programmed.
        const unlabelled = await validate(stack({}));
        assert.deepEqual(unlabelled.reported.map((r) => r.message), [
            "HTTPRoute tenant-acme/webmail -> ListenerSet tenant-acme/console-acme: Accepted=True but attached to no listener (Accepted HTTPRoute). " +
                "Fix: check the parentRef against the listeners. Cause: ListenerSet tenant-acme/console-acme is not attached: its Gateway " +
                "kube-system/cilium-gateway-console does not allow it (allowedListeners.namespaces.from: Selector); its listeners are not programmed, " +
                "so this parentRef serves nothing",
        ]);

        // A tenant shard: the ListenerSet's Gateway lives in the Sovereign stack, so it must come from config.
        const shard = stack({ "openova.io/tenant": "acme" }).slice(1);
        const missing = await validate(shard);
        assert.equal(missing.reported.length, 1);
        assert.ok(
            missing.reported[0].message.endsWith(
                "Cause: ListenerSet tenant-acme/console-acme is not attached: its parent Gateway kube-system/cilium-gateway-console is not in the input; " +
                    "its listeners are not programmed, so this parentRef serves nothing. If that Gateway is managed outside this stack " +
                    "(gateways.management: external, or a tenant shard), pass its listeners in the policy config: --policy-pack-config with " +
                    '{"httproute-attachment": {"gateways": [{namespace, name, listeners, allowedListeners}]}}',
            ),
            missing.reported[0].message,
        );
        const spec = gateway.spec as { listeners: Listener[]; allowedListeners: AllowedListeners };
        const config = { gateways: [{ namespace: "kube-system", name: "cilium-gateway-console", listeners: spec.listeners, allowedListeners: spec.allowedListeners }] };
        assert.deepEqual((await validate(shard, config)).reported, []);
    });
});
