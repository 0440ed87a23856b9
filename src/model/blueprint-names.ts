// The eight OpenOva blueprints this program installs. Seven are installed once per Sovereign;
// stalwart-tenant is installed once per tenant.

export const PLATFORM_BLUEPRINTS = ["gitea", "grafana", "harbor", "keycloak", "newapi", "openbao", "powerdns"] as const;
export type PlatformBlueprintName = (typeof PLATFORM_BLUEPRINTS)[number];

export const TENANT_BLUEPRINTS = ["stalwart-tenant"] as const;
export type TenantBlueprintName = (typeof TENANT_BLUEPRINTS)[number];

export type BlueprintName = PlatformBlueprintName | TenantBlueprintName;
export const BLUEPRINT_NAMES: readonly BlueprintName[] = [...PLATFORM_BLUEPRINTS, ...TENANT_BLUEPRINTS];

