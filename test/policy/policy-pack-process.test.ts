// The policy pack as the Pulumi CLI runs it, minus the CLI: the pack folder is started with @pulumi/pulumi's
// own `run-policy-pack` launcher (ts-node with type-checking, as the nodejs language host does), and the
// test talks to the gRPC analyzer it serves on the loopback interface, with protobuf requests shaped like
// the engine's. This proves the pack loads from policy/ with the root node_modules, that its version
// comes from policy/package.json, and how the server maps violations and unknowns to enforcement levels.

import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "path";
// Both are dependencies of @pulumi/pulumi (the engine protocol); the test speaks it as the CLI would.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { REPO_ROOT } from "../support/sovereigns";
import { TYPES, UNKNOWN_STRING, gatewayProps, routeProps, urnOf, zoneListeners } from "./support";

const PACK_DIR = path.join(REPO_ROOT, "policy");
const SHARED = { name: "cilium-gateway", namespace: "kube-system" };

function startPack(): Promise<{ child: ChildProcess; port: number }> {
    const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    // Arguments as the language host passes them: the engine address (unused by the pack), then the program.
    const child = spawn(process.execPath, [launcher, "127.0.0.1:0", "."], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stderr!.on("data", (d) => (stderr += String(d)));
        child.stdout!.on("data", (d) => {
            stdout += String(d);
            const port = /^(\d+)\s*$/m.exec(stdout);
            if (port) {
                resolve({ child, port: Number(port[1]) });
            }
        });
        child.on("exit", (code) => reject(new Error(`policy pack exited with ${code} before serving:\n${stdout}\n${stderr}`)));
    });
}

const call = <Req, Res>(fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req) =>
    new Promise<Res>((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res))));

function analyzerResource(type: string, name: string, props: Record<string, unknown>): analyzer.AnalyzerResource {
    return new analyzer.AnalyzerResource()
        .setType(type)
        .setName(name)
        .setUrn(urnOf(type, name))
        .setProperties(Struct.fromJavaScript(props as never))
        .setOptions(new analyzer.AnalyzerResourceOptions());
}

interface Diagnostic {
    level: string;
    urn: string;
    message: string;
}

const LEVELS: Record<number, string> = { [analyzer.EnforcementLevel.ADVISORY]: "advisory", [analyzer.EnforcementLevel.MANDATORY]: "mandatory" };

describe("CrossGuard policy pack process (run-policy-pack + gRPC, no Pulumi CLI)", function () {
    // Starting the pack type-checks it with ts-node, as the CLI does: several seconds.
    this.timeout(120_000);
    let pack: { child: ChildProcess; port: number };
    let client: AnalyzerClient;

    before(async () => {
        pack = await startPack();
        client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        pack?.child.removeAllListeners("exit");
        pack?.child.kill();
    });

    const analyzeStack = async (resources: analyzer.AnalyzerResource[]): Promise<Diagnostic[]> => {
        const res = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
            client.analyzeStack.bind(client),
            new analyzer.AnalyzeStackRequest().setResourcesList(resources),
        );
        return res.getDiagnosticsList().map((d) => ({ level: LEVELS[d.getEnforcementlevel()] ?? String(d.getEnforcementlevel()), urn: d.getUrn(), message: d.getMessage() }));
    };

    it("describes itself: pack name, version from policy/package.json, one mandatory stack policy with a config schema", async () => {
        const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
        assert.equal(info.getName(), "sovereign-attachment");
        assert.equal(info.getVersion(), "0.1.0");
        assert.deepEqual(
            info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel(), p.getPolicyType(), Object.keys(p.getConfigschema()?.getProperties()?.toJavaScript() ?? {})]),
            [["httproute-attachment", analyzer.EnforcementLevel.MANDATORY, analyzer.PolicyType.POLICY_TYPE_STACK, ["gateways"]]],
        );
    });

    it("a pinned sectionName on a two-zone Gateway is a mandatory violation on the route; an unknown hostname is advisory", async () => {
        const diagnostics = await analyzeStack([
            analyzerResource(TYPES.gateway, "shared-gateway", gatewayProps(zoneListeners("omani.works", "omani.homes"))),
            analyzerResource(TYPES.httpRoute, "keycloak-route", routeProps("keycloak", "keycloak", ["auth.omani.works"], { ...SHARED, sectionName: "https" })),
            analyzerResource(TYPES.httpRoute, "gitea-route", routeProps("gitea", "gitea", ["gitea.omani.works"], SHARED)),
            analyzerResource(TYPES.httpRoute, "grafana-route", routeProps("grafana", "grafana", [UNKNOWN_STRING], SHARED)),
        ]);
        const description = diagnostics[0]?.message.split("\n")[0] ?? "";
        assert.match(description, /^Every HTTPRoute parentRef is accepted/);
        assert.deepEqual(diagnostics, [
            {
                level: "mandatory",
                urn: urnOf(TYPES.httpRoute, "keycloak-route"),
                message:
                    `${description}\nHTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent ` +
                    "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
            },
            {
                level: "advisory",
                urn: "",
                message:
                    "can't run policy 'httproute-attachment' from policy pack 'sovereign-attachment@v0.1.0' during preview: cannot verify the attachment of " +
                    "1 item until deploy (values unknown during preview): HTTPRoute grafana/grafana (spec.hostnames.0 unknown)",
            },
        ]);
    });

    it("external Gateways come from policy config (what --policy-pack-config sends)", async () => {
        const route = analyzerResource(TYPES.httpRoute, "keycloak-route", routeProps("keycloak", "keycloak", ["auth.omani.works"], SHARED));
        assert.equal((await analyzeStack([route]))[0]?.message.includes("reason InvalidHTTPRoute (Gateway kube-system/cilium-gateway not found."), true);

        const request = new analyzer.ConfigureAnalyzerRequest();
        const config = { gateways: [{ ...SHARED, listeners: zoneListeners("omani.works", "omani.homes") }] };
        request.getPolicyconfigMap().set(
            "httproute-attachment",
            new analyzer.PolicyConfig().setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY).setProperties(Struct.fromJavaScript(config as never)),
        );
        await call<analyzer.ConfigureAnalyzerRequest, Empty>(client.configure.bind(client), request);
        assert.deepEqual(await analyzeStack([route]), []);
    });
});
