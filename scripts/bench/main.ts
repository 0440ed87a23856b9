// `npm run bench`: how the program's cost under mocks compares with what the Pulumi SDK alone costs.
// A script that prints figures, never a test. See docs/performance.md for the method and the results.
//
// For each tenant count it alternates, in fresh processes of the same kind (compiled JS, same node
// flags), a run of the program on a generated Sovereign and a "floor" run that registers the same
// number of bare ConfigMaps, and reports medians. The last line is the machine-readable summary.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { BenchOptions, fixed, median, parseBenchArgs, projectNodeArgs, ratio, selfTimes, summaryLine, textTable } from "./stats";
import { WorkerResult, parseWorkerOutput } from "./worker";

const WORKER = path.join(__dirname, "worker.js");
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");

interface Measured {
    label: string;
    registrations: number;
    program: WorkerResult[];
    floor: WorkerResult[];
    replay: WorkerResult[];
    phases?: WorkerResult;
}

/** Pulumi.yaml's nodeargs: the Pulumi CLI starts the real program with them, so both kinds of run get them too. */
function pulumiYamlNodeArgs(): string[] {
    return projectNodeArgs(yaml.load(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")));
}

function nodeFlags(options: BenchOptions, extra: readonly string[] = []): string[] {
    const project = options.projectNodeArgs ? pulumiYamlNodeArgs() : [];
    return [`--max-old-space-size=${options.maxOldSpaceMb}`, ...project, ...options.nodeArgs, ...extra];
}

function runWorker(options: BenchOptions, args: string[], extraFlags: readonly string[] = [], env: Record<string, string> = {}): WorkerResult {
    const child = spawnSync(process.execPath, [...nodeFlags(options, extraFlags), WORKER, ...args], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
        // No inherited NODE_OPTIONS: both kinds must run with exactly the flags above.
        env: { ...process.env, NODE_OPTIONS: "", BENCH_DUMP: "", ...env },
    });
    const result = child.status === 0 ? parseWorkerOutput(child.stdout) : undefined;
    if (result === undefined) {
        const tail = `${child.stderr ?? ""}`.split("\n").slice(-30).join("\n");
        throw new Error(`worker ${args.join(" ")} failed (exit ${child.status ?? child.signal}):\n${tail}`);
    }
    return result;
}

const mb = (kb: number) => kb / 1024;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

function log(line: string): void {
    process.stdout.write(`${line}\n`);
}

/** Program and floor alternately, `runs` times each; the floor registers as many resources as the program. */
function measure(options: BenchOptions, label: string, programArgs: string[]): Measured {
    const program: WorkerResult[] = [];
    const floor: WorkerResult[] = [];
    const replay: WorkerResult[] = [];
    const dump = path.join(REPO_ROOT, ".cache", "bench-registrations.json");
    for (let i = 0; i < options.runs; i++) {
        // The first program run records its registrations (after its timed part) for the replay runs.
        const p = runWorker(options, programArgs, [], options.replay && i === 0 ? { BENCH_DUMP: dump } : {});
        if (program.length > 0 && p.registrations !== program[0].registrations) {
            throw new Error(`${label}: registrations differ between runs (${program[0].registrations} vs ${p.registrations})`);
        }
        program.push(p);
        const f = runWorker(options, ["floor", String(p.registrations)]);
        if (f.registrations !== p.registrations) {
            throw new Error(`${label}: the floor registered ${f.registrations} resources, the program ${p.registrations}`);
        }
        floor.push(f);
        if (options.replay) {
            const r = runWorker(options, ["replay", dump]);
            if (r.registrations !== p.registrations) {
                throw new Error(`${label}: the replay registered ${r.registrations} resources, the program ${p.registrations}`);
            }
            replay.push(r);
            log(`  ${label} run ${i + 1}/${options.runs}: replay ${seconds(r.wallMs)} s (cpu ${seconds(r.cpuMs)} s), ${mb(r.maxRssKb).toFixed(0)} MB`);
        }
        log(
            `  ${label} run ${i + 1}/${options.runs}: ${p.registrations} resources; program ${seconds(p.wallMs)} s ` +
                `(cpu ${seconds(p.cpuMs)} s), ${mb(p.maxRssKb).toFixed(0)} MB; floor ${seconds(f.wallMs)} s (cpu ${seconds(f.cpuMs)} s), ` +
                `${mb(f.maxRssKb).toFixed(0)} MB; load average ${os.loadavg()[0].toFixed(2)}`,
        );
    }
    if (options.replay) {
        fs.rmSync(dump, { force: true });
    }
    return { label, registrations: program[0].registrations, program, floor, replay };
}

const med = (runs: readonly WorkerResult[], pick: (r: WorkerResult) => number) => median(runs.map(pick));

function row(m: Measured): string[] {
    const pt = med(m.program, (r) => r.wallMs);
    const ft = med(m.floor, (r) => r.wallMs);
    const load = med(m.program, (r) => r.loadMs);
    const floorLoad = med(m.floor, (r) => r.loadMs);
    return [
        m.label,
        String(m.registrations),
        seconds(pt),
        mb(med(m.program, (r) => r.maxRssKb)).toFixed(0),
        seconds(ft),
        mb(med(m.floor, (r) => r.maxRssKb)).toFixed(0),
        fixed(ratio(pt, ft)),
        fixed(ratio(pt - load, ft - floorLoad)),
        fixed(ratio(med(m.program, (r) => r.cpuMs), med(m.floor, (r) => r.cpuMs))),
        m.replay.length > 0 ? fixed(ratio(pt, med(m.replay, (r) => r.wallMs))) : "",
        m.phases?.phases
            ? `${m.phases.phases.validateMs.toFixed(0)}/${m.phases.phases.planMs.toFixed(0)}/${m.phases.phases.checkMs.toFixed(0)}`
            : "",
    ];
}

function profile(options: BenchOptions, tenants: number): void {
    const dir = path.join(REPO_ROOT, ".cache", "bench-profile");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const r = runWorker(options, ["program", String(tenants)], ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (file === undefined) {
        throw new Error(`no .cpuprofile written to ${dir}`);
    }
    const summary = selfTimes(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
    log("");
    log(`CPU profile of the program at ${tenants} tenants (${r.registrations} resources; ${seconds(r.wallMs)} s under the profiler): ${path.relative(REPO_ROOT, path.join(dir, file))}`);
    log("Self time by owner:");
    log(textTable(["owner", "ms", "share"], summary.owners.slice(0, 10).map((o) => [o.owner, o.ms.toFixed(0), `${(o.share * 100).toFixed(1)} %`])));
    log("Top functions by self time:");
    log(textTable(["function", "owner", "ms", "share"], summary.frames.slice(0, 25).map((f) => [f.frame, f.owner, f.ms.toFixed(0), `${(f.share * 100).toFixed(1)} %`])));
    const ours = summary.frames.filter((f) => f.owner === "ours").slice(0, 10);
    log("Top functions of this repository:");
    log(textTable(["function", "ms", "share"], ours.map((f) => [f.frame, f.ms.toFixed(0), `${(f.share * 100).toFixed(1)} %`])));
}

function main(): void {
    let options: BenchOptions;
    try {
        options = parseBenchArgs(process.argv.slice(2));
    } catch (err) {
        process.stderr.write(`${(err as Error).message}\n`);
        process.exit(2);
    }
    const started = Date.now();
    const cpu = os.cpus();
    log(`bench: node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}`);
    log(`bench: sizes ${options.sizes.join(", ")} tenants; ${options.runs} runs each of program and floor, alternated; ` + `child flags (both kinds): ${nodeFlags(options).join(" ")}` +
            (options.projectNodeArgs ? " (includes Pulumi.yaml runtime.options.nodeargs, if any)" : ""));
    log("bench: time = wall ms from process start (performance.timeOrigin) to after disconnect(), in the child; RSS = resourceUsage().maxRSS");

    const measured: Measured[] = [];
    for (const tenants of options.sizes) {
        const m = measure(options, `${tenants} tenants`, ["program", String(tenants)]);
        m.phases = runWorker(options, ["phases", String(tenants)]);
        measured.push(m);
    }
    let example: Measured | undefined;
    if (options.exampleStack !== "") {
        example = measure(options, `example ${options.exampleStack}`, ["example", options.exampleStack]);
        measured.push(example);
    }

    log("");
    log("Medians (time in s, RSS in MB = 2^20 bytes). program/floor = wall time ratio (the figure the targets use);");
    log("run ratio = the same without module loading; cpu ratio = user+system CPU time ratio (less sensitive to other load).");
    log("program/replay = program time / time of its own registrations replayed without program code (with --replay).");
    log("phases ms = validation / plan / attachment proof on their own, cold, in a separate process without Pulumi.");
    log(
        textTable(
            ["run", "resources", "program s", "program MB", "floor s", "floor MB", "program/floor", "run ratio", "cpu ratio", "program/replay", "phases ms"],
            measured.map(row),
        ),
    );

    const bySize = new Map(options.sizes.map((n, i) => [n, measured[i]]));
    const time = (n: number) => {
        const m = bySize.get(n);
        return m ? med(m.program, (r) => r.wallMs) : undefined;
    };
    const floorTime = (n: number) => {
        const m = bySize.get(n);
        return m ? med(m.floor, (r) => r.wallMs) : undefined;
    };
    const rss = (n: number) => {
        const m = bySize.get(n);
        return m ? mb(med(m.program, (r) => r.maxRssKb)) : undefined;
    };
    const sizes = [...options.sizes].sort((a, b) => a - b);
    const smallest = sizes[0];
    const largest = sizes[sizes.length - 1];
    log("");
    if (largest > smallest) {
        const perTenant = ((rss(largest)! - rss(smallest)!) * 1024) / (largest - smallest);
        const resources = bySize.get(largest)!.registrations - bySize.get(smallest)!.registrations;
        const perResource = ((rss(largest)! - rss(smallest)!) * 1024) / resources;
        const perTenantMs = (time(largest)! - time(smallest)!) / (largest - smallest);
        const floorPerResourceMs = (floorTime(largest)! - floorTime(smallest)!) / resources;
        log(
            `bench: per tenant (${smallest} -> ${largest}): ${perTenant.toFixed(0)} KB peak RSS, ${perTenantMs.toFixed(2)} ms, ` +
                `${(resources / (largest - smallest)).toFixed(1)} resources; per resource: ${perResource.toFixed(0)} KB, ` +
                `program ${(perTenantMs / (resources / (largest - smallest))).toFixed(2)} ms, floor ${floorPerResourceMs.toFixed(2)} ms`,
        );
    }
    if (example) {
        log(`bench: example ${options.exampleStack} (${example.registrations} resources): render/floor = ${fixed(ratio(med(example.program, (r) => r.wallMs), med(example.floor, (r) => r.wallMs)))} (target < 2)`);
    }
    if (options.profileTenants !== undefined) {
        profile(options, options.profileTenants);
    }
    log(`bench: total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    log(
        summaryLine({
            programOverFloorAt1000: ratio(time(1000), floorTime(1000)),
            linearity: ratio(time(1000), time(100)),
            peakRssMbAt1000: rss(1000),
        }),
    );
}

main();
