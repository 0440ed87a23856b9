// The stacks of a checkout: `Pulumi.<stack>.yaml` in its stack config folder, in code-unit order.

import * as fs from "fs";
import { compareCodeUnits } from "../../rules/code-unit-order";

export function stackNames(stackDir: string): string[] {
    const names = fs.existsSync(stackDir) ? fs.readdirSync(stackDir) : [];
    return names
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort(compareCodeUnits);
}
