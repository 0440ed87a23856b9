// What one blueprint installation will be: the chart request and its values, computed purely from the
// Sovereign. The Blueprint component only turns a plan into a Helm Chart resource.

import type { GatewayPlan } from "../topology/listeners";
import type { BlueprintSettings } from "../model/sovereign-spec";
import { BlueprintDefinition, CATALOG } from "../model/blueprint-catalog";
import { gatewayValues, routeOffValues } from "./gateway-values";
import { Values, deepMerge } from "../rules/value-paths";

export interface BlueprintInstall {
    resourceName: string;
    definition: BlueprintDefinition;
    version: string;
    namespace: string;
    releaseName: string;
    createNamespace: boolean;
    host: string;
    sectionName?: string;
    /** Operator or tenant values; the gateway values are merged over them. */
    values: Values;
}

/** A blueprint install resolved against the Sovereign's Gateways: the final chart request. */
export interface BlueprintPlan extends Omit<BlueprintInstall, "sectionName"> {
    /** The Gateway the chart's routes parent; absent on a Sovereign without Gateway API. */
    parent?: { namespace: string; name: string };
    /** Final values: the install's values with the gateway values merged over them. */
    values: Values;
}

/** Resolves an install against its parent Gateway (undefined: the Sovereign has no Gateway API). */
export function planBlueprint(install: BlueprintInstall, parent: GatewayPlan | undefined, fqdn: string): BlueprintPlan {
    const def = install.definition;
    const { sectionName: _pinned, ...request } = install;
    const defaults = deepMerge(def.defaultValues ?? {}, install.values);
    if (parent === undefined) {
        return { ...request, values: deepMerge(defaults, routeOffValues(def, install.host)) };
    }
    const owned = gatewayValues(def, {
        host: install.host,
        parent: { name: parent.name, namespace: parent.namespace },
        ...(install.sectionName !== undefined ? { sectionName: install.sectionName } : {}),
        fqdn,
    });
    return {
        ...request,
        parent: { namespace: parent.namespace, name: parent.name },
        values: deepMerge(defaults, owned),
    };
}

export function platformBlueprintInstall(settings: BlueprintSettings): BlueprintInstall {
    return {
        resourceName: `bp-${settings.name}`,
        definition: CATALOG[settings.name],
        version: settings.version,
        namespace: settings.namespace,
        releaseName: settings.releaseName,
        createNamespace: settings.createNamespace,
        host: settings.host,
        ...(settings.sectionName !== undefined ? { sectionName: settings.sectionName } : {}),
        values: settings.values,
    };
}
