// The terminal report of `npm run check`: the attachment table (one row per parentRef, multi-line cells so
// listener lists stay narrow), attachedRoutes per listener, warnings, failures and a one-line verdict.
// Pure: no Pulumi, no I/O; the same report always gives the same bytes.

import type { CheckReport } from "./report";
import { listenerRows, routeRows } from "./rows";
import { warningLines } from "./warnings";

const GAP = "  ";

/** Left-aligned columns; each cell is a list of lines, and a row is as tall as its tallest cell. */
export function textTable(headers: readonly string[], rows: readonly (readonly (readonly string[])[])[]): string {
    const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((row) => Math.max(0, ...(row[c] ?? []).map((line) => line.length)))));
    const line = (cells: readonly string[]) =>
        cells
            .map((cell, c) => cell.padEnd(widths[c]))
            .join(GAP)
            .trimEnd();
    const out = [line(headers)];
    for (const row of rows) {
        const height = Math.max(1, ...row.map((cell) => cell.length));
        for (let i = 0; i < height; i++) {
            out.push(line(headers.map((_, c) => row[c]?.[i] ?? "")));
        }
    }
    return out.join("\n");
}

export function routeTable(report: CheckReport): string {
    const rows = routeRows(report.attachment).map((r) => [[r.route], r.hosts.length > 0 ? r.hosts : ["(none)"], r.parent, r.listeners.length > 0 ? r.listeners : ["-"], [r.status], r.serving.length > 0 ? r.serving : ["-"]]);
    return textTable(["ROUTE", "HOSTS", "PARENT", "LISTENERS", "STATUS", "SERVING"], rows);
}

export function listenerTable(report: CheckReport): string {
    const rows = listenerRows(report.attachment).map((l) => [
        [l.parent],
        [l.active ? l.listener : `${l.listener} (inactive)`],
        [l.protocol],
        [String(l.port)],
        [l.hostname],
        [String(l.attachedRoutes)],
    ]);
    return textTable(["PARENT", "LISTENER", "PROTOCOL", "PORT", "HOSTNAME", "ATTACHED ROUTES"], rows);
}

export function summaryLine(report: CheckReport): string {
    const { routes, attached } = report.count;
    const verdict = routes === attached ? "every route attaches" : `${routes - attached} not attached`;
    return `${routes} route${routes === 1 ? "" : "s"}, ${attached} attached: ${verdict}.`;
}

const bullets = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join("\n");

export function formatTextReport(report: CheckReport): string {
    const warnings = warningLines(report);
    const sections = [
        `Route attachment of stack ${report.stack} (${report.stackFile}); zones: ${report.zones.join(", ") || "(none)"}; mode: ${report.mode}`,
        routeTable(report),
        `Listeners (status.listeners[].attachedRoutes):\n${listenerTable(report)}`,
        warnings.length > 0 ? `Warnings:\n${bullets(warnings)}` : "Warnings: none",
        ...(report.failures.length > 0 ? [`Not attached:\n${bullets(report.failures.map((f) => f.message))}`] : []),
        summaryLine(report),
    ];
    return `${sections.join("\n\n")}\n`;
}
