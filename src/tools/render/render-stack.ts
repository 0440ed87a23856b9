// Runs the program offline, in-process, under recording mocks, with the config the Pulumi CLI would
// pass for a stack file; returns every document the stack would deploy, and its outputs.

import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigIssue, SovereignConfigError } from "../../config/issues";
import { findProjectRoot, readProjectFile, readStackFileConfig, shownPath, stackFilePath, stackNameFromFile, stackNameProblem } from "../../config/stack-files";
import { pathProblem } from "../../config/yaml-file";
import { DeployedSovereign, deployStack } from "../../pulumi/program";
import type { SovereignOutputs } from "../../plan/sovereign-outputs";
import type { SovereignPlan } from "../../plan/sovereign-plan";
import type { SovereignSpec } from "../../model/sovereign-spec";
import { AttachmentError } from "../../proof/sovereign-attachment";
import { RenderedDocument, documentsFor } from "./documents";
import { OutputFaker, RecordingMocks, Registration } from "./recording-mocks";
import { PROVIDER_FAKES } from "./provider-fakes";
import { shardOfName, shardOfProblem } from "../../config/shard-config";
import { isPlainObject } from "../../rules/plain-object";

export interface RenderOptions {
    /** Stack name: renders `<stackConfigDir>/Pulumi.<stack>.yaml`. */
    stack?: string;
    /** Or an explicit stack file. */
    stackFile?: string;
    /** Project root (folder of Pulumi.yaml); found from the working directory when absent. */
    projectRoot?: string;
    fakers?: Readonly<Record<string, OutputFaker>>;
    /**
     * Outputs of the stacks a tenant shard reads, by fully qualified name. When absent, a shard's
     * Sovereign is rendered offline first from its own stack file (the last part of `shardOf`).
     */
    stackReferences?: Readonly<Record<string, Record<string, unknown>>>;
}

export interface RenderResult {
    stack: string;
    stackFile: string;
    documents: RenderedDocument[];
    registrations: Registration[];
    spec: SovereignSpec;
    plan: SovereignPlan;
    outputs: SovereignOutputs;
    tenantDnsRecords: DeployedSovereign["tenantDnsRecords"];
}

export const DEFAULT_STACK = "omantel";

/** YAML's .inf and .nan have no JSON form; as strings they reach validation instead of becoming null (a default). */
function keepNonFinite(_key: string, value: unknown): unknown {
    return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
}

/** Config as the CLI passes it: `<project>:<key>` -> string, structured values as JSON. */
export function cliConfigMap(project: string, values: Record<string, unknown>, secureKeys: readonly string[], otherValues: Record<string, unknown> = {}): {
    config: Record<string, string>;
    secretKeys: string[];
} {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        // secure: values cannot be decrypted offline; the program sees a stand-in, marked secret.
        const shown = secureKeys.includes(key) ? "[encrypted]" : value;
        config[`${project}:${key}`] = typeof shown === "string" ? shown : JSON.stringify(shown, keepNonFinite);
    }
    // Other namespaces (provider settings) reach the program too, as under the CLI, which checks their namespace.
    const otherSecrets: string[] = [];
    for (const [fullKey, value] of Object.entries(otherValues)) {
        const secure = isPlainObject(value) && typeof value.secure === "string";
        if (secure) {
            otherSecrets.push(fullKey);
        }
        config[fullKey] = secure ? "[encrypted]" : typeof value === "string" ? value : JSON.stringify(value, keepNonFinite);
    }
    return { config, secretKeys: [...secureKeys.map((k) => `${project}:${k}`), ...otherSecrets] };
}

/** The project a stack file belongs to: the one around it, else the one we are run from. */
function projectRootFor(stackFile: string | undefined): string {
    if (stackFile !== undefined) {
        try {
            return findProjectRoot(path.dirname(stackFile));
        } catch {
            // a stack file kept outside the project (e.g. a pull request's base checkout) uses this project
        }
    }
    return findProjectRoot(process.cwd());
}

