// The check CLI's logic in-process, with the renderer replaced: the program refusing to plan (its
// AttachmentError, as the CLI receives it), a rendered route that does not attach, and crashes.

import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Render, parseArgs, runCheck } from "../../../src/tools/check/check-cli";
import { AttachmentError } from "../../../src/proof/sovereign-attachment";
import { planSovereign } from "../../../src/plan/sovereign-plan";
import { bufferIO } from "../../support/check-io";
import { specFrom, zonesOf } from "../../support/sovereigns";


const PINNED =
    "HTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent " +
    "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname";

// What deploySovereign throws when its own proof fails: the AttachmentError's message as a RunError.
const refusing: Render = async () => {
    throw new pulumi.RunError(new AttachmentError([PINNED]).message);
};

function rendering(documents: Awaited<ReturnType<Render>>["documents"]): Render {
    const spec = specFrom({ fqdn: "omantel.omani.works", zones: zonesOf("omani.works", "omani.homes") });
    return async () => ({ stack: "demo", stackFile: `${process.cwd()}/stacks/Pulumi.demo.yaml`, spec, plan: planSovereign(spec), documents });
}

describe("check: CLI logic", () => {
    it("parses arguments like npm run render, with mode and format", () => {
        assert.deepEqual(parseArgs([]), { mode: "cilium", format: "table" });
        assert.deepEqual(parseArgs(["--stack", "t28", "--mode", "spec", "--format", "md", "--out", "r.md"]), { stack: "t28", mode: "spec", format: "md", out: "r.md" });
        assert.throws(() => parseArgs(["--stack", "a", "--stack-file", "b"]), /give --stack or --stack-file, not both/);
        assert.throws(() => parseArgs(["--out"]), /--out needs a value/);
        assert.throws(() => parseArgs(["--verbose"]), /unknown argument --verbose/);
    });

    it("--help prints usage and exits 0", async () => {
        const { io, out } = bufferIO();
        assert.equal(await runCheck(["--help"], io, refusing), 0);
        assert.match(out.stderr, /^usage: npm run check -- \[--stack <name> \| --stack-file <path>\]/);
    });

    it("the program refusing to plan a non-attaching route: its message, exit 1", async () => {
        const { io, out } = bufferIO();
        assert.equal(await runCheck(["--stack", "demo"], io, refusing), 1);
        assert.equal(out.stdout, "");
        assert.equal(out.stderr, `check: 1 route would not attach; nothing was registered:\n  - ${PINNED}\n`);
    });

    it("... and with --format md, the Markdown report of the refusal as well", async () => {
        const { io, out } = bufferIO();
        assert.equal(await runCheck(["--stack", "demo", "--format", "md"], io, refusing), 1);
        assert.equal(
            out.stdout,
            "### Route attachment: `demo` FAILED\n\nThe program refused stack `demo` (`stacks/Pulumi.demo.yaml`); nothing was registered:\n\n" +
                `\`\`\`text\n1 route would not attach; nothing was registered:\n  - ${PINNED}\n\`\`\`\n`,
        );
    });

    it("a rendered HTTPRoute that does not attach fails the check (exit 1) even though the plan's routes attach", async () => {
        const pinned = {
            namespace: "mail",
            kind: "HTTPRoute",
            name: "webmail",
            body: {
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "HTTPRoute",
                metadata: { name: "webmail", namespace: "mail" },
                spec: { parentRefs: [{ name: "cilium-gateway", namespace: "kube-system", sectionName: "https" }], hostnames: ["mail.omani.homes"] },
            },
        };
        const { io, out } = bufferIO();
        assert.equal(await runCheck(["--out", "report.txt"], io, rendering([pinned])), 1);
        const report = out.files.get("report.txt")!;
        assert.match(report, /\nmail\/webmail +mail\.omani\.homes +Gateway kube-system\/cilium-gateway +- +NoMatchingParent +-\n +sectionName https\n/);
        assert.match(report, /\nNot attached:\n- HTTPRoute mail\/webmail -> Gateway kube-system\/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent /);
        assert.match(report, /\n9 routes, 8 attached: 1 not attached\.\n$/);
        assert.equal(out.stderr, "check: 9 routes, 8 attached, stack demo; report in report.txt\n");
        assert.equal(await runCheck([], bufferIO().io, rendering([])), 0);
    });

    it("an unexpected error is not a verdict: exit 2 with its message, the stack trace only on request", async () => {
        const { io, out } = bufferIO();
        const crashing: Render = async () => {
            throw new TypeError("boom");
        };
        assert.equal(await runCheck([], io, crashing), 2);
        assert.equal(out.stderr, "check: unexpected error (a bug; please report it): boom\n  (run with SOVEREIGN_STACKS_DEBUG=1 for the stack trace)\n");
        process.env.SOVEREIGN_STACKS_DEBUG = "1";
        try {
            const debug = bufferIO();
            assert.equal(await runCheck([], debug.io, crashing), 2);
            assert.match(debug.out.stderr, /^check: unexpected error \(a bug; please report it\): TypeError: boom\n {4}at /);
        } finally {
            delete process.env.SOVEREIGN_STACKS_DEBUG;
        }
    });
});
