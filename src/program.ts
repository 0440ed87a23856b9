// The program: read and validate the stack's Sovereign, then build it. index.ts (real CLI) and the
// offline renderer both run exactly this.

import * as pulumi from "@pulumi/pulumi";
import { Sovereign } from "../components/sovereign";
import { SovereignConfigError } from "./config/issues";
import { PulumiSourceOptions, sovereignFromPulumiConfig } from "./config/pulumi-source";
import { SovereignOutputs, sovereignOutputs } from "./sovereign/outputs";

export function deploySovereign(options: PulumiSourceOptions = {}): SovereignOutputs {
    let spec;
    try {
        spec = sovereignFromPulumiConfig(options);
    } catch (err) {
        // RunError ends the run with our message only, without the CLI's stack-trace dump.
        throw err instanceof SovereignConfigError ? new pulumi.RunError(err.message) : err;
    }
    const sovereign = new Sovereign("sovereign", { spec });
    return sovereignOutputs(spec, sovereign.plan);
}
