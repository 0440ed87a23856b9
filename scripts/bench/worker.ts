// One measured run, in its own process (started by scripts/bench/main.ts, compiled JS only):
//
//   node worker.js program <tenants>   the real program on a generated Sovereign, config as the CLI passes it
//   node worker.js example <stack>     renderStack() of stacks/Pulumi.<stack>.yaml (the offline render)
//   node worker.js floor <count>       <count> registrations of bare ConfigMaps, nothing else: the SDK alone
//   node worker.js replay <file>       the registrations a program run recorded (BENCH_DUMP=<file>), replayed as
//                                      plain CustomResources/ComponentResources with the same types, names and
//                                      inputs and no program code: what the SDK charges for these very manifests
//   node worker.js phases <tenants>    no Pulumi: validation, plan and attachment proof of the same Sovereign,
//                                      each timed on its own (cold), to show what our pure code costs
//
// The Pulumi modes (program, example, floor, replay) set the same mocks (RecordingMocks with the provider
// fakes), run inside runInPulumiStack and end with disconnect(). Wall time is measured from process start
// (performance.timeOrigin) to just after disconnect, so module loading counts for every kind and process
// teardown for none; peak RSS is process.resourceUsage().maxRSS taken at the same point. The example mode
// times renderStack() as a whole, i.e. including the documents it returns. Prints one line
// `BENCH_RESULT <json>` on stdout.

import { performance } from "node:perf_hooks";

export interface WorkerResult {
    mode: "program" | "example" | "floor" | "replay" | "phases";
    /** Tenants (program, phases), target registrations (floor), the stack name (example) or the file (replay). */
    arg: string;
    /** Registrations the mocks saw, counted like the renderer (RecordingMocks.registrations). */
    registrations: number;
    /** ms from process start until the modules this mode needs are loaded. */
    loadMs: number;
    /** ms from process start until after disconnect(): the figure compared. */
    wallMs: number;
    /** CPU time (user + system, all threads: GC helpers included) until the same point, ms. */
    cpuMs: number;
    /** Peak resident set size, KB (process.resourceUsage().maxRSS). */
    maxRssKb: number;
    /** Heap used after the run, MB. */
    heapUsedMb: number;
    /** Program only: ms to turn the registrations into documents (documentsFor), after the timed part. */
    documentsMs?: number;
    /** Phases only: ms of validation (parseSovereign), planning (planSovereign) and the attachment proof. */
    phases?: { validateMs: number; planMs: number; checkMs: number };
}

const RESULT_PREFIX = "BENCH_RESULT ";

