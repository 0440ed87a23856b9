// The Markdown report of `npm run check --format md`, written for a pull-request comment: heading, summary
// line, the attachment table, attachedRoutes per listener, failures, warnings and a Mermaid diagram (both
// folded in <details> so several stacks fit one comment). Pure: no Pulumi, no I/O; deterministic.

import { attachmentFlowchart } from "./mermaid";
import type { CheckReport } from "./report";
import { listenerRows, routeRows } from "./rows";
import { warningLines } from "./warnings";

/** A table cell: pipes escaped, line breaks as <br>. */
export function mdCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** An inline code span that survives any content (a backtick inside needs a longer fence). */
export function mdCode(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run in the content. */
export function mdFence(info: string, content: string): string {
    const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longest + 1);
    return `${fence}${info}\n${content.replace(/\n$/, "")}\n${fence}`;
}

const codes = (items: readonly string[]) => items.map((i) => mdCell(mdCode(i))).join("<br>");

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
    return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export function summaryMarkdown(report: CheckReport): string {
    const { routes, attached } = report.count;
    const zones = report.zones.length > 0 ? report.zones.map(mdCode).join(", ") : "(none)";
    return `**${routes} route${routes === 1 ? "" : "s"}, ${attached} attached** · stack ${mdCode(report.stack)} (${mdCode(report.stackFile)}) · zones ${zones} · mode ${mdCode(report.mode)}`;
}

export function routeTableMarkdown(report: CheckReport): string {
    const rows = routeRows(report.attachment).map((r) => [
        mdCell(mdCode(r.route)),
        r.hosts.length > 0 ? codes(r.hosts) : "(none)",
        r.parent.map(mdCell).join("<br>"),
        r.listeners.length > 0 ? codes(r.listeners) : "-",
        r.attached ? r.status : `**${mdCell(r.status)}**`,
        r.serving.length > 0 ? r.serving.map(mdCell).join("<br>") : "-",
    ]);
    return table(["Route", "Hosts", "Parent", "Listeners attached", "Status", "Serving listener"], rows);
}

export function listenerTableMarkdown(report: CheckReport): string {
    const rows = listenerRows(report.attachment).map((l) => [
        mdCell(l.parent),
        `${mdCell(mdCode(l.listener))}${l.active ? "" : " (inactive)"}`,
        l.protocol,
        String(l.port),
        mdCell(mdCode(l.hostname)),
        String(l.attachedRoutes),
    ]);
    return table(["Parent", "Listener", "Protocol", "Port", "Hostname", "attachedRoutes"], rows);
}

const bullets = (lines: readonly string[]) => lines.map((l) => `- ${l.replace(/\r?\n/g, " ")}`).join("\n");

function details(summary: string, body: string): string {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function formatMarkdownReport(report: CheckReport): string {
    const passed = report.failures.length === 0;
    const warnings = warningLines(report);
    const sections = [
        `### Route attachment: ${mdCode(report.stack)} ${passed ? "passed" : "FAILED"}`,
        summaryMarkdown(report),
        routeTableMarkdown(report),
        ...(passed ? [] : [`**Not attached**\n\n${bullets(report.failures.map((f) => f.message))}`]),
        warnings.length > 0 ? `**Warnings**\n\n${bullets(warnings)}` : "**Warnings:** none",
        details("Listeners: attachedRoutes", listenerTableMarkdown(report)),
        details("Diagram: Gateways, listeners, routes", mdFence("mermaid", attachmentFlowchart(report.attachment))),
    ];
    return `${sections.join("\n\n")}\n`;
}

/** What the comment shows when the program refuses the stack (invalid config, or a route that would not attach). */
export function formatMarkdownError(stack: string, stackFile: string, message: string): string {
    return [
        `### Route attachment: ${mdCode(stack)} FAILED`,
        `The program refused stack ${mdCode(stack)} (${mdCode(stackFile)}); nothing was registered:`,
        mdFence("text", message),
    ].join("\n\n") + "\n";
}
