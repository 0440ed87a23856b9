import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { CERTIFICATE_RELOAD_SCHEDULE, CERTIFICATE_RELOAD_SCRIPT, certificateReloadCronJob } from "../../src/stalwart/certificate-reload";
import { acmeTenant } from "./fixtures";
import { runShell } from "./run-shell";
import { StalwartApiEmulator } from "./stalwart-api-emulator";

const LABELS = {
    "app.kubernetes.io/managed-by": "sovereign-stacks",
    "app.kubernetes.io/name": "stalwart",
    "app.kubernetes.io/instance": "stalwart-acme",
    "app.kubernetes.io/part-of": "stalwart-tenant",
    "catalyst.openova.io/tenant": "acme",
    "app.kubernetes.io/component": "certificate-reload",
};

describe("stalwart certificate-reload CronJob", () => {
    it("calls the reload endpoint every 6 hours as the fallback admin through the ClusterIP Service", () => {
        const cron = certificateReloadCronJob(acmeTenant(), { imageRegistry: "harbor.example/hub" });
        assert.deepEqual(cron.metadata, { name: "acme-certs", namespace: "tenant-acme", labels: LABELS });
        assert.equal(cron.spec.schedule, CERTIFICATE_RELOAD_SCHEDULE);
        assert.equal(CERTIFICATE_RELOAD_SCHEDULE, "17 */6 * * *");
        assert.equal(cron.spec.concurrencyPolicy, "Forbid");
        const pod = cron.spec.jobTemplate.spec.template;
        assert.deepEqual(pod.metadata.labels, LABELS);
        assert.equal(pod.spec.automountServiceAccountToken, false);
        const c = pod.spec.containers[0]!;
        assert.equal(c.image, "harbor.example/hub/curlimages/curl:8.11.1");
        assert.deepEqual(c.command, ["/bin/sh", "-c", CERTIFICATE_RELOAD_SCRIPT]);
        assert.deepEqual(c.env, [
            { name: "STALWART_URL", value: "http://stalwart-acme-web.tenant-acme.svc:8080" },
            { name: "ADMIN_USER", value: "admin" },
            { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: "stalwart-acme-admin", key: "ADMIN_PASSWORD" } } },
        ]);
    });

    describe("its script against the emulated v0.15.5 API", function () {
        let api: StalwartApiEmulator;
        before(function () {
            const curl = spawnSync("curl", ["--version"]);
            if (curl.error !== undefined || curl.status !== 0) this.skip();
        });
        beforeEach(async () => {
            api = new StalwartApiEmulator();
            api.adminSecret = "Passw0rdOne";
            await api.start();
        });
        afterEach(async () => api.stop());

        it("reloads the certificates once", async () => {
            const run = await runShell(CERTIFICATE_RELOAD_SCRIPT, { STALWART_URL: api.url, ADMIN_USER: "admin", ADMIN_SECRET: "Passw0rdOne" });
            assert.equal(run.code, 0, run.stderr);
            assert.deepEqual(api.seen, [{ method: "GET", path: "/api/reload/certificate", auth: "admin:Passw0rdOne", contentType: null, body: null }]);
            assert.equal(api.reloads.certificate, 1);
            assert.equal(run.stdout, "certificate-reload: Stalwart re-read its certificates\n");
        });

        it("fails visibly on a Stalwart error or a wrong password", async () => {
            api.override = () => ({ status: 200, body: { error: "other", details: "Failed to read file" } });
            const run = await runShell(CERTIFICATE_RELOAD_SCRIPT, { STALWART_URL: api.url, ADMIN_USER: "admin", ADMIN_SECRET: "Passw0rdOne" });
            assert.equal(run.code, 1);
            assert.match(run.stderr, /certificate-reload: reloading the certificates: other\n$/);
            const wrong = await runShell(CERTIFICATE_RELOAD_SCRIPT, { STALWART_URL: api.url, ADMIN_USER: "admin", ADMIN_SECRET: "Nope" });
            assert.equal(wrong.stderr, "certificate-reload: GET /api/reload/certificate: HTTP 401, Stalwart refused the fallback admin credentials\n");
        });
    });
});
