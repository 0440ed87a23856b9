// A few bad inputs through the real CLI processes (bad-input.test.ts covers every class in-process):
// the exit code, nothing on stdout, no stack trace, and no secret in stderr or the Markdown report.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { P, TOKEN, stackText } from "../support/bad-input";
import { REPO_ROOT, zonesOf } from "../support/sovereigns";

function run(tool: "render" | "check", args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", `src/tools/${tool}/${tool}-cli.ts`, ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
}

function folder(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-process-"));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

describe("bad input through the CLI processes", function () {
    this.timeout(120_000);

    it("npm run render: a stack file that is not YAML, exit 1, one line naming the file", () => {
        const dir = folder({ "Pulumi.s.yaml": `config:\n\t${P}:fqdn: a.omani.works\n` });
        const r = run("render", ["--stack-file", path.join(dir, "Pulumi.s.yaml")]);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /^render: 1 configuration error; nothing was registered:\n {2}- \S*Pulumi\.s\.yaml: is not valid YAML: tab characters must not be used in indentation .*\. Fix: fix the YAML syntax/);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
    });

    it("npm run render: --stack twice, exit 2 with one usage line", () => {
        const r = run("render", ["--stack", "t28", "--stack", "omantel"]);
        assert.equal(r.status, 2);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr, "render: --stack is given twice\nusage: npm run render -- [--stack <name> | --stack-file <path>] [--out <dir>]\n");
    });

    it("npm run check --format md: tenantsDir pointed at a kubeconfig leaks nothing, in stderr or the report", () => {
        const kubeconfig = yaml.dump({ apiVersion: "v1", kind: "Config", users: [{ name: "admin", user: { token: TOKEN } }] });
        const dir = folder({ "Pulumi.s.yaml": stackText({ fqdn: "omantel.omani.works", zones: zonesOf("omani.works"), tenantsDir: "kube" }), "kube/config.yaml": kubeconfig });
        const report = path.join(dir, "report.md");
        const r = run("check", ["--stack-file", path.join(dir, "Pulumi.s.yaml"), "--format", "md", "--out", report]);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /config\.yaml: users = \(a list, not shown\): unknown key/);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
        const md = fs.readFileSync(report, "utf8");
        assert.match(md, /^### Route attachment: `s` FAILED/);
        for (const text of [r.stderr, md]) {
            assert.ok(!text.includes(TOKEN), text);
        }
    });
});
