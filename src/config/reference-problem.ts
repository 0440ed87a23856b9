// Checks the `sovereign` output a tenant-shard stack reads through its StackReference before the
// shard is parsed against it: a Sovereign stack that was never deployed, or one of another format.

import { isPlainObject } from "../rules/plain-object";
import { REFERENCE_FORMAT } from "../model/sovereign-reference";

/** Why a StackReference output is not a SovereignReference this program can use, if it is not. */
export function referenceProblem(value: unknown): string | undefined {
    if (value === undefined) {
        return "has no `sovereign` output; run `pulumi up` on the Sovereign stack first";
    }
    if (!isPlainObject(value) || value.format !== REFERENCE_FORMAT) {
        return `has a \`sovereign\` output that is not in format ${REFERENCE_FORMAT}; update the Sovereign stack to this version of the program first`;
    }
    for (const key of ["fqdn", "zones", "gateways", "tenancy", "blueprints", "reservedHosts", "tenants"]) {
        if (value[key] === undefined) {
            return `has a \`sovereign\` output without ${key}`;
        }
    }
    return undefined;
}
