import * as assert from "node:assert/strict";
import { imapService, smtpService, stalwartInClusterUrl, webService } from "../../src/stalwart/services";
import { ACME_MAIL_SERVER_LABELS as LABELS, ACME_MAIL_SERVER_SELECTOR as SELECTOR, acmeTenant } from "./fixtures";


describe("stalwart services", () => {
    it("exposes SMTP, submission and submissions on a client-IP-preserving LoadBalancer", () => {
        assert.deepEqual(smtpService(acmeTenant()), {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "stalwart-acme-smtp", namespace: "tenant-acme", labels: LABELS },
            spec: {
                type: "LoadBalancer",
                selector: SELECTOR,
                ports: [
                    { name: "smtp", port: 25, targetPort: "smtp", protocol: "TCP" },
                    { name: "submission", port: 587, targetPort: "submission", protocol: "TCP" },
                    { name: "submissions", port: 465, targetPort: "submissions", protocol: "TCP" },
                ],
                ipFamilyPolicy: "SingleStack",
                ipFamilies: ["IPv4"],
                externalTrafficPolicy: "Local",
                allocateLoadBalancerNodePorts: false,
            },
        });
    });

    it("exposes IMAP and IMAPS on a second LoadBalancer, with provider options", () => {
        const svc = imapService(acmeTenant(), { annotations: { "lbipam.cilium.io/sharing-key": "acme-mail" }, loadBalancerClass: "io.cilium/l2-announcer" });
        assert.deepEqual(svc.metadata, {
            name: "stalwart-acme-imap",
            namespace: "tenant-acme",
            labels: LABELS,
            annotations: { "lbipam.cilium.io/sharing-key": "acme-mail" },
        });
        assert.deepEqual(svc.spec, {
            type: "LoadBalancer",
            selector: SELECTOR,
            ports: [
                { name: "imap", port: 143, targetPort: "imap", protocol: "TCP" },
                { name: "imaps", port: 993, targetPort: "imaps", protocol: "TCP" },
            ],
            ipFamilyPolicy: "SingleStack",
            ipFamilies: ["IPv4"],
            externalTrafficPolicy: "Local",
            allocateLoadBalancerNodePorts: false,
            loadBalancerClass: "io.cilium/l2-announcer",
        });
    });

    it("serves HTTP on a ClusterIP Service", () => {
        assert.deepEqual(webService(acmeTenant()), {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "stalwart-acme-web", namespace: "tenant-acme", labels: LABELS },
            spec: {
                type: "ClusterIP",
                selector: SELECTOR,
                ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }],
                ipFamilyPolicy: "SingleStack",
                ipFamilies: ["IPv4"],
            },
        });
        assert.equal(stalwartInClusterUrl(acmeTenant()), "http://stalwart-acme-web.tenant-acme.svc:8080");
    });
});
