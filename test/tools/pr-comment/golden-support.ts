// Real offline renders of one small Sovereign (stack `t28` on omani.works) before and after a change,
// turned into the snapshots `npm run preview:snapshot` writes, for the golden comment tests.

import * as path from "path";
import { isConfigError } from "../../../src/tools/render/render-stack";
import type { PreviewSnapshot } from "../../../src/tools/pr-comment/snapshot";
import { SNAPSHOT_FORMAT } from "../../../src/tools/pr-comment/snapshot";
import { snapshotStack } from "../../../src/tools/pr-comment/stack-snapshot";
import { REPO_ROOT, renderValues } from "../../support/sovereigns";

export const STACK = "t28";
export const STACK_FILE = "stacks/Pulumi.t28.yaml";

export const BASE_VALUES: Record<string, unknown> = {
    fqdn: "t28.omani.works",
    zones: [{ name: "omani.works", role: "primary" }],
};

/** Renders `values` as stack t28 (in a temp folder), reported as if it were stacks/Pulumi.t28.yaml. */
export async function snapshotOf(values: Record<string, unknown>): Promise<PreviewSnapshot> {
    const render = async () => ({ ...(await renderValues(STACK, values)), stackFile: path.join(REPO_ROOT, STACK_FILE) });
    return { format: SNAPSHOT_FORMAT, stacks: [await snapshotStack(STACK, STACK_FILE, REPO_ROOT, render, isConfigError)] };
}
