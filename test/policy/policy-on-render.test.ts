// The policy over what the program really registers (recorded by the offline renderer's mocks): the
// resource types and shapes it collects are the program's own. Charts render no children under mocks, so
// this covers the program's Gateways, ListenerSets, HTTPRoutes and Namespaces; chart routes are covered by
// the hand-built cases and, in a real preview, by the Chart v4 children.

import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import { attachmentPolicy } from "../../policy/attachment-policy";
import { renderStack } from "../../src/tools/render/render-stack";
import { REPO_ROOT, capturingWarnings } from "../support/sovereigns";
import { collect, resource, stackArgs } from "./support";

async function registered(stack: string) {
    const { result } = await capturingWarnings(() => renderStack({ stack, projectRoot: REPO_ROOT }));
    return { result, resources: result.registrations.map((r, i): PolicyResource => resource(r.type, `${r.name}#${i}`, r.inputs)) };
}

async function violations(resources: PolicyResource[], config: object = {}): Promise<string[]> {
    const { reported, report } = collect();
    await attachmentPolicy.validateStack(stackArgs(resources, config), report);
    return reported.map((r) => r.message);
}

describe("CrossGuard policy over the program's registrations", () => {
    it("omantel: Gateways, tenant ListenerSets, webmail routes and namespaces pass", async () => {
        const { resources } = await registered("omantel");
        const types = new Set(resources.map((r) => r.type));
        for (const type of ["Gateway", "ListenerSet", "HTTPRoute"]) {
            assert.ok(types.has(`kubernetes:gateway.networking.k8s.io/v1:${type}`), type);
        }
        assert.deepEqual(await violations(resources), []);
    });

    it("a tenant shard needs the Sovereign's console Gateway from config, and passes with it", async () => {
        const { resources } = await registered("omantel-shard-a");
        const missing = await violations(resources);
        assert.equal(missing.length, 2, missing.join("\n"));
        for (const message of missing) {
            assert.match(message, /its parent Gateway kube-system\/cilium-gateway-console is not in the input/);
            assert.match(message, /pass its listeners in the policy config: --policy-pack-config/);
        }

        // What an operator copies from `npm run render -- --stack omantel` into policy/config.json.
        const { result } = await registered("omantel");
        const consoleGateway = result.documents.find((d) => d.kind === "Gateway" && d.name === "cilium-gateway-console")!;
        const spec = consoleGateway.body.spec as Record<string, unknown>;
        const config = { gateways: [{ namespace: consoleGateway.namespace, name: consoleGateway.name, listeners: spec.listeners, allowedListeners: spec.allowedListeners }] };
        assert.deepEqual(await violations(resources, config), []);
    });
});
