// `npm run test:mutation [-- --mutate <src file> ...] [other Stryker options]`: runs StrykerJS once per
// module, each against only its own specs (scripts/mutation/modules.mjs), writing
// reports/mutation/<module>.json and .html. Without --mutate it measures every module in MODULES, one
// after another. Every other argument is handed to `stryker run` unchanged (e.g. --concurrency 1).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MODULES, reportName, specsFor } from "./modules.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const strykerBin = join(dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json")), "bin", "stryker.js");

const passThrough = [];
const requested = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--mutate" || arg === "-m") {
        if (args[i + 1] === undefined) throw new Error(`${arg} needs a file`);
        requested.push(...args[++i].split(",").filter((f) => f !== ""));
    } else if (arg.startsWith("--mutate=")) {
        requested.push(...arg.slice("--mutate=".length).split(",").filter((f) => f !== ""));
    } else {
        passThrough.push(arg);
    }
}

let failed = 0;
for (const mutate of requested.length > 0 ? requested : MODULES) {
    const specs = specsFor(root, mutate);
    console.log(`\n=== ${mutate} against ${specs.join(", ")}`);
    const run = spawnSync(process.execPath, [strykerBin, "run", "stryker.config.mjs", "--mutate", mutate, ...passThrough], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, MUTATION_SPECS: JSON.stringify(specs), MUTATION_REPORT: reportName(mutate) },
    });
    if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
