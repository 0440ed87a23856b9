// One stack's snapshot from its offline render: the rendered objects and the attachment check, exactly as
// `npm run render` and `npm run check` (Cilium mode) compute them; or the program's refusal. Pure apart
// from the injected render.

import * as path from "path";
import { buildCheckReport } from "../check/report";
import type { RenderResult } from "../render/render-stack";
import type { StackSnapshot } from "./snapshot";

export type SnapshotRender = (options: { stack: string; projectRoot: string }) => Promise<Pick<RenderResult, "stack" | "stackFile" | "spec" | "plan" | "documents">>;

export function checkedSnapshot(result: Pick<RenderResult, "stack" | "stackFile" | "spec" | "plan" | "documents">, projectRoot: string): StackSnapshot {
    const stackFile = path.relative(projectRoot, result.stackFile) || result.stackFile;
    const report = buildCheckReport({ stack: result.stack, stackFile, zones: result.spec.zones.map((z) => z.name), plan: result.plan, documents: result.documents }, "cilium");
    return { stack: result.stack, stackFile, outcome: { kind: "checked", report }, objects: result.documents };
}

/**
 * Renders and checks one stack. A config error or a route the program refuses to plan (`isConfigError`)
 * is a refusal with the program's message (which names the fix); anything else is a crash.
 */
export async function snapshotStack(stack: string, stackFile: string, projectRoot: string, render: SnapshotRender, isConfigError: (err: unknown) => boolean): Promise<StackSnapshot> {
    try {
        return checkedSnapshot(await render({ stack, projectRoot }), projectRoot);
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { stack, stackFile, outcome: isConfigError(err) ? { kind: "refused", message } : { kind: "error", message }, objects: [] };
    }
}
