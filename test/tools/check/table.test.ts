// The terminal report of `npm run check`, byte for byte, for a small hand-built report.

import { strict as assert } from "node:assert";
import { formatTextReport, textTable } from "../../../src/tools/check/table";
import { reportFor } from "../../../src/tools/check/report";
import { smallAttachment, smallReport } from "./fixtures";

describe("check: text table", () => {
    it("lays out multi-line cells in left-aligned columns without trailing spaces", () => {
        assert.equal(
            textTable(["A", "LONG HEADER", "C"], [[["x"], ["one", "two"], ["z"]], [["yy"], [], []]]),
            ["A   LONG HEADER  C", "x   one          z", "    two", "yy"].join("\n"),
        );
    });

    it("formats the whole report: table, attachedRoutes, warnings, failures, verdict", () => {
        assert.equal(
            formatTextReport(smallReport()),
            [
                "Route attachment of stack demo (stacks/Pulumi.demo.yaml); zones: omani.works, omani.homes; mode: cilium",
                "",
                "ROUTE              HOSTS             PARENT                              LISTENERS          STATUS            SERVING",
                "gitea/gitea        git.omani.works   Gateway kube-system/cilium-gateway  https-omani-works  Accepted          https-omani-works",
                "keycloak/keycloak  auth.omani.works  Gateway kube-system/cilium-gateway  -                  NoMatchingParent  -",
                "                                     sectionName https",
                "",
                "Listeners (status.listeners[].attachedRoutes):",
                "PARENT                              LISTENER           PROTOCOL  PORT  HOSTNAME       ATTACHED ROUTES",
                "Gateway kube-system/cilium-gateway  https-omani-works  HTTPS     443   *.omani.works  1",
                "Gateway kube-system/cilium-gateway  https-omani-homes  HTTPS     443   *.omani.homes  0",
                "",
                "Warnings:",
                "- HTTPRoute keycloak/keycloak: hostname auth.omani.works is served only over plain HTTP",
                "",
                "Not attached:",
                "- HTTPRoute keycloak/keycloak -> Gateway kube-system/cilium-gateway sectionName https: Accepted=False, reason NoMatchingParent " +
                    "(No matching listener with sectionName https). Fix: remove sectionName (and port) from the parentRef so the route attaches by hostname",
                "",
                "2 routes, 1 attached: 1 not attached.",
                "",
            ].join("\n"),
        );
    });

    it("an attached report ends with the all-clear verdict; Accepted with no listener counts as not attached", () => {
        const attachment = smallAttachment();
        const passing = reportFor({ stack: "demo", stackFile: "f", zones: [], mode: "spec", notes: [] }, { ...attachment, parents: [attachment.parents[0]], routes: [attachment.routes[0]] });
        assert.match(formatTextReport(passing), /zones: \(none\); mode: spec\n[\s\S]*\nWarnings: none\n\n1 route, 1 attached: every route attaches\.\n$/);

        const noListener = { ...attachment.parents[0], attachedListeners: [] };
        const hollow = reportFor({ stack: "demo", stackFile: "f", zones: [], mode: "cilium", notes: [] }, { ...attachment, parents: [noListener], routes: [attachment.routes[0]] });
        const text = formatTextReport(hollow);
        assert.match(text, /\ngitea\/gitea {2}git\.omani\.works {2}Gateway kube-system\/cilium-gateway {2}- {10}Accepted, no listener {2}-\n/);
        assert.match(text, /\n1 route, 0 attached: 1 not attached\.\n$/);
    });
});
