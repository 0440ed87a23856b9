// Configuration problems are collected, not thrown one at a time, so an operator sees every mistake
// in a stack (and its tenant files) in a single run.

export interface ConfigIssue {
    /** The file the value came from, as the operator would open it. */
    file: string;
    /** Key path inside that file, e.g. `sovereign-stacks:zones[1].name`. */
    path: string;
    /** The offending value; `undefined` when a required key is missing. */
    value: unknown;
    /** What is wrong. */
    problem: string;
    /** What would be valid, or how to fix it. */
    fix: string;
}

export class IssueList {
    private readonly items: ConfigIssue[] = [];

    add(file: string, path: string, value: unknown, problem: string, fix: string): void {
        this.items.push({ file, path, value, problem, fix });
    }

    get all(): readonly ConfigIssue[] {
        return this.items;
    }

    get size(): number {
        return this.items.length;
    }
}

/**
 * A value an error message must not quote: the value of an unknown key (a file pointed at by mistake, a
 * kubeconfig, a token under a misspelt key) or of a key Pulumi holds as a secret. Only its shape is shown.
 */
export class WithheldValue {
    constructor(readonly description: string) {}
}

/** Stands in for `value` in an issue: booleans as they are (they cannot carry a secret), anything else by its shape. */
export function withheld(value: unknown, why = "not shown"): unknown {
    if (value === undefined || value === null || typeof value === "boolean") {
        return value;
    }
    if (typeof value === "number") {
        return new WithheldValue(`(a number, ${why})`);
    }
    if (typeof value === "string") {
        return new WithheldValue(`(a string of ${value.length} characters, ${why})`);
    }
    return new WithheldValue(Array.isArray(value) ? `(a list, ${why})` : `(a mapping, ${why})`);
}

const MAX_SHOWN = 80;

/** Renders a value for an error message: short, single-line, and unambiguous about its type. */
export function describeValue(value: unknown): string {
    if (value === undefined) {
        return "(missing)";
    }
    if (value instanceof WithheldValue) {
        return value.description;
    }
    let json: string | undefined;
    try {
        json = JSON.stringify(value);
    } catch {
        json = undefined; // a cycle; never reached for parsed config, which is checked to be a tree
    }
    if (json === undefined) {
        return String(value).slice(0, MAX_SHOWN);
    }
    // JSON escapes control characters, so an excerpt cannot rewrite the terminal or break a line.
    return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 3)}...` : json;
}

/**
 * Message text that may quote parts of values: control characters escaped (no terminal escapes, one line
 * per issue), at most `max` characters.
 */
export function sanitised(text: string, max = 1000): string {
    const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

export function formatIssue(issue: ConfigIssue): string {
    const [file, problem, fix] = [sanitised(issue.file, 300), sanitised(issue.problem), sanitised(issue.fix)];
    if (issue.path === "(file)") {
        return `${file}: ${problem}. Fix: ${fix}`;
    }
    return `${file}: ${sanitised(issue.path, 300)} = ${describeValue(issue.value)}: ${problem}. Fix: ${fix}`;
}

/**
 * The issues with the values of `secretPaths` (and of keys under them) in `file` withheld, and the secret
 * strings themselves (`secretTexts`, at least 4 characters) blanked wherever another message quotes them.
 */
export function withSecretsWithheld(issues: readonly ConfigIssue[], file: string, secretPaths: readonly string[], secretTexts: readonly string[] = []): ConfigIssue[] {
    const isSecret = (p: string) => secretPaths.some((s) => p === s || p.startsWith(`${s}.`) || p.startsWith(`${s}[`));
    const texts = secretTexts.filter((t) => t.length >= 4);
    const scrub = (text: string) => texts.reduce((out, t) => out.split(t).join("[secret]"), text);
    return issues.map((i) => {
        const value = i.file === file && isSecret(i.path) && i.value !== undefined ? new WithheldValue("(secret, not shown)") : typeof i.value === "string" ? scrub(i.value) : i.value;
        return { ...i, value, problem: scrub(i.problem), fix: scrub(i.fix) };
    });
}

/** Thrown when a Sovereign's configuration is invalid; carries every problem found. */
export class SovereignConfigError extends Error {
    constructor(readonly issues: readonly ConfigIssue[]) {
        super(
            `${issues.length} configuration error${issues.length === 1 ? "" : "s"}; nothing was registered:\n` +
                issues.map((i) => `  - ${formatIssue(i)}`).join("\n"),
        );
        this.name = "SovereignConfigError";
    }
}
