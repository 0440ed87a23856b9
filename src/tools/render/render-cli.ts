// `npm run render -- [--stack <name> | --stack-file <path>] [--out <dir>]`
// Renders a Sovereign stack offline. Exit codes: 0 rendered, 1 invalid config, 2 usage or other error.

import * as fs from "fs";
import * as path from "path";
import { DEFAULT_STACK, isConfigError, renderStack } from "./render-stack";
import { filesByNamespace, header, isRenderedFile, toYamlStream } from "./manifest-files";
import { parseFlags } from "./cli-args";

interface Args {
    stack?: string;
    stackFile?: string;
    out?: string;
}

const USAGE = `usage: npm run render -- [--stack <name> | --stack-file <path>] [--out <dir>]
  --stack <name>       render stacks/Pulumi.<name>.yaml (default: ${DEFAULT_STACK})
  --stack-file <path>  render this stack file instead
  --out <dir>          write one <namespace>.yaml per namespace (cluster-scoped: _cluster.yaml)
                       instead of printing one YAML stream to stdout`;

export function parseArgs(argv: readonly string[]): Args {
    const flags = parseFlags(argv, ["--stack", "--stack-file", "--out"]);
    return { stack: flags.get("--stack"), stackFile: flags.get("--stack-file"), out: flags.get("--out") };
}

function writeFiles(dir: string, files: Map<string, string>): void {
    fs.mkdirSync(dir, { recursive: true });
    // Remove files an earlier render wrote, so a namespace that disappeared does not linger in a diff;
    // files without the render header are never touched.
    for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        if (name.endsWith(".yaml") && !files.has(name) && isRenderedFile(fs.readFileSync(file, "utf8"))) {
            fs.rmSync(file);
        }
    }
    for (const [name, content] of files) {
        fs.writeFileSync(path.join(dir, name), content);
    }
}

async function main(): Promise<number> {
    let args: Args;
    try {
        args = parseArgs(process.argv.slice(2));
    } catch (err) {
        const message = (err as Error).message;
        process.stderr.write(`${message ? `render: ${message}\n` : ""}${USAGE}\n`);
        return message ? 2 : 0;
    }
    try {
        const result = await renderStack(args);
        const shownFile = path.relative(process.cwd(), result.stackFile) || result.stackFile;
        if (args.out !== undefined) {
            const files = filesByNamespace(result.documents, shownFile);
            writeFiles(args.out, files);
            process.stderr.write(`render: ${result.documents.length} documents for stack ${result.stack} in ${files.size} files under ${args.out}\n`);
        } else {
            process.stdout.write(header(shownFile) + toYamlStream(result.documents));
        }
        return 0;
    } catch (err) {
        if (isConfigError(err)) {
            process.stderr.write(`render: ${(err as Error).message}\n`);
            return 1;
        }
        process.stderr.write(`render: ${(err as Error).stack ?? String(err)}\n`);
        return 2;
    }
}

if (require.main === module) {
    main().then((code) => process.exit(code));
}
