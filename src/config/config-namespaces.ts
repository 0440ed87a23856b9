// Which config namespaces a stack of this program may use: the project's own (from Pulumi.yaml) and its
// providers'. A key under any other namespace is never read, so a misspelt project name would silently
// drop every setting; it is reported instead, with the namespace it was probably meant for.

import { closestKey } from "./reader";

// Namespaces whose keys this program's stack may carry: its providers' settings and Pulumi's own.
export const PROVIDER_NAMESPACES: readonly string[] = ["kubernetes", "pulumi", "random", "tls"];

/** Config keys of namespaces that are neither the project's nor a provider's (a misspelt project name). */
export function foreignNamespaceKeys(fullKeys: readonly string[], project: string): string[] {
    return fullKeys
        .filter((k) => {
            const colon = k.indexOf(":");
            const namespace = colon < 0 ? project : k.slice(0, colon);
            return namespace !== project && !PROVIDER_NAMESPACES.includes(namespace);
        })
        .sort();
}

/** The fix for a key of a foreign namespace: the project's namespace, with "did you mean" when it is close. */
export function foreignNamespaceFix(fullKey: string, project: string): string {
    const namespace = fullKey.slice(0, fullKey.indexOf(":"));
    const rest = fullKey.slice(namespace.length + 1);
    const guess = closestKey(namespace, [project, ...PROVIDER_NAMESPACES]);
    const near = guess === undefined ? "" : `did you mean "${guess}:${rest}"? `;
    return `${near}this program's keys are under "${project}:" (the name in Pulumi.yaml); provider settings under ${PROVIDER_NAMESPACES.map((n) => `"${n}:"`).join(", ")}`;
}
