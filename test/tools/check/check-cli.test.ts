// `npm run check` as operators run it: every bundled stack passes, a stack that pins `sectionName: https` on
// two zones fails with exit 1 and says why, the Markdown report is written for a pull request, and usage
// errors exit 2. One CLI process per case (each renders a stack offline, ~3 s).

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, writeStack, zonesOf } from "../../support/sovereigns";

const STACKS = fs
    .readdirSync(path.join(REPO_ROOT, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

function runCheck(args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "src/tools/check/check-cli.ts", ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
}

// One process per bundled stack, shared by the tests that read its table.
const checked = new Map<string, ReturnType<typeof runCheck>>();
function checkStack(stack: string) {
    if (!checked.has(stack)) {
        checked.set(stack, runCheck(["--stack", stack]));
    }
    return checked.get(stack)!;
}

/** The ROUTE column of the attachment table (first column of the rows after the header, continuation lines skipped). */
function routeColumn(stdout: string): string[] {
    const lines = stdout.split("\n");
    const start = lines.findIndex((l) => l.startsWith("ROUTE "));
    const end = lines.indexOf("", start);
    return lines.slice(start + 1, end).filter((l) => !l.startsWith(" ")).map((l) => l.split(/\s+/)[0]);
}

describe("npm run check", () => {
    it("finds the bundled example stacks", () => {
        assert.ok(STACKS.includes("omantel") && STACKS.includes("t28"), STACKS.join(","));
    });

    for (const stack of STACKS) {
        it(`stacks/Pulumi.${stack}.yaml: every route attaches, exit 0`, () => {
            const r = checkStack(stack);
            assert.equal(r.status, 0, r.stdout + r.stderr);
            const lines = r.stdout.trimEnd().split("\n");
            assert.match(lines[0], new RegExp(`^Route attachment of stack ${stack} \\(stacks/Pulumi\\.${stack}\\.yaml\\); zones: .+; mode: cilium$`));
            const verdict = /^(\d+) routes?, (\d+) attached: every route attaches\.$/.exec(lines[lines.length - 1]);
            assert.ok(verdict, lines[lines.length - 1]);
            assert.equal(verdict[1], verdict[2]);
            const routes = routeColumn(r.stdout);
            assert.equal(new Set(routes).size, Number(verdict[1]), routes.join(","));
            assert.ok(routes.length > 0, "every bundled stack has routes");
            assert.doesNotMatch(r.stdout, /Not attached:/);
        });
    }

    it("omantel: the table shows each route's listeners, status and serving listener", () => {
        const r = checkStack("omantel");
        assert.equal(r.status, 0, r.stderr);
        const rows = r.stdout.split("\n");
        const keycloak = rows.findIndex((l) => l.startsWith("keycloak/keycloak "));
        assert.match(rows[keycloak], /^keycloak\/keycloak +auth\.omantel\.omani\.works +Gateway kube-system\/cilium-gateway +https-omani-works +Accepted +https-omantel-omani-works$/);
        assert.deepEqual(
            rows.slice(keycloak + 1, keycloak + 4).map((l) => l.trim().split(/\s+/)),
            [["http-omani-works", "http-omantel-omani-works"], ["https-omantel-omani-works"], ["http-omantel-omani-works"]],
        );
        assert.match(r.stdout, /\nGateway kube-system\/cilium-gateway +https-omani-homes +HTTPS +443 +\*\.omani\.homes +\d+\n/);
    });

    it("a two-zone stack pinning keycloak to sectionName https: exit 1, naming NoMatchingParent and the keycloak route", () => {
        const stackFile = writeStack("pinned", { fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes"), blueprints: { keycloak: { sectionName: "https" } } });
        const r = runCheck(["--stack-file", stackFile]);
        assert.equal(r.status, 1, r.stdout + r.stderr);
        // The program refuses the stack before planning; the operator sees its message, not a stack trace.
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /^check: 1 configuration error; nothing was registered:\n/);
        assert.match(r.stderr, /sovereign-stacks:blueprints\.keycloak\.sectionName = "https": names no listener of Gateway kube-system\/cilium-gateway/);
        assert.match(r.stderr, /Accepted=False, NoMatchingParent/);
        assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
    });

    it("--format md --out: writes the pull-request report (spec mode) and exits 0", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "check-md-")), "t28.md");
        const r = runCheck(["--stack", "t28", "--format", "md", "--mode", "spec", "--out", out]);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, new RegExp(`^check: (\\d+) routes, \\1 attached, stack t28; report in ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n$`));
        const md = fs.readFileSync(out, "utf8");
        assert.match(md, /^### Route attachment: `t28` passed\n\n\*\*(\d+) routes, \1 attached\*\* · stack `t28` \(`stacks\/Pulumi\.t28\.yaml`\) · zones `omani\.works` · mode `spec`\n/);
        assert.match(md, /\n\| `keycloak\/keycloak` \| `auth\.t28\.omani\.works` \| Gateway kube-system\/cilium-gateway \| `https`<br>`http`<br>`https-t28-omani-works`<br>`http-t28-omani-works` \| Accepted \|/);
        assert.match(md, /\n```mermaid\nflowchart LR\n {2}subgraph gw_kube_system_cilium_gateway\["Gateway kube-system\/cilium-gateway"\]\n/);
    });

    it("usage errors exit 2", () => {
        const r = runCheck(["--format", "pdf"]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /^check: --format must be one of table, md, not "pdf"\nusage: npm run check/);
    });
});
