// `npm run preview:snapshot -- --out <file>`: renders and checks every stack of this checkout
// (<stackConfigDir>/Pulumi.<stack>.yaml) offline, with this checkout's own code, and writes the JSON that
// `npm run preview` compares. Exit codes: 0 written (whatever the stacks' verdicts); 2 usage or I/O error.

import * as fs from "fs";
import * as path from "path";
import { findProjectRoot, readProjectFile } from "../../config/stack-files";
import { isConfigError, renderStack } from "../render/render-stack";
import { parseFlags } from "../render/cli-args";
import { PreviewSnapshot, SNAPSHOT_FORMAT, snapshotJson } from "./snapshot";
import { snapshotStack } from "./stack-snapshot";
import { stackNames } from "./stack-names";

const USAGE = "usage: npm run preview:snapshot -- --out <file>";

async function main(): Promise<number> {
    let out: string | undefined;
    try {
        out = parseFlags(process.argv.slice(2), ["--out"]).get("--out");
    } catch (err) {
        process.stderr.write(`${(err as Error).message ? `preview:snapshot: ${(err as Error).message}\n` : ""}${USAGE}\n`);
        return 2;
    }
    if (out === undefined) {
        process.stderr.write(`preview:snapshot: --out is required\n${USAGE}\n`);
        return 2;
    }
    const root = findProjectRoot(process.cwd());
    const project = readProjectFile(root);
    const stackDir = path.join(root, project.stackConfigDir);
    const snapshot: PreviewSnapshot = { format: SNAPSHOT_FORMAT, stacks: [] };
    for (const stack of stackNames(stackDir)) {
        const stackFile = path.relative(root, path.join(stackDir, `Pulumi.${stack}.yaml`));
        const s = await snapshotStack(stack, stackFile, root, renderStack, isConfigError);
        process.stderr.write(`preview:snapshot: ${stack}: ${s.outcome.kind}, ${s.objects.length} objects\n`);
        snapshot.stacks.push(s);
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, snapshotJson(snapshot));
    return 0;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (err: unknown) => {
            process.stderr.write(`preview:snapshot: ${(err as Error).stack ?? String(err)}\n`);
            process.exit(2);
        },
    );
}
