// Labels on every object this program creates directly, so operators can find and audit them.
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = {
    "app.kubernetes.io/managed-by": "sovereign-stacks",
};
