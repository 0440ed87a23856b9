// Pure helpers of the benchmark (no I/O): statistics, the machine-readable summary line, argument
// parsing and the CPU-profile summary. Unit-tested in test/bench/.

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
    if (values.length === 0) {
        throw new Error("median of an empty list");
    }
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, or undefined when either is unknown or b is not positive. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
    return a === undefined || b === undefined || !(b > 0) ? undefined : a / b;
}

export function fixed(value: number | undefined, digits = 2): string {
    return value === undefined || !Number.isFinite(value) ? "n/a" : value.toFixed(digits);
}

export interface Summary {
    /** Median program time / median floor time at 1000 tenants. */
    programOverFloorAt1000?: number;
    /** Median program time at 1000 tenants / at 100 tenants. */
    linearity?: number;
    /** Median peak RSS of the 1000-tenant program runs, in MB (2^20 bytes). */
    peakRssMbAt1000?: number;
}

/** The benchmark's last line, exactly as scripts read it. Unknown figures print as `n/a`. */
export function summaryLine(s: Summary): string {
    const rss = s.peakRssMbAt1000 === undefined ? "n/a" : String(Math.round(s.peakRssMbAt1000));
    return (
        `bench: program/floor at 1000 tenants = ${fixed(s.programOverFloorAt1000)}; ` +
        `time(1000)/time(100) = ${fixed(s.linearity)}; peak RSS at 1000 = ${rss} MB`
    );
}

const SUMMARY_LINE = /^bench: program\/floor at 1000 tenants = (\S+); time\(1000\)\/time\(100\) = (\S+); peak RSS at 1000 = (\S+) MB$/;

/** Reads the summary line back (what a CI script would do); undefined when the line does not match. */
export function parseSummaryLine(line: string): Summary | undefined {
    const m = SUMMARY_LINE.exec(line.trim());
    if (!m) {
        return undefined;
    }
    const num = (s: string) => (s === "n/a" ? undefined : Number(s));
    return { programOverFloorAt1000: num(m[1]), linearity: num(m[2]), peakRssMbAt1000: num(m[3]) };
}

export interface BenchOptions {
    sizes: number[];
    runs: number;
    /** Also time the example stack (stacks/Pulumi.<exampleStack>.yaml); "" to skip. */
    exampleStack: string;
    /** Extra flags for every child `node` (program and floor alike), e.g. --stack-trace-limit=0. */
    nodeArgs: string[];
    /** Also pass Pulumi.yaml's `runtime.options.nodeargs`, as the Pulumi CLI does for the real program. */
    projectNodeArgs: boolean;
    /** Heap limit given to every child, in MB. */
    maxOldSpaceMb: number;
    /** Also replay each program's recorded registrations without program code (a third kind of run). */
    replay: boolean;
    /** Profile one program run at this tenant count (after the timed runs); undefined: no profile. */
    profileTenants?: number;
}

export const DEFAULT_OPTIONS: BenchOptions = {
    sizes: [0, 10, 100, 1000],
    runs: 3,
    exampleStack: "omantel",
    nodeArgs: [],
    projectNodeArgs: true,
    maxOldSpaceMb: 8192,
    replay: false,
};

export const USAGE = `usage: npm run bench -- [--sizes 0,10,100,1000] [--runs 3] [--example omantel|none]
                       [--node-arg=--stack-trace-limit=0 ...] [--no-project-nodeargs]
                       [--max-old-space-size 8192] [--replay] [--profile [tenants]]`;

/** `runtime.options.nodeargs` of a parsed Pulumi.yaml, split on whitespace (no quoting: Pulumi passes it as is). */
export function projectNodeArgs(project: unknown): string[] {
    const get = (o: unknown, key: string): unknown => (typeof o === "object" && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>)[key] : undefined);
    const nodeargs = get(get(get(project, "runtime"), "options"), "nodeargs");
    return typeof nodeargs === "string" ? nodeargs.split(/\s+/).filter((a) => a !== "") : [];
}

