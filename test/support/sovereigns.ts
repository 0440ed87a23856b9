// In-memory Sovereign configs for tests: build a spec without files, or write a temporary stack file
// (plus tenant files) and render it through exactly the path `npm run render` takes.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { parseSovereign, TenantDocument } from "../../src/config/sovereign-config";
import { RenderResult, renderStack } from "../../src/tools/render/render-stack";
import type { SovereignSpec } from "../../src/model/sovereign-spec";

export const PROJECT = "sovereign-stacks";
export const REPO_ROOT = path.resolve(__dirname, "../..");

export function zonesOf(...names: string[]): { name: string; role: string }[] {
    return names.map((name, i) => ({ name, role: i === 0 ? "primary" : "org-pool" }));
}

/** Parses config values (keys without the project prefix) into a spec, with optional tenant files. */
export function specFrom(values: Record<string, unknown>, tenantDocs: TenantDocument[] = []): SovereignSpec {
    return parseSovereign({ project: PROJECT, stack: "test", file: "stacks/Pulumi.test.yaml", values }, () => tenantDocs);
}

/** Writes `stacks/Pulumi.<stack>.yaml` (and tenant files) into a temp folder. */
export function writeStack(stack: string, values: Record<string, unknown>, tenantFiles: Record<string, unknown> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sovereign-stack-"));
    const config = Object.fromEntries(Object.entries(values).map(([k, v]) => [`${PROJECT}:${k}`, v]));
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, yaml.dump({ config }));
    if (Object.keys(tenantFiles).length > 0) {
        fs.mkdirSync(path.join(dir, "tenants"));
        for (const [slug, content] of Object.entries(tenantFiles)) {
            fs.writeFileSync(path.join(dir, "tenants", `${slug}.yaml`), yaml.dump(content));
        }
    }
    return file;
}

export async function renderValues(stack: string, values: Record<string, unknown>, tenantFiles: Record<string, unknown> = {}): Promise<RenderResult> {
    const stackFile = writeStack(stack, values, tenantFiles);
    return renderStack({ stackFile, projectRoot: REPO_ROOT });
}

/** Runs `fn` with console.warn captured (the program logs decisions as warnings). */
export async function capturingWarnings<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
        warnings.push(args.map(String).join(" "));
    };
    try {
        return { result: await fn(), warnings };
    } finally {
        console.warn = original;
    }
}