/** For a shard stack, the outputs of its Sovereign stack, rendered offline from the local stack file. */
async function sovereignOfShard(values: Record<string, unknown>, projectRoot: string, shardFile: string, shardStack: string): Promise<Record<string, Record<string, unknown>>> {
    const name = shardOfName(values);
    if (name === undefined) {
        return {};
    }
    const project = readProjectFile(projectRoot);
    const parent = name.split("/").pop()!;
    const parentFile = path.resolve(stackFilePath(project, parent));
    const key = `${project.name}:shardOf`;
    const refuse = (problem: string, fix: string, more: readonly ConfigIssue[] = []): never => {
        throw new SovereignConfigError([{ file: shownPath(shardFile), path: key, value: name, problem, fix }, ...more]);
    };
    const nameProblem = shardOfProblem(name, project.name, shardStack) ?? (stackNameProblem(parent) === undefined ? undefined : "is not a fully qualified stack name");
    if (nameProblem !== undefined) {
        refuse(nameProblem, "write the Sovereign stack as <organization>/<project>/<stack>, e.g. organization/sovereign-stacks/omantel");
    }
    if (parentFile === path.resolve(shardFile)) {
        refuse("names this stack file itself; a shard belongs to another, Sovereign stack", "point it at the Sovereign stack");
    }
    const missing = pathProblem(parentFile);
    if (missing) {
        refuse(`names the Sovereign stack ${parent}, whose stack file ${shownPath(parentFile)} ${missing.problem}`, `render the shard where ${shownPath(parentFile)} exists, or fix the stack name`);
    }
    let parentValues: Record<string, unknown> = {};
    try {
        parentValues = readStackFileConfig(parentFile, project).projectValues;
    } catch (err) {
        if (!(err instanceof SovereignConfigError)) {
            throw err;
        }
        refuse(`names the Sovereign stack ${parent}, whose stack file ${shownPath(parentFile)} cannot be read (see below)`, `fix ${shownPath(parentFile)} first`, err.issues);
    }
    if (shardOfName(parentValues) !== undefined) {
        refuse(`names ${parent}, which is itself a tenant shard (${shownPath(parentFile)} sets shardOf); shards of shards, and cycles, are not possible`, "point every shard at the Sovereign stack itself");
    }
    try {
        const rendered = await renderStack({ stack: parent, projectRoot });
        return { [name]: { sovereign: rendered.outputs.sovereign } };
    } catch (err) {
        const cause = err instanceof Error && "cause" in err ? (err as Error & { cause: unknown }).cause : err;
        if (!isConfigError(cause) && !isConfigError(err)) {
            throw err;
        }
        const issues = cause instanceof SovereignConfigError ? cause.issues : [];
        return refuse(
            `names the Sovereign stack ${parent}, which is refused (${shownPath(parentFile)}${issues.length > 0 ? ": see below" : `: ${String((err as Error).message).split("\n")[0]}`})`,
            `fix ${shownPath(parentFile)} first`,
            issues,
        );
    }
}

function knownStacks(dir: string): string[] {
    try {
        return fs
            .readdirSync(dir)
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((n): n is string => n !== undefined)
            .sort();
    } catch {
        return [];
    }
}

export async function renderStack(options: RenderOptions): Promise<RenderResult> {
    const root = options.projectRoot ?? projectRootFor(options.stackFile);
    const project = readProjectFile(root);
    const stack = options.stackFile ? stackNameFromFile(options.stackFile) : options.stack ?? DEFAULT_STACK;
    const stackFile = path.resolve(options.stackFile ?? stackFilePath(project, stack));
    if (options.stackFile === undefined && pathProblem(stackFile) !== undefined) {
        throw new SovereignConfigError([{ file: shownPath(stackFile), path: "(file)", value: undefined, problem: `does not exist, so there is no stack ${stack}`, fix: `use one of the stacks: ${knownStacks(path.dirname(stackFile)).join(", ") || "(none)"}` }]);
    }
    const { projectValues, secureKeys, otherValues } = readStackFileConfig(stackFile, project);
    const { config, secretKeys } = cliConfigMap(project.name, projectValues, secureKeys, otherValues);
    const stackReferences = options.stackReferences ?? (await sovereignOfShard(projectValues, root, stackFile, stack));

    const mocks = new RecordingMocks(options.fakers ?? PROVIDER_FAKES, stackReferences);
    await pulumi.runtime.setMocks(mocks, project.name, stack, false);
    pulumi.runtime.setAllConfig(config, secretKeys);

    let deployed: DeployedSovereign | undefined;
    let failure: unknown;
    await pulumi.runtime.runInPulumiStack(async () => {
        try {
            deployed = await deployStack({ stackFile });
        } catch (err) {
            failure = err;
        }
        return {};
    });
    await pulumi.runtime.disconnect();
    if (failure !== undefined) {
        throw failure;
    }
    return {
        stack,
        stackFile,
        documents: documentsFor(mocks.registrations),
        registrations: mocks.registrations,
        ...deployed!,
    };
}

export function isConfigError(err: unknown): boolean {
    return err instanceof SovereignConfigError || err instanceof AttachmentError || err instanceof pulumi.RunError;
}
