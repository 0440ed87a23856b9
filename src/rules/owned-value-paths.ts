// The chart value paths the program writes for each blueprint (route on/off, host, parent Gateway,
// pinned listener): operator \`values\` must not set them, or a route could lose its attachment.

import type { BlueprintDefinition } from "../model/blueprint-catalog";
import { pathsOverlap } from "./value-paths";

/** Value paths the program owns for this blueprint; operator `values` must not set them. */
export function ownedValuePaths(def: BlueprintDefinition): string[] {
    const r = def.route;
    const paths = [...r.enable.map((e) => e.path), r.hostPath, r.parentRefPath];
    if (r.fqdnPath) {
        paths.push(r.fqdnPath);
    }
    return paths;
}

/** The first owned path that `path` overlaps, if any. */
export function ownedPathOverlapping(def: BlueprintDefinition, path: string): string | undefined {
    return ownedValuePaths(def).find((owned) => pathsOverlap(owned, path));
}
