// `npm run test:mutation:scores`: the mutation score of every module measured in reports/mutation/*.json
// (Stryker's mutation-testing-report-schema), as a Markdown table for docs/testing.md. Score =
// detected / (detected + undetected), detected = Killed + Timeout, undetected = Survived + NoCoverage;
// CompileError, RuntimeError and Ignored mutants do not count, as in Stryker's own score.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "reports/mutation";
const rows = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const report = JSON.parse(readFileSync(join(dir, name), "utf8"));
    const measured = statSync(join(dir, name)).mtime.toISOString().slice(0, 16).replace("T", " ");
    for (const [file, { mutants }] of Object.entries(report.files)) {
        const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
        const detected = count("Killed", "Timeout");
        const undetected = count("Survived", "NoCoverage");
        const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
        rows.push([file, score.toFixed(2), count("Killed"), count("Timeout"), count("Survived"), count("NoCoverage"), count("Ignored"), `${measured} UTC`]);
    }
}
const header = ["module", "score %", "killed", "timeout", "survived", "no coverage", "ignored (disabled)", "report written"];
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map((h, i) => (i === 0 || i === header.length - 1 ? " --- " : " ---: ")).join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
