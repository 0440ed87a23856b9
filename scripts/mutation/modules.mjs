// The modules `npm run test:mutation` measures, and which specs each is measured against. A module is
// measured only against its own specs (test/<folder>/<name>.test.ts and test/<folder>/<name>-*.test.ts,
// plus the extra specs listed here), so its score is a lower bound that says what those specs pin down,
// and one module runs in minutes on two cores.
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export const MODULES = [
    "src/topology/listeners.ts",
    "src/topology/hostnames.ts",
    "src/topology/serving-listener.ts",
    "src/proof/attachment-checker.ts",
    "src/proof/route-guard.ts",
    "src/config/sovereign-config.ts",
    "src/config/tenant-config.ts",
    "src/stalwart/dns-records.ts",
    "src/stalwart/config-toml.ts",
    "src/stalwart/bootstrap-job.ts",
    "src/stalwart/dkim.ts",
    "src/stalwart/dns-names.ts",
    "src/stalwart/external-secrets.ts",
    "src/stalwart/network-policy.ts",
    "src/stalwart/services.ts",
    "src/stalwart/workload.ts",
];

/** Specs of a module beyond its own-named ones, where a module is tested through another's API. */
const EXTRA_SPECS = {
    // Tenant files are validated through parseSovereign.
    "src/config/tenant-config.ts": ["test/config/sovereign-config.test.ts"],
    // The bootstrap script is a part of the bootstrap Job, tested on its own.
    "src/stalwart/bootstrap-job.ts": ["test/stalwart/bootstrap-script.test.ts"],
    // The name checks guard the DNS records.
    "src/stalwart/dns-names.ts": ["test/stalwart/dns-records.test.ts", "test/stalwart/dns-records-mutants.test.ts"],
};

/** `src/a/b.ts` or `src/a/b.ts:10-20` (Stryker's line range) -> `src/a/b.ts`. */
export function moduleFile(mutate) {
    return mutate.replace(/:\d+(:\d+)?(-\d+(:\d+)?)?$/, "");
}

export function specsFor(root, mutate) {
    const file = moduleFile(mutate);
    const match = /^src\/(.+)\.ts$/.exec(file);
    if (!match) throw new Error(`${mutate}: not a TypeScript module under src/`);
    const testDir = join("test", dirname(match[1]));
    const name = basename(match[1]);
    const own = existsSync(join(root, testDir))
        ? readdirSync(join(root, testDir))
              .filter((f) => f === `${name}.test.ts` || (f.startsWith(`${name}-`) && f.endsWith(".test.ts")))
              .map((f) => join(testDir, f))
        : [];
    const specs = [...new Set([...own, ...(EXTRA_SPECS[file] ?? [])])].sort();
    if (specs.length === 0) throw new Error(`${file}: no specs found (expected ${testDir}/${name}.test.ts or ${testDir}/${name}-*.test.ts)`);
    return specs;
}

/** reports/mutation/<name> for a module: src/topology/listeners.ts -> topology-listeners. */
export function reportName(mutate) {
    return moduleFile(mutate).replace(/^src\//, "").replace(/\.ts$/, "").replace(/\//g, "-");
}
