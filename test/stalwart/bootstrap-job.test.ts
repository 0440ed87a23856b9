import * as assert from "node:assert/strict";
import { API_CLIENT_IMAGE } from "../../src/stalwart/api-client-pod";
import { BOOTSTRAP_SCRIPT, bootstrapJob } from "../../src/stalwart/bootstrap-job";
import { acmeTenant } from "./fixtures";

const JOB_LABELS = {
    "app.kubernetes.io/managed-by": "sovereign-stacks",
    "app.kubernetes.io/name": "stalwart",
    "app.kubernetes.io/instance": "stalwart-acme",
    "app.kubernetes.io/part-of": "stalwart-tenant",
    "catalyst.openova.io/tenant": "acme",
    "app.kubernetes.io/component": "bootstrap",
};

describe("stalwart bootstrap Job manifest", () => {
    it("runs the pinned curl image with the inline script", () => {
        assert.equal(API_CLIENT_IMAGE, "curlimages/curl:8.11.1");
        const job = bootstrapJob(acmeTenant());
        assert.equal(job.apiVersion, "batch/v1");
        assert.equal(job.kind, "Job");
        assert.deepEqual(job.metadata, { name: "stalwart-acme-bootstrap", namespace: "tenant-acme", labels: JOB_LABELS });
        assert.deepEqual(
            { ...job.spec, template: undefined },
            { backoffLimit: 3, activeDeadlineSeconds: 900, ttlSecondsAfterFinished: 86400, template: undefined },
        );
        const pod = job.spec.template.spec;
        assert.deepEqual(job.spec.template.metadata, { labels: JOB_LABELS });
        assert.equal(pod.restartPolicy, "Never");
        assert.equal(pod.serviceAccountName, "stalwart-acme");
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.enableServiceLinks, false);
        assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 100, runAsGroup: 101, seccompProfile: { type: "RuntimeDefault" } });
        const c = pod.containers[0]!;
        assert.equal(c.image, "curlimages/curl:8.11.1");
        assert.deepEqual(c.command, ["/bin/sh", "-c", BOOTSTRAP_SCRIPT]);
        assert.deepEqual(c.env, [
            { name: "STALWART_URL", value: "http://stalwart-acme-web.tenant-acme.svc:8080" },
            { name: "STALWART_DOMAIN", value: "acme.omantel.omani.works" },
            { name: "ADMIN_USER", value: "admin" },
            { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: "stalwart-acme-admin", key: "ADMIN_PASSWORD" } } },
            { name: "READY_ATTEMPTS", value: "60" },
            { name: "READY_INTERVAL", value: "5" },
            { name: "RUA_ALIAS", value: "dmarc@acme.omantel.omani.works" },
        ]);
        assert.deepEqual(c.resources, { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "50m", memory: "64Mi" } });
        assert.deepEqual(c.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
        assert.deepEqual(c.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
        assert.deepEqual(pod.volumes, [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }]);
    });

    it("stretches the deadline with the readiness wait and honours a registry", () => {
        const job = bootstrapJob(acmeTenant(), { readyAttempts: 120, readyIntervalSeconds: 10, imageRegistry: "harbor.example/hub" });
        assert.equal(job.spec.activeDeadlineSeconds, 120 * 15 + 300);
        assert.equal(job.spec.template.spec.containers[0]!.image, "harbor.example/hub/curlimages/curl:8.11.1");
    });

    it("creates the DMARC alias only for an address in the tenant's own domain", () => {
        const env = (rua: string) => bootstrapJob(acmeTenant({ dmarcRua: rua })).spec.template.spec.containers[0]!.env.find((e) => e.name === "RUA_ALIAS")!.value;
        assert.equal(env("mailto:Reports@acme.omantel.omani.works"), "reports@acme.omantel.omani.works");
        assert.equal(env("dmarc@reports.example"), "");
    });

    it("never relies on curl -f and never puts the password on the command line", () => {
        assert.doesNotMatch(BOOTSTRAP_SCRIPT, /curl[^\n]* (-f|--fail)\b/);
        assert.doesNotMatch(BOOTSTRAP_SCRIPT, / -u /);
        assert.doesNotMatch(BOOTSTRAP_SCRIPT, /\bjq\b/);
    });
});
