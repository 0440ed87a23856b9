// This stack's config as the Pulumi CLI passes it, read through the SDK. Used by the program under the
// real CLI and, unchanged, by the offline tools (which set the same config the CLI would).

import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { SovereignReference } from "../model/sovereign-reference";
import type { SovereignSpec } from "../model/sovereign-spec";
import { parseShard } from "./shard-config";
import { setOwn } from "../rules/plain-object";
import { YAML_LIMITS } from "./yaml-file";
import { StackConfigInput, TenantDirectoryReader, parseSovereign } from "./sovereign-config";
import { foreignNamespaceKeys } from "./config-namespaces";
import { findProjectRoot, readProjectFile, stackFilePath, tenantDirectoryReader } from "./stack-files";

// Which config keys Pulumi holds as secrets; the SDK exports this at runtime but not in its typings.
function secretKeyTest(): (fullKey: string) => boolean {
    const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
    return typeof isConfigSecret === "function" ? isConfigSecret : () => false;
}

// The CLI hands every config value to the program as a string; structured values arrive as JSON.
const STRING_KEYS: readonly string[] = ["fqdn", "tenantsDir", "shardOf"];

/** Whether `value` nests mappings or lists more than `max` levels deep (iterative: no recursion to overflow). */
function nestedDeeperThan(value: unknown, max: number): boolean {
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length > 0) {
        const [v, depth] = stack.pop()!;
        if (typeof v === "object" && v !== null) {
            if (depth >= max) {
                return true;
            }
            for (const child of Object.values(v)) {
                stack.push([child, depth + 1]);
            }
        }
    }
    return false;
}

function decode(key: string, raw: string): unknown {
    if (STRING_KEYS.includes(key)) {
        return raw;
    }
    try {
        const parsed: unknown = JSON.parse(raw);
        // Nesting no config needs would overflow the readers' recursion; kept as text, it is a type error.
        return nestedDeeperThan(parsed, YAML_LIMITS.maxDepth) ? raw : parsed;
    } catch {
        return raw; // reported as a type error by validation, with the key path
    }
}

export interface PulumiSourceOptions {
    /** The stack file, when it is not at `<stackConfigDir>/Pulumi.<stack>.yaml` under the project root. */
    stackFile?: string;
}

export interface StackConfig {
    input: StackConfigInput;
    readTenantDir: TenantDirectoryReader;
}

/** The project's config values of the running stack, and where its tenant files are. */
export function stackConfigFromPulumi(options: PulumiSourceOptions = {}): StackConfig {
    const projectName = pulumi.getProject();
    const stack = pulumi.getStack();
    const prefix = `${projectName}:`;
    const values: Record<string, unknown> = {};
    const isSecret = secretKeyTest();
    const secretKeys: string[] = [];
    const all = pulumi.runtime.allConfig();
    for (const [fullKey, raw] of Object.entries(all)) {
        if (fullKey.startsWith(prefix)) {
            const key = fullKey.slice(prefix.length);
            setOwn(values, key, decode(key, raw));
            if (isSecret(fullKey)) {
                secretKeys.push(key);
            }
        }
    }
    const foreignKeys = foreignNamespaceKeys(Object.keys(all), projectName);
    const stackFile = options.stackFile ?? stackFilePath(readProjectFile(findProjectRoot(process.cwd())), stack);
    const shown = path.relative(process.cwd(), stackFile) || stackFile;
    return { input: { project: projectName, stack, file: shown, values, secretKeys, foreignKeys }, readTenantDir: tenantDirectoryReader(path.dirname(stackFile)) };
}

/** Validates a Sovereign stack; throws SovereignConfigError listing every problem. */
export function sovereignFromConfig(config: StackConfig): SovereignSpec {
    return parseSovereign(config.input, config.readTenantDir);
}

/** Validates a tenant-shard stack against its Sovereign's reference. */
export function shardFromConfig(config: StackConfig, reference: SovereignReference, referenceName: string): SovereignSpec {
    return parseShard(config.input, reference, referenceName, config.readTenantDir);
}
