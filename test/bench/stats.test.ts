// Pure helpers of the benchmark (scripts/bench/stats.ts). The benchmark itself is a script, never a test.

import { strict as assert } from "node:assert";
import {
    CpuProfile,
    DEFAULT_OPTIONS,
    median,
    parseBenchArgs,
    projectNodeArgs,
    parseSummaryLine,
    ratio,
    selfTimes,
    shortUrl,
    summaryLine,
} from "../../scripts/bench/stats";
import { benchSovereignValues } from "../../scripts/bench/bench-sovereign";
import { parseSovereign } from "../../src/config/sovereign-config";
import { attachmentFailures, checkSovereignAttachment } from "../../src/proof/sovereign-attachment";
import { planSovereign } from "../../src/plan/sovereign-plan";

describe("bench helpers", () => {
    it("median of odd and even counts, unsorted input untouched", () => {
        const values = [5, 1, 3];
        assert.equal(median(values), 3);
        assert.deepEqual(values, [5, 1, 3]);
        assert.equal(median([4, 1, 3, 2]), 2.5);
        assert.equal(median([7]), 7);
        assert.throws(() => median([]), /empty/);
    });

    it("ratio is undefined when a side is unknown or the divisor is not positive", () => {
        assert.equal(ratio(3, 2), 1.5);
        assert.equal(ratio(undefined, 2), undefined);
        assert.equal(ratio(3, 0), undefined);
    });

    it("prints the summary line exactly, and reads it back", () => {
        const line = summaryLine({ programOverFloorAt1000: 1.234, linearity: 10.5, peakRssMbAt1000: 3071.6 });
        assert.equal(line, "bench: program/floor at 1000 tenants = 1.23; time(1000)/time(100) = 10.50; peak RSS at 1000 = 3072 MB");
        assert.deepEqual(parseSummaryLine(line), { programOverFloorAt1000: 1.23, linearity: 10.5, peakRssMbAt1000: 3072 });
        const partial = summaryLine({});
        assert.equal(partial, "bench: program/floor at 1000 tenants = n/a; time(1000)/time(100) = n/a; peak RSS at 1000 = n/a MB");
        assert.deepEqual(parseSummaryLine(partial), { programOverFloorAt1000: undefined, linearity: undefined, peakRssMbAt1000: undefined });
        assert.equal(parseSummaryLine("bench: total 12 s"), undefined);
    });

    it("parses the command line, defaulting to the full set", () => {
        assert.deepEqual(parseBenchArgs([]), DEFAULT_OPTIONS);
        const quick = parseBenchArgs(["--sizes", "0,10,100", "--runs", "3", "--node-arg=--stack-trace-limit=0", "--example", "none", "--profile"]);
        assert.deepEqual(quick.sizes, [0, 10, 100]);
        assert.equal(quick.runs, 3);
        assert.deepEqual(quick.nodeArgs, ["--stack-trace-limit=0"]);
        assert.equal(quick.exampleStack, "");
        assert.equal(quick.profileTenants, 1000);
        assert.equal(parseBenchArgs(["--profile", "300"]).profileTenants, 300);
        assert.equal(parseBenchArgs(["--node-arg", "--stack-trace-limit=0"]).nodeArgs[0], "--stack-trace-limit=0");
        assert.throws(() => parseBenchArgs(["--runs", "0"]), /integer >= 1/);
        assert.throws(() => parseBenchArgs(["--sizes", "10,x"]), /not an integer/);
        assert.throws(() => parseBenchArgs(["--bogus"]), /unknown argument/);
    });

    it("sums self time per function from a CPU profile's samples", () => {
        const profile: CpuProfile = {
            nodes: [
                { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 } },
                { id: 2, callFrame: { functionName: "servingFor", url: "file:///r/.cache/bench-build/src/gateway/attachment.js", lineNumber: 9 } },
                { id: 3, callFrame: { functionName: "debuggablePromise", url: "file:///r/node_modules/@pulumi/pulumi/runtime/debuggable.js", lineNumber: 79 } },
            ],
            samples: [2, 2, 3, 2],
            timeDeltas: [0, 1000, 3000, 2000],
            startTime: 0,
            endTime: 6000,
        };
        const s = selfTimes(profile);
        // sample i lasts until sample i+1: node 2 gets 1000 + 3000, node 3 gets 2000, the last sample nothing.
        assert.deepEqual(
            s.frames.map((f) => [f.frame, f.owner, f.ms]),
            [
                ["servingFor (src/gateway/attachment.js:10)", "ours", 4],
                ["debuggablePromise (@pulumi/pulumi/runtime/debuggable.js:80)", "@pulumi/pulumi", 2],
            ],
        );
        assert.equal(s.total, 6);
        assert.deepEqual(shortUrl("node:internal/errors"), { file: "node:internal/errors", owner: "node" });
    });

    it("generates a Sovereign with unique tenant slugs and domains in two zones", () => {
        const values = benchSovereignValues(1000);
        const tenants = values.tenants as { slug: string; domain: { primary?: string; zone?: string } }[];
        assert.equal(tenants.length, 1000);
        assert.equal(new Set(tenants.map((t) => t.slug)).size, 1000);
        assert.ok(tenants.some((t) => t.domain.primary !== undefined) && tenants.some((t) => t.domain.zone === "omani.works"));
        assert.equal((values.zones as unknown[]).length, 2);
    });
});

describe("bench Sovereign", () => {
    it("validates, plans and attaches (what every program run of the benchmark relies on)", () => {
        const spec = parseSovereign({ project: "sovereign-stacks", stack: "bench", file: "Pulumi.bench.yaml", values: benchSovereignValues(40) }, () => {
            throw new Error("no tenants folder");
        });
        assert.equal(spec.tenants.length, 40);
        assert.deepEqual(attachmentFailures(checkSovereignAttachment(planSovereign(spec))), []);
    });
});

describe("bench node flags", () => {
    it("reads runtime.options.nodeargs from a parsed Pulumi.yaml", () => {
        assert.deepEqual(projectNodeArgs({ runtime: { name: "nodejs", options: { nodeargs: " --stack-trace-limit=0  --max-semi-space-size=64 " } } }), [
            "--stack-trace-limit=0",
            "--max-semi-space-size=64",
        ]);
        assert.deepEqual(projectNodeArgs({ runtime: "nodejs" }), []);
        assert.deepEqual(projectNodeArgs(undefined), []);
        assert.equal(parseBenchArgs(["--no-project-nodeargs"]).projectNodeArgs, false);
    });
});
