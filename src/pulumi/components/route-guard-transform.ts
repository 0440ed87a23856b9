// Wires the pure route guard into a Helm Chart v4 as a `transforms` resource option. Real previews
// render chart children in the provider, and each rendered HTTPRoute passes through here before it is
// registered. (Transforms do not run under mocks, which is why the guard itself is tested directly.)

import * as pulumi from "@pulumi/pulumi";
import { GATEWAY_API_VERSION } from "../../model/gateway-api";
import { guardRouteParentRefs } from "../../proof/route-guard";
import type { ListenerIndex } from "../../topology/listeners";

export const HTTPROUTE_TYPE = `kubernetes:${GATEWAY_API_VERSION}:HTTPRoute`;

export function routeGuardTransform(listeners: ListenerIndex, chart: string, chartNamespace: string): pulumi.ResourceTransform {
    return (args) => {
        if (args.type !== HTTPROUTE_TYPE) {
            return undefined;
        }
        const result = guardRouteParentRefs(args.props as Record<string, unknown>, listeners, chartNamespace);
        if (result.removed.length === 0) {
            return undefined;
        }
        for (const r of result.removed) {
            pulumi.log.warn(
                r.why === "no-such-listener"
                    ? `chart ${chart}: HTTPRoute ${args.name} pinned sectionName "${r.sectionName}", which is no listener of Gateway ${r.gateway}; removed it so the route attaches by hostname`
                    : `chart ${chart}: HTTPRoute ${args.name} also referenced Gateway ${r.gateway} as a whole; dropped its sectionName "${r.sectionName}" ref (Gateway API forbids mixing both)`,
            );
        }
        return { props: result.route, opts: args.opts };
    };
}
