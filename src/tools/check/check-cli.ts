// `npm run check -- [--stack <name> | --stack-file <path>] [--mode cilium|spec] [--format table|md] [--out <file>]`
// Renders a Sovereign stack offline and proves every HTTPRoute attaches: the plan's routes (chart routes
// predicted from values) and the HTTPRoute objects the program registers, and validates every rendered object
// against the cluster's schemas (src/tools/schema). Exit codes: 0 every parentRef is accepted and attached to
// a listener and every object is valid; 1 a route does not attach, an object fails schema validation, or the
// program refused the stack (invalid config, or its own attachment proof failed); 2 usage or unexpected error.

import * as fs from "fs";
import * as path from "path";
import { stackNameFromFile } from "../../config/stack-files";
import type { CheckMode } from "../../proof/attachment-checker";
import { DEFAULT_STACK, RenderResult, isConfigError, renderStack } from "../render/render-stack";
import { formatMarkdownError, formatMarkdownReport } from "./markdown";
import { CheckReport, buildCheckReport, checkPassed } from "./report";
import { formatTextReport } from "./table";
import { checkOutFile, oneOf, parseFlags, unexpectedError } from "../render/cli-args";
import { SchemaCheck, checkSchemas, schemaSection, schemaStderr } from "../schema/check-step";

export type CheckFormat = "table" | "md";

export interface CheckArgs {
    stack?: string;
    stackFile?: string;
    mode: CheckMode;
    format: CheckFormat;
    out?: string;
}

const USAGE_LINE = "usage: npm run check -- [--stack <name> | --stack-file <path>] [--mode cilium|spec] [--format table|md] [--out <file>]";
const USAGE = `${USAGE_LINE}
  --stack <name>       check stacks/Pulumi.<name>.yaml (default: ${DEFAULT_STACK})
  --stack-file <path>  check this stack file instead
  --mode <m>           cilium (default): Cilium's route checks and hostname rules; spec: Gateway API v1.6.1
  --format <f>         table (default): text for a terminal; md: Markdown for a pull-request comment
  --out <file>         write the report to this file instead of stdout
exit codes: 0 every route attaches and every object is schema-valid; 1 a route does not attach, an object
  fails schema validation, or the stack is refused; 2 usage error`;

export function parseArgs(argv: readonly string[]): CheckArgs {
    const flags = parseFlags(argv, ["--stack", "--stack-file", "--mode", "--format", "--out"]);
    const mode = flags.get("--mode");
    const format = flags.get("--format");
    const out = flags.get("--out");
    if (out !== undefined) {
        checkOutFile("--out", out);
    }
    return {
        ...(flags.has("--stack") ? { stack: flags.get("--stack") } : {}),
        ...(flags.has("--stack-file") ? { stackFile: flags.get("--stack-file") } : {}),
        mode: mode === undefined ? "cilium" : oneOf("--mode", mode, ["cilium", "spec"] as const),
        format: format === undefined ? "table" : oneOf("--format", format, ["table", "md"] as const),
        ...(flags.has("--out") ? { out: flags.get("--out") } : {}),
    };
}

/** The stack's name and file as the operator gave them, for reports about a stack that failed to render. */
function requestedStack(args: CheckArgs): { stack: string; stackFile: string } {
    if (args.stackFile !== undefined) {
        let stack: string;
        try {
            stack = stackNameFromFile(args.stackFile);
        } catch {
            stack = path.basename(args.stackFile); // the refusal itself says the name is wrong
        }
        return { stack, stackFile: args.stackFile };
    }
    const stack = args.stack ?? DEFAULT_STACK;
    return { stack, stackFile: `stacks/Pulumi.${stack}.yaml` };
}

/** Where the CLI writes; the process streams and files in real use, buffers in tests. */
export interface CheckIO {
    stdout(text: string): void;
    stderr(text: string): void;
    writeFile(file: string, text: string): void;
}

const PROCESS_IO: CheckIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (file, text) => {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, text);
    },
};

export type Render = (options: { stack?: string; stackFile?: string }) => Promise<Pick<RenderResult, "stack" | "stackFile" | "spec" | "plan" | "documents">>;

function emit(args: CheckArgs, io: CheckIO, text: string): void {
    if (args.out !== undefined) {
        io.writeFile(args.out, text);
    } else {
        io.stdout(text);
    }
}

/** `emit`, reporting a file that cannot be written instead of throwing; false when it could not. */
function emitted(args: CheckArgs, io: CheckIO, text: string): boolean {
    try {
        emit(args, io, text);
        return true;
    } catch (err) {
        io.stderr(`check: cannot write ${args.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
        return false;
    }
}

async function check(args: CheckArgs, render: Render): Promise<{ report: CheckReport; schema: SchemaCheck }> {
    // The program already refuses to plan when its own proof (checkSovereignAttachment, Cilium mode) fails;
    // the report re-checks the same Gateways with the rendered routes added, in the chosen mode.
    const result = await render({ ...(args.stack === undefined ? {} : { stack: args.stack }), ...(args.stackFile === undefined ? {} : { stackFile: args.stackFile }) });
    const stackFile = path.relative(process.cwd(), result.stackFile) || result.stackFile;
    const report = buildCheckReport(
        { stack: result.stack, stackFile, zones: result.spec.zones.map((z) => z.name), plan: result.plan, documents: result.documents },
        args.mode,
    );
    return { report, schema: checkSchemas(result.documents) };
}

/** The whole CLI: returns the exit code. `render` is the offline renderer, replaceable in tests. */
export async function runCheck(argv: readonly string[], io: CheckIO = PROCESS_IO, render: Render = renderStack): Promise<number> {
    let args: CheckArgs;
    try {
        args = parseArgs(argv);
    } catch (err) {
        const message = (err as Error).message;
        // An error gets one line of usage; --help the whole text.
        io.stderr(message ? `check: ${message}\n${USAGE_LINE}\n` : `${USAGE}\n`);
        return message ? 2 : 0;
    }
    let report: CheckReport;
    let schema: SchemaCheck;
    try {
        ({ report, schema } = await check(args, render));
    } catch (err) {
        if (!isConfigError(err)) {
            io.stderr(unexpectedError("check", err));
            return 2;
        }
        // Invalid config, or a route the program refused to plan (AttachmentError): its message says which.
        const message = (err as Error).message;
        io.stderr(`check: ${message}\n`);
        if (args.format === "md") {
            const { stack, stackFile } = requestedStack(args);
            if (!emitted(args, io, formatMarkdownError(stack, stackFile, message))) {
                return 2;
            }
        }
        return 1;
    }
    if (!emitted(args, io, (args.format === "md" ? formatMarkdownReport(report) : formatTextReport(report)) + schemaSection(schema, args.format))) {
        return 2;
    }
    io.stderr(schemaStderr(schema));
    if (args.out !== undefined) {
        io.stderr(`check: ${report.count.routes} routes, ${report.count.attached} attached, stack ${report.stack}; report in ${args.out}\n`);
    }
    return checkPassed(report) && schema.problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
    runCheck(process.argv.slice(2)).then((code) => process.exit(code));
}
