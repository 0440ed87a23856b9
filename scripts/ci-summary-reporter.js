// Mocha reporter for CI: the usual spec output, plus the run's totals written as JSON to the file
// given by `--reporter-option output=<file>`, so .ci/run can end with "<N> passed, <M> failed".
"use strict";
const fs = require("fs");
const path = require("path");
const Mocha = require("mocha");

class CiSummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const output = (options.reporterOption || options.reporterOptions || {}).output;
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            if (output) {
                fs.mkdirSync(path.dirname(output), { recursive: true });
                fs.writeFileSync(output, JSON.stringify(this.stats));
            }
        });
    }
}

module.exports = CiSummaryReporter;
