// Mermaid ids and labels: whatever Kubernetes names contain, the diagram must parse. (The output of these
// functions was also checked once with mermaid@11's own parser; the project does not depend on it.)

import { strict as assert } from "node:assert";
import { MermaidIds, attachmentFlowchart, mermaidText, sanitiseMermaidId } from "../../../src/tools/check/mermaid";
import { smallAttachment } from "./fixtures";

describe("check: Mermaid diagram", () => {
    it("sanitises names to letters, digits and underscores", () => {
        assert.equal(sanitiseMermaidId("kube-system/cilium-gateway"), "kube_system_cilium_gateway");
        assert.equal(sanitiseMermaidId("gw/kube-system/cilium-gateway/https-omani.works"), "gw_kube_system_cilium_gateway_https_omani_works");
        assert.equal(sanitiseMermaidId("--a..b--"), "a_b");
        assert.equal(sanitiseMermaidId("tenant/ünïcode"), "tenant_n_code");
        assert.equal(sanitiseMermaidId("///"), "");
    });

    it("gives stable, unique, prefixed ids: keywords and o/x edge endings never start an id", () => {
        const ids = new MermaidIds();
        assert.equal(ids.id("r", "end"), "r_end");
        assert.equal(ids.id("r", "ops/x"), "r_ops_x");
        assert.equal(ids.id("r", "a-b"), "r_a_b");
        assert.equal(ids.id("r", "a.b"), "r_a_b_2");
        assert.equal(ids.id("r", "a/b"), "r_a_b_3");
        assert.equal(ids.id("r", "a.b"), "r_a_b_2", "the same key keeps its id");
        assert.equal(ids.id("gw", "a-b"), "gw_a_b", "prefixes are separate namespaces");
        assert.equal(ids.id("r", ""), "r");
        for (const id of ["r_end", "r_ops_x", "r_a_b_3", "gw_a_b", "r"]) {
            assert.match(id, /^[a-z]+(_[A-Za-z0-9_]*)?$/);
        }
    });

    it("escapes label text with Mermaid entity codes", () => {
        assert.equal(mermaidText('a "b" #c <d>'), "a #quot;b#quot; #35;c #lt;d#gt;");
    });

    it("draws ListenerSets inside their Gateway, a missing parent as its own node, and routes without parentRefs as not attached", () => {
        const report = smallAttachment();
        report.listeners.push(
            { gateway: "kube-system/cilium-gateway", listenerSet: "tenant-acme/console-acme", listener: "console-https-acme", protocol: "HTTPS", port: 443, hostname: "mail.acme.com", active: true, attachedRoutes: 0, routes: [] },
            { gateway: "", listenerSet: "tenant-x/orphan", listener: "https", protocol: "HTTPS", port: 443, active: false, attachedRoutes: 0, routes: [] },
        );
        report.parents.push({
            ...report.parents[1],
            route: { namespace: "ops", name: 'o"dd' },
            parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "other", name: "missing" },
            gateway: "other/missing",
            reason: "InvalidHTTPRoute",
        });
        report.routes.push({ route: 'ops/o"dd', hostnames: ["o.example.com"], serving: [], warnings: [] }, { route: "ops/bare", hostnames: [], serving: [], warnings: [] });
        assert.equal(
            attachmentFlowchart(report),
            [
                "flowchart LR",
                '  subgraph gw_kube_system_cilium_gateway["Gateway kube-system/cilium-gateway"]',
                '    l_gw_kube_system_cilium_gateway_https_omani_works["https-omani-works<br/>HTTPS :443 *.omani.works"]',
                '    l_gw_kube_system_cilium_gateway_https_omani_homes["https-omani-homes<br/>HTTPS :443 *.omani.homes"]',
                '    subgraph ls_tenant_acme_console_acme["ListenerSet tenant-acme/console-acme"]',
                '      l_ls_tenant_acme_console_acme_console_https_acme["console-https-acme<br/>HTTPS :443 mail.acme.com"]',
                "    end",
                "  end",
                '  subgraph ls_tenant_x_orphan["ListenerSet tenant-x/orphan (inactive)"]',
                '    l_ls_tenant_x_orphan_https["https<br/>HTTPS :443"]',
                "  end",
                '  gw_other_missing["Gateway other/missing (not found)"]',
                '  r_gitea_gitea["gitea/gitea<br/>git.omani.works"]',
                '  r_keycloak_keycloak["keycloak/keycloak<br/>auth.omani.works"]',
                '  r_ops_o_dd["ops/o#quot;dd<br/>o.example.com"]',
                '  r_ops_bare["ops/bare"]',
                "  l_gw_kube_system_cilium_gateway_https_omani_works --> r_gitea_gitea",
                "  gw_kube_system_cilium_gateway -.->|NoMatchingParent| r_keycloak_keycloak",
                "  gw_other_missing -.->|InvalidHTTPRoute| r_ops_o_dd",
                "  classDef notAttached stroke:#c00,stroke-width:3px,color:#c00",
                "  class r_keycloak_keycloak,r_ops_o_dd,r_ops_bare notAttached",
                "",
            ].join("\n"),
        );
    });
});
