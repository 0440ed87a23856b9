// The result of checking one stack, the single input of every output format (text table, Markdown).
// Pure: no Pulumi, no I/O.

import { AttachmentReport, CheckMode, checkAttachment } from "../../proof/attachment-checker";
import type { RenderedDocument } from "../render/documents";
import type { SovereignPlan } from "../../plan/sovereign-plan";
import { RouteCount, RouteFailure, countRoutes, routeFailures } from "../../proof/attachment-failures";
import { checkInput } from "./input";

export interface CheckReport {
    stack: string;
    /** The stack file as the operator should see it (relative to where the check ran). */
    stackFile: string;
    zones: string[];
    mode: CheckMode;
    attachment: AttachmentReport;
    /** Notes about the input (rendered routes that differ from the plan's prediction). */
    notes: string[];
    failures: RouteFailure[];
    count: RouteCount;
}

export interface CheckSubject {
    stack: string;
    stackFile: string;
    zones: readonly string[];
    plan: Pick<SovereignPlan, "gateways" | "listenerSets" | "namespaces" | "routes">;
    documents: readonly RenderedDocument[];
}

export function buildCheckReport(subject: CheckSubject, mode: CheckMode): CheckReport {
    const { input, notes } = checkInput(subject.plan, subject.documents, mode);
    return reportFor({ stack: subject.stack, stackFile: subject.stackFile, zones: [...subject.zones], mode, notes }, checkAttachment(input));
}

/** Wraps an attachment report (built here or by hand in tests) with its verdict. */
export function reportFor(meta: Pick<CheckReport, "stack" | "stackFile" | "zones" | "mode" | "notes">, attachment: AttachmentReport): CheckReport {
    return { ...meta, attachment, failures: routeFailures(attachment), count: countRoutes(attachment) };
}

export function checkPassed(report: CheckReport): boolean {
    return report.failures.length === 0;
}
