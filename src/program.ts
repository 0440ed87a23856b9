// The program: read and validate the stack's Sovereign, plan it, prove every route attaches, then
// build it. index.ts (real CLI) and the offline renderer both run exactly this, and nothing is
// registered unless the config is valid and every route attaches.

import * as pulumi from "@pulumi/pulumi";
import { Sovereign } from "../components/sovereign";
import { SovereignConfigError } from "./config/issues";
import { PulumiSourceOptions, sovereignFromPulumiConfig } from "./config/pulumi-source";
import { AttachmentError, attachmentFailures, checkSovereignAttachment } from "./sovereign/attachment";
import { SovereignOutputs, sovereignOutputs } from "./sovereign/outputs";
import { SovereignPlan, planSovereign } from "./sovereign/plan";
import type { SovereignSpec } from "./sovereign/spec";
import type { DnsRecord } from "./stalwart/dns-records";

export interface DeployedSovereign {
    spec: SovereignSpec;
    plan: SovereignPlan;
    outputs: SovereignOutputs;
    /** DNS records per tenant (they contain the DKIM public key, known once the key exists). */
    tenantDnsRecords: Record<string, pulumi.Output<DnsRecord[]>>;
}

/** Spec and plan of this stack, or a failure that names every problem. */
export function planThisStack(options: PulumiSourceOptions = {}): { spec: SovereignSpec; plan: SovereignPlan } {
    const spec = sovereignFromPulumiConfig(options);
    const plan = planSovereign(spec);
    const failures = attachmentFailures(checkSovereignAttachment(plan));
    if (failures.length > 0) {
        throw new AttachmentError(failures);
    }
    return { spec, plan };
}

export function deploySovereign(options: PulumiSourceOptions = {}): DeployedSovereign {
    let planned;
    try {
        planned = planThisStack(options);
    } catch (err) {
        // RunError ends the run with our message only, without the CLI's stack-trace dump.
        throw err instanceof SovereignConfigError || err instanceof AttachmentError ? new pulumi.RunError(err.message) : err;
    }
    const sovereign = new Sovereign("sovereign", planned);
    return {
        ...planned,
        outputs: sovereignOutputs(planned.spec, sovereign.plan),
        tenantDnsRecords: Object.fromEntries(sovereign.tenants.map((t, i) => [planned.plan.tenants[i].tenant.slug, t.dnsRecords])),
    };
}

/**
 * Entry point for any stack: a Sovereign stack, or (later) a tenant-shard stack, whose Sovereign is
 * read from another stack asynchronously. Resolves to what the stack exports.
 */
export async function deployStack(options: PulumiSourceOptions = {}): Promise<DeployedSovereign> {
    return deploySovereign(options);
}
