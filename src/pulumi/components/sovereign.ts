// A Sovereign's blueprint layer: its two Gateways (unless managed elsewhere) and the platform
// blueprints, all from one validated SovereignSpec and its pure plan (src/plan/sovereign-plan.ts).

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { gatewayManifest } from "../../topology/listeners";
import { MANAGED_BY_LABELS } from "../../model/labels";
import type { SovereignPlan } from "../../plan/sovereign-plan";
import type { SovereignSpec } from "../../model/sovereign-spec";
import { Blueprint } from "./blueprint";
import { StalwartTenant } from "./stalwart-tenant";

export interface SovereignArgs {
    spec: SovereignSpec;
    /** planSovereign(spec), already checked for attachment by the program. */
    plan: SovereignPlan;
}

export class Sovereign extends pulumi.ComponentResource {
    readonly plan: SovereignPlan;
    readonly gateways: k8s.apiextensions.CustomResource[];
    readonly blueprints: Blueprint[];
    readonly tenants: StalwartTenant[];

    constructor(name: string, args: SovereignArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sovereign-stacks:index:Sovereign", name, {}, opts);
        const spec = args.spec;
        this.plan = args.plan;

        this.gateways =
            spec.gateways.management === "managed"
                ? this.plan.gateways.map(
                      (g) =>
                          new k8s.apiextensions.CustomResource(
                              `gateway-${g.role}`,
                              gatewayManifest(g, { ...MANAGED_BY_LABELS, "catalyst.openova.io/component": `gateway-${g.role}` }),
                              { parent: this },
                          ),
                  )
                : [];

        this.blueprints = this.plan.blueprints.map(
            (plan) => new Blueprint(plan.resourceName, { plan, listeners: this.plan.listenerIndex }, { parent: this }),
        );

        this.tenants = this.plan.tenants.map(
            (plan) =>
                new StalwartTenant(`tenant-${plan.tenant.slug}`, { plan, spec, listeners: this.plan.listenerIndex }, { parent: this, dependsOn: this.gateways }),
        );

        this.registerOutputs({
            gateways: this.plan.gateways.map((g) => `${g.namespace}/${g.name}`),
            hosts: Object.fromEntries(this.plan.blueprints.map((b) => [b.definition.name, b.host])),
            tenants: this.plan.tenants.map((t) => t.tenant.slug),
        });
    }
}