function report(result: WorkerResult): void {
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

function peak(): { cpuMs: number; maxRssKb: number; heapUsedMb: number } {
    const usage = process.resourceUsage();
    return { cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

async function runProgram(tenants: number): Promise<WorkerResult> {
    const path = await import("node:path");
    const pulumi = await import("@pulumi/pulumi");
    const { RecordingMocks } = await import("../../src/tools/render/recording-mocks");
    const { PROVIDER_FAKES } = await import("../../src/tools/render/provider-fakes");
    const { cliConfigMap } = await import("../../src/tools/render/render-stack");
    const { deployStack } = await import("../../src/pulumi/program");
    const { findProjectRoot, readProjectFile } = await import("../../src/config/stack-files");
    const { documentsFor } = await import("../../src/tools/render/documents");
    const { BENCH_STACK, benchSovereignValues } = await import("./bench-sovereign");
    const loadMs = performance.now();

    const root = findProjectRoot(process.cwd());
    const project = readProjectFile(root);
    // A virtual stack file: with inline tenants it only names the stack in messages.
    const stackFile = path.join(root, project.stackConfigDir, `Pulumi.${BENCH_STACK}.yaml`);
    const { config, secretKeys } = cliConfigMap(project.name, benchSovereignValues(tenants), []);

    const mocks = new RecordingMocks(PROVIDER_FAKES);
    await pulumi.runtime.setMocks(mocks, project.name, BENCH_STACK, false);
    pulumi.runtime.setAllConfig(config, secretKeys);
    let failure: unknown;
    await pulumi.runtime.runInPulumiStack(async () => {
        try {
            await deployStack({ stackFile });
        } catch (err) {
            failure = err;
        }
        return {};
    });
    await pulumi.runtime.disconnect();
    const wallMs = performance.now();
    const memory = peak();
    if (failure !== undefined) {
        throw failure;
    }
    const dump = process.env.BENCH_DUMP;
    if (dump !== undefined && dump !== "") {
        const fs = await import("node:fs");
        fs.writeFileSync(dump, JSON.stringify(mocks.registrations));
    }
    const docStart = performance.now();
    documentsFor(mocks.registrations);
    const documentsMs = performance.now() - docStart;
    return { mode: "program", arg: String(tenants), registrations: mocks.registrations.length, loadMs, wallMs, ...memory, documentsMs };
}

async function runPhases(tenants: number): Promise<WorkerResult> {
    const { parseSovereign } = await import("../../src/config/sovereign-config");
    const { planSovereign } = await import("../../src/plan/sovereign-plan");
    const { attachmentFailures, checkSovereignAttachment } = await import("../../src/proof/sovereign-attachment");
    const { BENCH_STACK, benchSovereignValues } = await import("./bench-sovereign");
    const loadMs = performance.now();
    const values = benchSovereignValues(tenants);
    const noFolder = () => {
        throw new Error("the benchmark Sovereign has no tenants folder");
    };
    let t = performance.now();
    const lap = () => {
        const now = performance.now();
        const ms = now - t;
        t = now;
        return ms;
    };
    const spec = parseSovereign({ project: "sovereign-stacks", stack: BENCH_STACK, file: `Pulumi.${BENCH_STACK}.yaml`, values }, noFolder);
    const validateMs = lap();
    const plan = planSovereign(spec);
    const planMs = lap();
    const failures = attachmentFailures(checkSovereignAttachment(plan));
    const checkMs = lap();
    if (failures.length > 0) {
        throw new Error(`the benchmark Sovereign does not attach:\n${failures.join("\n")}`);
    }
    return { mode: "phases", arg: String(tenants), registrations: 0, loadMs, wallMs: performance.now(), ...peak(), phases: { validateMs, planMs, checkMs } };
}

async function runExample(stack: string): Promise<WorkerResult> {
    const { renderStack } = await import("../../src/tools/render/render-stack");
    const loadMs = performance.now();
    const result = await renderStack({ stack });
    const wallMs = performance.now();
    return { mode: "example", arg: stack, registrations: result.registrations.length, loadMs, wallMs, ...peak() };
}

async function runFloor(count: number): Promise<WorkerResult> {
    const pulumi = await import("@pulumi/pulumi");
    const k8s = await import("@pulumi/kubernetes");
    const { RecordingMocks } = await import("../../src/tools/render/recording-mocks");
    const { PROVIDER_FAKES } = await import("../../src/tools/render/provider-fakes");
    const loadMs = performance.now();

    const mocks = new RecordingMocks(PROVIDER_FAKES);
    await pulumi.runtime.setMocks(mocks, "sovereign-stacks", "floor", false);
    await pulumi.runtime.runInPulumiStack(async () => {
        // The stack resource itself is a registration too: register ConfigMaps up to `count` in total.
        for (let i = 0; i < count - 1; i++) {
            const name = `floor-${i}`;
            new k8s.core.v1.ConfigMap(name, { metadata: { name, namespace: "floor" }, data: { key: "value" } });
        }
        return {};
    });
    await pulumi.runtime.disconnect();
    const wallMs = performance.now();
    return { mode: "floor", arg: String(count), registrations: mocks.registrations.length, loadMs, wallMs, ...peak() };
}

async function runReplay(file: string): Promise<WorkerResult> {
    const fs = await import("node:fs");
    const pulumi = await import("@pulumi/pulumi");
    const { RecordingMocks } = await import("../../src/tools/render/recording-mocks");
    const { PROVIDER_FAKES } = await import("../../src/tools/render/provider-fakes");
    type Recorded = { type: string; name: string; custom: boolean; inputs: Record<string, unknown> };
    const recorded = JSON.parse(fs.readFileSync(file, "utf8")) as Recorded[];
    const loadMs = performance.now();
    class Replayed extends pulumi.CustomResource {}

    const mocks = new RecordingMocks(PROVIDER_FAKES);
    await pulumi.runtime.setMocks(mocks, "sovereign-stacks", "replay", false);
    await pulumi.runtime.runInPulumiStack(async () => {
        for (const r of recorded) {
            if (r.type === "pulumi:pulumi:Stack") {
                continue; // runInPulumiStack registers its own
            }
            if (r.custom) {
                new Replayed(r.type, r.name, r.inputs);
            } else {
                new pulumi.ComponentResource(r.type, r.name);
            }
        }
        return {};
    });
    await pulumi.runtime.disconnect();
    const wallMs = performance.now();
    return { mode: "replay", arg: file, registrations: mocks.registrations.length, loadMs, wallMs, ...peak() };
}

/** Runs one mode and prints its result line (exported for ad-hoc diagnostics that wrap the worker). */
export async function main(argv: string[]): Promise<void> {
    const [mode, arg] = argv;
    switch (mode) {
        case "program":
            report(await runProgram(Number(arg)));
            return;
        case "example":
            report(await runExample(arg));
            return;
        case "floor":
            report(await runFloor(Number(arg)));
            return;
        case "replay":
            report(await runReplay(arg));
            return;
        case "phases":
            report(await runPhases(Number(arg)));
            return;
        default:
            throw new Error(`usage: worker.js program <tenants> | example <stack> | floor <count> | replay <file> | phases <tenants>`);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        // The SDK may leave handles open; the run is over once the result is printed.
        () => process.exit(0),
        (err: unknown) => {
            process.stderr.write(`bench worker failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
            process.exit(1);
        },
    );
}

export function parseWorkerOutput(stdout: string): WorkerResult | undefined {
    const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
    return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerResult);
}
