// Flag parsing shared by the offline CLIs (`npm run render`, `npm run check`): `--flag value` pairs
// from a known set, and the stack given as a name or a file, never both.

export class UsageError extends Error {}

/** `--flag value` pairs; `--help`/`-h` throws an empty UsageError (print usage, exit 0). */
export function parseFlags(argv: readonly string[], flags: readonly string[]): Map<string, string> {
    const values = new Map<string, string>();
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[i + 1];
        if (flag === "--help" || flag === "-h") {
            throw new UsageError("");
        }
        if (!flags.includes(flag)) {
            throw new UsageError(`unknown argument ${flag}`);
        }
        if (value === undefined || value.startsWith("--")) {
            throw new UsageError(`${flag} needs a value`);
        }
        values.set(flag, value);
        i++;
    }
    if (values.has("--stack") && values.has("--stack-file")) {
        throw new UsageError("give --stack or --stack-file, not both");
    }
    return values;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) {
        throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not "${value}"`);
    }
    return value as T;
}
