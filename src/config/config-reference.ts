// docs/configuration.md, generated from the key table so the reference cannot drift from the readers.

import { ConfigKey, ConfigScope, DefaultValue, configKeys } from "./config-keys";

function shownDefault(key: ConfigKey): string {
    if (key.required) {
        return "**required**";
    }
    if (key.default !== undefined) {
        return `\`${formatDefault(key.default)}\``;
    }
    if (key.derived !== undefined) {
        return key.derived;
    }
    return "none";
}

function formatDefault(value: DefaultValue): string {
    if (Array.isArray(value)) {
        return `[${value.join(", ")}]`;
    }
    if (typeof value === "object") {
        return "{}";
    }
    return value === "" ? '""' : String(value);
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

function table(scope: ConfigScope): string[] {
    return [
        "| key | type | default | what it is | checked |",
        "|---|---|---|---|---|",
        ...configKeys(scope).map((k) => `| \`${k.path}\` | ${cell(k.type)} | ${cell(shownDefault(k))} | ${cell(k.doc)} | ${cell(k.check ?? "")} |`),
    ];
}

export function configReference(): string {
    return [
        "# Configuration reference",
        "",
        "Generated from `src/config/config-keys.ts` by `npm run docs:config`; CI fails when this file and the",
        "table differ. Every problem is reported with the file, the key path, the value and a fix, and nothing",
        "is registered until the whole stack is valid.",
        "",
        "## Stack file keys",
        "",
        "Under `sovereign-stacks:` in `stacks/Pulumi.<stack>.yaml`. `[]` marks the entries of a list, `<name>` a",
        "platform blueprint (gitea, grafana, harbor, keycloak, newapi, openbao, powerdns).",
        "",
        ...table("stack"),
        "",
        "## Tenant keys",
        "",
        "A tenant file `<tenantsDir>/<slug>.yaml`, or one entry of the inline `tenants` list.",
        "",
        ...table("tenant"),
        "",
    ].join("\n");
}
