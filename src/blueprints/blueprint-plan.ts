// What one blueprint installation will be: the chart request and its values, computed purely from the
// Sovereign. The Blueprint component only turns a plan into a Helm Chart resource.

import type { GatewayPlan } from "../gateway/listeners";
import type { BlueprintSettings } from "../sovereign/spec";
import { BlueprintDefinition, CATALOG } from "./catalog";
import { gatewayValues } from "./gateway-values";
import { Values, deepMerge } from "./value-paths";

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
    parent: { namespace: string; name: string };
    /** Final values: the install's values with the gateway values merged over them. */
    values: Values;
    notes: string[];
}

export function planBlueprint(install: BlueprintInstall, gateways: readonly GatewayPlan[], fqdn: string): BlueprintPlan {
    const def = install.definition;
    const parent = gateways.find((g) => g.role === def.gateway);
    if (!parent) {
        throw new Error(`no ${def.gateway} Gateway planned for bp-${def.name}`);
    }
    const owned = gatewayValues(
        def,
        {
            host: install.host,
            parent: { name: parent.name, namespace: parent.namespace },
            listeners: parent.listeners,
            ...(install.sectionName !== undefined ? { sectionName: install.sectionName } : {}),
            fqdn,
        },
        install.values,
    );
    const { sectionName: _pinned, ...request } = install;
    return {
        ...request,
        parent: { namespace: parent.namespace, name: parent.name },
        values: deepMerge(deepMerge(def.defaultValues ?? {}, install.values), owned.values),
        notes: owned.notes,
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
