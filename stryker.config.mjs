// StrykerJS for `npm run test:mutation` (scripts/mutation/run.mjs sets MUTATION_SPECS and
// MUTATION_REPORT per module). Mocha runs as `npm test` does (.mocharc.json: ts-node transpile-only),
// but only on the module's own specs, and per-test coverage runs each mutant against only the tests
// that reach it. Not part of CI: on two cores one module takes minutes, all of them most of an hour.
const specs = process.env.MUTATION_SPECS ? JSON.parse(process.env.MUTATION_SPECS) : undefined;
const report = process.env.MUTATION_REPORT ?? "mutation";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    testRunner: "mocha",
    mochaOptions: { config: ".mocharc.json", ...(specs ? { spec: specs } : {}) },
    coverageAnalysis: "perTest",
    plugins: ["@stryker-mutator/mocha-runner"],
    reporters: ["clear-text", "progress", "json", "html"],
    jsonReporter: { fileName: `reports/mutation/${report}.json` },
    htmlReporter: { fileName: `reports/mutation/${report}.html` },
    clearTextReporter: { allowColor: false, logTests: false },
    tempDirName: ".cache/stryker-tmp",
    ignorePatterns: [".cache", "bin", "out", "reports"],
    cleanTempDir: "always",
    timeoutMS: 10000,
    // Colours only; the run never fails on a score (it is a measurement, not a gate).
    thresholds: { high: 90, low: 80, break: null },
};
