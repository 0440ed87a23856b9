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

/** Renders a value for an error message: short, single-line, and unambiguous about its type. */
export function describeValue(value: unknown): string {
    if (value === undefined) {
        return "(missing)";
    }
    const json = JSON.stringify(value);
    if (json === undefined) {
        return String(value);
    }
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

export function formatIssue(issue: ConfigIssue): string {
    return `${issue.file}: ${issue.path} = ${describeValue(issue.value)}: ${issue.problem}. Fix: ${issue.fix}`;
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