/** Parses the command line; throws with a readable message on a bad argument. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
    const options: BenchOptions = { ...DEFAULT_OPTIONS, nodeArgs: [] };
    const args = [...argv];
    const value = (flag: string, inline: string | undefined): string => {
        const v = inline ?? args.shift();
        if (v === undefined || (inline === undefined && v.startsWith("--") && flag !== "--node-arg")) {
            throw new Error(`${flag} needs a value\n${USAGE}`);
        }
        return v;
    };
    const count = (flag: string, raw: string, min: number): number => {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < min) {
            throw new Error(`${flag}: "${raw}" is not an integer >= ${min}\n${USAGE}`);
        }
        return n;
    };
    while (args.length > 0) {
        const arg = args.shift()!;
        const eq = arg.indexOf("=");
        const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
        const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
        switch (flag) {
            case "--sizes":
                options.sizes = value(flag, inline)
                    .split(",")
                    .filter((s) => s.trim() !== "")
                    .map((s) => count(flag, s.trim(), 0));
                if (options.sizes.length === 0) {
                    throw new Error(`--sizes needs at least one tenant count\n${USAGE}`);
                }
                break;
            case "--runs":
                options.runs = count(flag, value(flag, inline), 1);
                break;
            case "--example": {
                const v = value(flag, inline);
                options.exampleStack = v === "none" ? "" : v;
                break;
            }
            case "--node-arg":
                options.nodeArgs.push(value(flag, inline));
                break;
            case "--no-project-nodeargs":
                options.projectNodeArgs = false;
                break;
            case "--max-old-space-size":
                options.maxOldSpaceMb = count(flag, value(flag, inline), 256);
                break;
            case "--replay":
                options.replay = true;
                break;
            case "--profile": {
                const next = inline ?? (args[0] !== undefined && /^\d+$/.test(args[0]) ? args.shift() : undefined);
                options.profileTenants = next === undefined ? 1000 : count(flag, next, 0);
                break;
            }
            case "--help":
            case "-h":
                throw new Error(USAGE);
            default:
                throw new Error(`unknown argument "${arg}"\n${USAGE}`);
        }
    }
    return options;
}

// ---------------------------------------------------------------------------------------------------------
// CPU profiles (`node --cpu-prof`): self time per function.

export interface CpuProfile {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
    samples?: number[];
    timeDeltas?: number[];
    startTime: number;
    endTime: number;
}

export interface SelfTime {
    /** `function (file:line)`, file shortened to the package or the repository path. */
    frame: string;
    /** Where the code lives: ours, a package name, node internals, or the VM (GC, program, idle). */
    owner: string;
    ms: number;
    share: number;
}

/** Shortens a profile URL: `node_modules/@pulumi/pulumi/runtime/rpc.js` -> `@pulumi/pulumi/runtime/rpc.js`. */
export function shortUrl(url: string): { file: string; owner: string } {
    if (url === "") {
        return { file: "", owner: "(vm)" };
    }
    const clean = url.replace(/^file:\/\//, "");
    if (clean.startsWith("node:")) {
        return { file: clean, owner: "node" };
    }
    const nm = clean.lastIndexOf("node_modules/");
    if (nm >= 0) {
        const rest = clean.slice(nm + "node_modules/".length);
        const parts = rest.split("/");
        const pkg = parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
        return { file: rest, owner: pkg };
    }
    const build = clean.indexOf("/bench-build/");
    const file = build >= 0 ? clean.slice(build + "/bench-build/".length) : clean;
    return { file, owner: "ours" };
}

/**
 * Self time per function (sample i lasts until sample i+1), sorted descending; frames with the same
 * name and location are merged. Also returns the total per owner.
 */
export function selfTimes(profile: CpuProfile): { total: number; frames: SelfTime[]; owners: { owner: string; ms: number; share: number }[] } {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const micros = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    if (samples.length > 0 && deltas.length === samples.length) {
        for (let i = 0; i < samples.length; i++) {
            const duration = i + 1 < deltas.length ? deltas[i + 1] : 0;
            micros.set(samples[i], (micros.get(samples[i]) ?? 0) + Math.max(0, duration));
        }
    } else {
        // No sample timeline: spread the profile's duration over hit counts.
        const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
        const per = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
        for (const n of profile.nodes) {
            micros.set(n.id, (n.hitCount ?? 0) * per);
        }
    }
    const frames = new Map<string, { owner: string; us: number }>();
    const owners = new Map<string, number>();
    let total = 0;
    for (const [id, us] of micros) {
        const node = byId.get(id);
        if (node === undefined || us === 0) {
            continue;
        }
        const { file, owner } = shortUrl(node.callFrame.url);
        const name = node.callFrame.functionName || "(anonymous)";
        const frame = file === "" ? name : `${name} (${file}:${node.callFrame.lineNumber + 1})`;
        const entry = frames.get(frame) ?? { owner, us: 0 };
        entry.us += us;
        frames.set(frame, entry);
        owners.set(owner, (owners.get(owner) ?? 0) + us);
        total += us;
    }
    const share = (us: number) => (total > 0 ? us / total : 0);
    return {
        total: total / 1000,
        frames: [...frames.entries()]
            .map(([frame, e]) => ({ frame, owner: e.owner, ms: e.us / 1000, share: share(e.us) }))
            .sort((a, b) => b.ms - a.ms || (a.frame < b.frame ? -1 : 1)),
        owners: [...owners.entries()].map(([owner, us]) => ({ owner, ms: us / 1000, share: share(us) })).sort((a, b) => b.ms - a.ms),
    };
}

/** Formats rows as a fixed-width text table (first column left-aligned, the rest right-aligned). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: readonly string[]) =>
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
