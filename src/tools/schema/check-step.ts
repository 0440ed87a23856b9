// Schema validation as a step of `npm run check`: nothing is added to a passing report; each problem is one
// line on stderr and a section of the report (text or Markdown), and it fails the check.

import type { RenderedDocument } from "../render/documents";
import { CrdCatalog, loadCrdCatalog } from "./crd-catalog";
import { formatSchemaReport, validateDocuments } from "./validate-documents";

export interface SchemaCheck {
    objects: number;
    /** One line per problem: object, field path, rule. */
    problems: string[];
}

let defaultCatalog: CrdCatalog | undefined;

export function checkSchemas(documents: readonly RenderedDocument[], catalog: CrdCatalog = (defaultCatalog ??= loadCrdCatalog())): SchemaCheck {
    const report = validateDocuments(documents, catalog);
    return { objects: report.objects, problems: formatSchemaReport(report) };
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The report section for failed schema validation; empty when every object passed. */
export function schemaSection(check: SchemaCheck, format: "table" | "md"): string {
    if (check.problems.length === 0) {
        return "";
    }
    const head = `Schema validation: ${plural(check.problems.length, "problem")} in ${plural(check.objects, "rendered object")}`;
    if (format === "md") {
        return `\n#### ${head}\n\n${check.problems.map((p) => `- \`${p.replace(/`/g, "'")}\``).join("\n")}\n`;
    }
    return `\n${head}:\n${check.problems.map((p) => `- ${p}`).join("\n")}\n`;
}

/** The lines for stderr, one per problem. */
export function schemaStderr(check: SchemaCheck): string {
    return check.problems.map((p) => `check: schema: ${p}\n`).join("");
}
