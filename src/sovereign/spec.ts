// The validated, fully defaulted description of one Sovereign. Everything downstream (listeners,
// values, components, the renderer, the checker) reads this, never raw config.

import type { PlatformBlueprintName } from "../blueprints/names";
import type { TenantSpec } from "../tenants/tenant-spec";

export type ZoneRole = "primary" | "org-pool";

export interface Zone {
    name: string;
    role: ZoneRole;
}

/**
 * `managed`: this program creates both Gateways from the computed listeners.
 * `external`: the Gateways exist already (e.g. OpenOva's sovereign-tls Kustomization); routes are still
 * verified against the listeners computed here, which must match what that layer renders.
 */
export type GatewayManagement = "managed" | "external";

export interface GatewaySettings {
    management: GatewayManagement;
    namespace: string;
    className: string;
    /** The shared (platform) Gateway, `cilium-gateway` by default. */
    sharedName: string;
    /** The console Gateway carrying per-host and per-tenant listeners, `cilium-gateway-console` by default. */
    consoleName: string;
    httpsPort: number;
    httpPort: number;
    /** Console Gateway per-host listener prefixes: `<prefix>-https` on `<prefix>.<fqdn>`. */
    consoleHostPrefixes: string[];
    /** `spec.infrastructure.annotations` of the shared Gateway (the CRD caps this map at 8 entries). */
    infrastructureAnnotations: Record<string, string>;
}

export interface BlueprintSettings {
    name: PlatformBlueprintName;
    enabled: boolean;
    version: string;
    namespace: string;
    releaseName: string;
    host: string;
    createNamespace: boolean;
    /** Operator-pinned listener name; absent means "attach by hostname" (the default and the fix). */
    sectionName?: string;
    /** Extra chart values, deep-merged under the program's gateway values. */
    values: Record<string, unknown>;
}

export interface SovereignSpec {
    /** Stack name, e.g. `omantel`. */
    stack: string;
    /** The stack file the spec was read from (for messages). */
    stackFile: string;
    fqdn: string;
    /** Parent zones; never empty (an empty config list means one zone equal to the FQDN). */
    zones: Zone[];
    gateways: GatewaySettings;
    blueprints: BlueprintSettings[];
    tenants: TenantSpec[];
}
