// `npm run render -- [--stack <name> | --stack-file <path>] [--out <dir>]`
// Renders a Sovereign stack offline. Exit codes: 0 rendered, 1 invalid config, 2 usage or other error.

import * as fs from "fs";
import * as path from "path";
import { DEFAULT_STACK, isConfigError, renderStack } from "./render-stack";
import { filesByNamespace, header, isRenderedFile, toYamlStream } from "./manifest-files";
import { checkOutFolder, parseFlags, unexpectedError } from "./cli-args";

interface Args {
    stack?: string;
    stackFile?: string;
    out?: string;
}

const USAGE_LINE = "usage: npm run render -- [--stack <name> | --stack-file <path>] [--out <dir>]";
const USAGE = `${USAGE_LINE}
  --stack <name>       render stacks/Pulumi.<name>.yaml (default: ${DEFAULT_STACK})
  --stack-file <path>  render this stack file instead
  --out <dir>          write one <namespace>.yaml per namespace (cluster-scoped: _cluster.yaml)
                       instead of printing one YAML stream to stdout`;

export function parseArgs(argv: readonly string[]): Args {
    const flags = parseFlags(argv, ["--stack", "--stack-file", "--out"]);
    const out = flags.get("--out");
    if (out !== undefined) {
        checkOutFolder("--out", out);
    }
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

/** Where the CLI writes; the process streams in real use, buffers in tests. */
export interface RenderIO {
    stdout(text: string): void;
    stderr(text: string): void;
}

const PROCESS_IO: RenderIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
};

/** The whole CLI: returns the exit code. */
export async function runRender(argv: readonly string[], io: RenderIO = PROCESS_IO): Promise<number> {
    let args: Args;
    try {
        args = parseArgs(argv);
    } catch (err) {
        const message = (err as Error).message;
        // An error gets one line of usage; --help the whole text.
        io.stderr(message ? `render: ${message}\n${USAGE_LINE}\n` : `${USAGE}\n`);
        return message ? 2 : 0;
    }
    let output: { files: Map<string, string>; summary: string } | { stream: string };
    try {
        const result = await renderStack(args);
        const shownFile = path.relative(process.cwd(), result.stackFile) || result.stackFile;
        if (args.out !== undefined) {
            const files = filesByNamespace(result.documents, shownFile);
            output = { files, summary: `render: ${result.documents.length} documents for stack ${result.stack} in ${files.size} files under ${args.out}\n` };
        } else {
            output = { stream: header(shownFile) + toYamlStream(result.documents) };
        }
    } catch (err) {
        if (isConfigError(err)) {
            io.stderr(`render: ${(err as Error).message}\n`);
            return 1;
        }
        io.stderr(unexpectedError("render", err));
        return 2;
    }
    if ("stream" in output) {
        io.stdout(output.stream);
        return 0;
    }
    try {
        writeFiles(args.out!, output.files);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        io.stderr(`render: cannot write ${args.out}: ${code}\n`);
        return 2;
    }
    io.stderr(output.summary);
    return 0;
}

if (require.main === module) {
    runRender(process.argv.slice(2)).then((code) => process.exit(code));
}
