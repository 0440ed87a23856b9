// The check CLI's output channels, captured in memory, for tests that run it in-process.
import type { CheckIO } from "../../src/tools/check/check-cli";

export function bufferIO() {
    const out = { stdout: "", stderr: "", files: new Map<string, string>() };
    const io: CheckIO = {
        stdout: (t) => void (out.stdout += t),
        stderr: (t) => void (out.stderr += t),
        writeFile: (f, t) => void out.files.set(f, t),
    };
    return { io, out };
}
