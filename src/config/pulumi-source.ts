// Builds the SovereignSpec of the running stack from Pulumi config. Used by index.ts under the real
// CLI and, unchanged, by the offline renderer (which sets the same config the CLI would).

import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { SovereignSpec } from "../sovereign/spec";
import { parseSovereign } from "./sovereign-config";
import { findProjectRoot, readProjectFile, stackFilePath, tenantDirectoryReader } from "./stack-files";

// The CLI hands every config value to the program as a string; structured values arrive as JSON.
const STRING_KEYS: readonly string[] = ["fqdn", "tenantsDir"];

function decode(key: string, raw: string): unknown {
    if (STRING_KEYS.includes(key)) {
        return raw;
    }
    try {
        return JSON.parse(raw);
    } catch {
        return raw; // reported as a type error by validation, with the key path
    }
}

export interface PulumiSourceOptions {
    /** The stack file, when it is not at `<stackConfigDir>/Pulumi.<stack>.yaml` under the project root. */
    stackFile?: string;
}

/** Reads and validates this stack's Sovereign; throws SovereignConfigError listing every problem. */
export function sovereignFromPulumiConfig(options: PulumiSourceOptions = {}): SovereignSpec {
    const projectName = pulumi.getProject();
    const stack = pulumi.getStack();
    const prefix = `${projectName}:`;
    const values: Record<string, unknown> = {};
    for (const [fullKey, raw] of Object.entries(pulumi.runtime.allConfig())) {
        if (fullKey.startsWith(prefix)) {
            const key = fullKey.slice(prefix.length);
            values[key] = decode(key, raw);
        }
    }
    const stackFile = options.stackFile ?? stackFilePath(readProjectFile(findProjectRoot(process.cwd())), stack);
    const shown = path.relative(process.cwd(), stackFile) || stackFile;
    return parseSovereign(
        { project: projectName, stack, file: shown, values },
        tenantDirectoryReader(path.dirname(stackFile)),
    );
}
