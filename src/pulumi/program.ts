// The program: read and validate the stack (a Sovereign, or a tenant shard of one), plan it, prove
// every route attaches, then build it. index.ts (real CLI) and the offline tools run exactly this;
// nothing is registered unless the config is valid and every route attaches (a shard first reads its
// Sovereign through a StackReference).

import * as pulumi from "@pulumi/pulumi";
import { Sovereign } from "./components/sovereign";
import { SovereignConfigError } from "../config/issues";
import { PulumiSourceOptions, StackConfig, shardFromConfig, sovereignFromConfig, stackConfigFromPulumi } from "../config/pulumi-source";
import { checkShardOf, shardOfName } from "../config/shard-config";
import { AttachmentError, attachmentFailures, checkSovereignAttachment } from "../proof/sovereign-attachment";
import { SovereignOutputs, sovereignOutputs } from "../plan/sovereign-outputs";
import { SovereignPlan, planSovereign } from "../plan/sovereign-plan";
import type { SovereignReference } from "../model/sovereign-reference";
import { referenceProblem } from "../config/reference-problem";
import type { SovereignSpec } from "../model/sovereign-spec";
import type { DnsRecord } from "../stalwart/dns-records";

export interface DeployedSovereign {
    spec: SovereignSpec;
    plan: SovereignPlan;
    outputs: SovereignOutputs;
    /** DNS records per tenant (they contain the DKIM public key, known once the key exists). */
    tenantDnsRecords: Record<string, pulumi.Output<DnsRecord[]>>;
}

/** Plans a validated spec and proves its routes attach; throws AttachmentError otherwise. */
export function planChecked(spec: SovereignSpec): SovereignPlan {
    const plan = planSovereign(spec);
    const failures = attachmentFailures(checkSovereignAttachment(plan));
    if (failures.length > 0) {
        throw new AttachmentError(failures);
    }
    return plan;
}

async function readShardReference(config: StackConfig, name: string): Promise<SovereignReference> {
    const details = await new pulumi.StackReference(name).getOutputDetails("sovereign");
    const problem = referenceProblem(details.value);
    if (problem !== undefined) {
        const key = `${config.input.project}:shardOf`;
        throw new SovereignConfigError([
            { file: config.input.file, path: key, value: name, problem: `the stack ${problem}`, fix: `point ${key} at the Sovereign stack, as <organization>/<project>/<stack>` },
        ]);
    }
    return details.value as SovereignReference;
}

async function specOf(config: StackConfig): Promise<SovereignSpec> {
    const shardOf = shardOfName(config.input.values);
    if (shardOf !== undefined) {
        checkShardOf(config.input, shardOf);
    }
    return shardOf === undefined ? sovereignFromConfig(config) : shardFromConfig(config, await readShardReference(config, shardOf), shardOf);
}



export async function deployStack(options: PulumiSourceOptions = {}): Promise<DeployedSovereign> {
    let spec: SovereignSpec;
    let plan: SovereignPlan;
    let shard: boolean;
    try {
        const config = stackConfigFromPulumi(options);
        shard = shardOfName(config.input.values) !== undefined;
        spec = await specOf(config);
        plan = planChecked(spec);
    } catch (err) {
        // RunError ends the run with our message only, without the CLI's stack-trace dump.
        // The original stays reachable as `cause` (the offline render names a shard's invalid Sovereign).
        throw err instanceof SovereignConfigError || err instanceof AttachmentError ? Object.assign(new pulumi.RunError(err.message), { cause: err }) : err;
    }
    const sovereign = new Sovereign("sovereign", { spec, plan });
    return {
        spec,
        plan,
        outputs: sovereignOutputs(spec, plan, { isShard: shard }),
        tenantDnsRecords: Object.fromEntries(sovereign.tenants.map((t, i) => [plan.tenants[i].tenant.slug, t.dnsRecords])),
    };
}
