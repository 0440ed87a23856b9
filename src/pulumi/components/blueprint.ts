// Installs one OpenOva blueprint chart with Helm Chart v4 (client-side render: every object is its own
// resource, so previews diff per object and policies see the HTTPRoutes).

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { BlueprintPlan } from "../../plan/blueprint-plan";
import type { ListenerIndex } from "../../topology/listeners";
import { routeGuardTransform } from "./route-guard-transform";
import { MANAGED_BY_LABELS } from "../../model/labels";

export interface BlueprintArgs {
    plan: BlueprintPlan;
    /** The Sovereign's listeners, for the route guard on rendered HTTPRoutes. */
    listeners: ListenerIndex;
}

export class Blueprint extends pulumi.ComponentResource {
    readonly chart: k8s.helm.v4.Chart;
    readonly namespace: pulumi.Output<string>;
    readonly host: string;

    constructor(name: string, args: BlueprintArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sovereign-stacks:index:Blueprint", name, {}, opts);
        const plan = args.plan;
        const ns = plan.createNamespace
            ? new k8s.core.v1.Namespace(
                  `${name}-namespace`,
                  { metadata: { name: plan.namespace, labels: { ...MANAGED_BY_LABELS, "catalyst.openova.io/blueprint": `bp-${plan.definition.name}` } } },
                  { parent: this },
              )
            : undefined;
        this.chart = new k8s.helm.v4.Chart(
            name,
            {
                chart: plan.definition.chart,
                version: plan.version,
                name: plan.releaseName,
                namespace: plan.namespace,
                values: plan.values,
            },
            {
                parent: this,
                dependsOn: ns ? [ns] : [],
                transforms: [routeGuardTransform(args.listeners, `bp-${plan.definition.name}`, plan.namespace)],
            },
        );
        this.namespace = ns ? ns.metadata.name : pulumi.output(plan.namespace);
        this.host = plan.host;
        this.registerOutputs({ namespace: this.namespace, host: this.host, version: plan.version });
    }
}
