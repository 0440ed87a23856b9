// The offline render as operators run it: deterministic output for the bundled stacks, files per
// namespace, and bad config failing with every error, a non-zero exit and no output.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { renderStack } from "../../../src/tools/render/render-stack";
import { filesByNamespace, toYamlStream } from "../../../src/tools/render/manifest-files";
import { REPO_ROOT, capturingWarnings, writeStack } from "../../support/sovereigns";

const EXAMPLES = fs
    .readdirSync(path.join(REPO_ROOT, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

function runCli(args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "src/tools/render/render-cli.ts", ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
}

describe("offline render", () => {
    it("ships at least the two example Sovereigns", () => {
        assert.ok(EXAMPLES.includes("omantel") && EXAMPLES.includes("t28"), EXAMPLES.join(","));
    });

    for (const stack of EXAMPLES) {
        it(`renders stacks/Pulumi.${stack}.yaml twice, byte-identical`, async () => {
            const once = async () => toYamlStream((await capturingWarnings(() => renderStack({ stack, projectRoot: REPO_ROOT }))).result.documents);
            const first = await once();
            const second = await once();
            assert.ok(first.length > 1000);
            assert.equal(first, second);
            // Every document parses and has the identity fields a reviewer relies on.
            for (const doc of yaml.loadAll(first) as Record<string, Record<string, unknown>>[]) {
                assert.ok(doc.apiVersion && doc.kind && doc.metadata.name, JSON.stringify(doc).slice(0, 200));
            }
        });
    }

    it("groups documents into one file per namespace", async () => {
        const { result } = await capturingWarnings(() => renderStack({ stack: "t28", projectRoot: REPO_ROOT }));
        const files = filesByNamespace(result.documents, "stacks/Pulumi.t28.yaml");
        assert.deepEqual([...files.keys()], ["_cluster.yaml", "gitea.yaml", "grafana.yaml", "harbor.yaml", "keycloak.yaml", "kube-system.yaml", "newapi.yaml", "openbao.yaml", "powerdns.yaml"]);
        assert.deepEqual(
            (yaml.loadAll(files.get("kube-system.yaml")!) as { kind: string; metadata: { name: string } }[]).map((d) => `${d.kind}/${d.metadata.name}`),
            ["Gateway/cilium-gateway", "Gateway/cilium-gateway-console"],
        );
    });

    it("CLI: --out writes the files and removes stale rendered ones only", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "render-out-"));
        fs.writeFileSync(path.join(out, "old-namespace.yaml"), "# Rendered offline by sovereign-stacks from x; do not edit.\n");
        fs.writeFileSync(path.join(out, "mine.yaml"), "kind: KeepMe\n");
        const r = runCli(["--stack", "t28", "--out", out]);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, "");
        assert.deepEqual(fs.readdirSync(out).sort(), ["_cluster.yaml", "gitea.yaml", "grafana.yaml", "harbor.yaml", "keycloak.yaml", "kube-system.yaml", "mine.yaml", "newapi.yaml", "openbao.yaml", "powerdns.yaml"]);
        assert.match(r.stderr, /render: \d+ documents for stack t28 in 9 files/);
    });

    it("CLI: invalid config prints every error, exits 1 and writes nothing", () => {
        const stackFile = writeStack("broken", { fqdn: "Bad_Name", zones: [{ name: "omani.works", role: "pool" }], blueprints: { harbor: { version: "latest" } } });
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "render-out-"));
        const r = runCli(["--stack-file", stackFile, "--out", out]);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stdout, "");
        assert.deepEqual(fs.readdirSync(out), []);
        assert.match(r.stderr, /3 configuration errors; nothing was registered/);
        assert.match(r.stderr, /sovereign-stacks:fqdn = "Bad_Name"/);
        assert.match(r.stderr, /sovereign-stacks:zones\[0\]\.role = "pool"/);
        assert.match(r.stderr, /sovereign-stacks:blueprints\.harbor\.version = "latest"/);
        assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/); // a message, not a stack trace
    });

    it("CLI: usage errors exit 2", () => {
        const r = runCli(["--stack"]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /--stack needs a value/);
    });
});
