// The pull-request report of `npm run check --format md`, byte for byte, for a small hand-built report.

import { strict as assert } from "node:assert";
import { formatMarkdownError, formatMarkdownReport, mdCell, mdCode, mdFence } from "../../../src/tools/check/markdown";
import { smallReport } from "./fixtures";

describe("check: Markdown report", () => {
    it("escapes table cells and fences whatever the content", () => {
        assert.equal(mdCell("a|b\nc"), "a\\|b<br>c");
        assert.equal(mdCode("https"), "`https`");
        assert.equal(mdCode("a`b"), "``a`b``");
        assert.equal(mdCode("`x"), "`` `x ``");
        assert.equal(mdFence("text", "one\n```\ntwo\n"), "````text\none\n```\ntwo\n````");
    });

    it("formats the whole report: heading, summary line, table, failures, warnings, listeners, diagram", () => {
        assert.equal(
            formatMarkdownReport(smallReport()),
            [
                "### Route attachment: `demo` FAILED",
                "",
                "**2 routes, 1 attached** · stack `demo` (`stacks/Pulumi.demo.yaml`) · zones `omani.works`, `omani.homes` · mode `cilium`",
                "",
                "| Route | Hosts | Parent | Listeners attached | Status | Serving listener |",
                "| --- | --- | --- | --- | --- | --- |",
                "| `gitea/gitea` | `git.omani.works` | Gateway kube-system/cilium-gateway | `https-omani-works` | Accepted | https-omani-works |",
                "| `keycloak/keycloak` | `auth.omani.works` | Gateway kube-system/cilium-gateway<br>sectionName https | - | **NoMatchingParent** | - |",
                "",
                "**Not attached**",
                "",
                "- HTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent " +
                    "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
                "",
                "**Warnings**",
                "",
                "- HTTPRoute keycloak/keycloak: hostname auth.omani.works is served only over plain HTTP",
                "",
                "<details><summary>Listeners: attachedRoutes</summary>",
                "",
                "| Parent | Listener | Protocol | Port | Hostname | attachedRoutes |",
                "| --- | --- | --- | --- | --- | --- |",
                "| Gateway kube-system/cilium-gateway | `https-omani-works` | HTTPS | 443 | `*.omani.works` | 1 |",
                "| Gateway kube-system/cilium-gateway | `https-omani-homes` | HTTPS | 443 | `*.omani.homes` | 0 |",
                "",
                "</details>",
                "",
                "<details><summary>Diagram: Gateways, listeners, routes</summary>",
                "",
                "```mermaid",
                "flowchart LR",
                '  subgraph gw_kube_system_cilium_gateway["Gateway kube-system/cilium-gateway"]',
                '    l_gw_kube_system_cilium_gateway_https_omani_works["https-omani-works<br/>HTTPS :443 *.omani.works"]',
                '    l_gw_kube_system_cilium_gateway_https_omani_homes["https-omani-homes<br/>HTTPS :443 *.omani.homes"]',
                "  end",
                '  r_gitea_gitea["gitea/gitea<br/>git.omani.works"]',
                '  r_keycloak_keycloak["keycloak/keycloak<br/>auth.omani.works"]',
                "  l_gw_kube_system_cilium_gateway_https_omani_works --> r_gitea_gitea",
                "  gw_kube_system_cilium_gateway -.->|NoMatchingParent| r_keycloak_keycloak",
                "  classDef notAttached stroke:#c00,stroke-width:3px,color:#c00",
                "  class r_keycloak_keycloak notAttached",
                "```",
                "",
                "</details>",
                "",
            ].join("\n"),
        );
    });

    it("a refused stack shows the program's message in a text block", () => {
        assert.equal(
            formatMarkdownError("pin", "stacks/Pulumi.pin.yaml", "1 configuration error; nothing was registered:\n  - x"),
            [
                "### Route attachment: `pin` FAILED",
                "",
                "The program refused stack `pin` (`stacks/Pulumi.pin.yaml`); nothing was registered:",
                "",
                "```text",
                "1 configuration error; nothing was registered:",
                "  - x",
                "```",
                "",
            ].join("\n"),
        );
    });
});
