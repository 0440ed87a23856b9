import * as assert from "node:assert/strict";
import { derivedStalwartNames, stalwartNames } from "../../src/model/stalwart-names";
import { maxSlugLength } from "../../src/config/tenant-config";

describe("stalwart names", () => {
    it("derives every object name from the slug", () => {
        assert.deepEqual(stalwartNames("acme"), {
            namespace: "tenant-acme",
            statefulSet: "stalwart-acme",
            serviceAccount: "stalwart-acme",
            configMap: "stalwart-acme-config",
            smtpService: "stalwart-acme-smtp",
            imapService: "stalwart-acme-imap",
            webService: "stalwart-acme-web",
            userWebRoute: "stalwart-acme-user-access",
            adminSecret: "stalwart-acme-admin",
            dkimSecret: "stalwart-acme-dkim",
            tlsSecret: "stalwart-acme-tls",
            dnsRecordsConfigMap: "acme-dns-records-required",
            dnsEndpoint: "stalwart-acme-dns",
            bootstrapJob: "stalwart-acme-bootstrap",
            certificateReloadCronJob: "acme-certs",
            certificateReloadPolicy: "stalwart-acme-cert-reload",
            egressGatewayPolicy: "tenant-acme-stalwart-acme-smtp-egress",
            defaultDenyPolicy: "stalwart-acme-default-deny",
            stalwartPolicy: "stalwart-acme",
            bootstrapPolicy: "stalwart-acme-bootstrap",
            gatewayIngressCiliumPolicy: "stalwart-acme-gateway-ingress",
            dataVolumeClaim: "data",
        });
    });

    it("fits every Kubernetes limit for the longest slug tenant-names accepts", () => {
        const slug = "s".repeat(maxSlugLength());
        for (const d of derivedStalwartNames(slug)) {
            assert.ok(d.name.length <= d.max, `${d.what} ${d.name} is ${d.name.length} > ${d.max}`);
        }
        // The tightest one: the bootstrap Job's name becomes its pods' job-name label.
        const job = derivedStalwartNames(slug).find((d) => d.what === "bootstrap Job name")!;
        assert.ok(job.max - job.name.length < 5);
    });
});
