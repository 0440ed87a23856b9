import * as assert from "node:assert/strict";
import { configChecksum } from "../../src/stalwart/config-toml";
import { STALWART_IMAGE, stalwartImage, stalwartServiceAccount, stalwartStatefulSet } from "../../src/stalwart/workload";
import { ACME_MAIL_SERVER_LABELS as LABELS, ACME_MAIL_SERVER_SELECTOR as SELECTOR, acmeTenant } from "./fixtures";

const TOML = '[server]\nhostname = "mail.acme.omantel.omani.works"\n';

describe("stalwart workload", () => {
    const sts = stalwartStatefulSet(acmeTenant(), { configToml: TOML });
    const pod = sts.spec.template.spec;
    const container = pod.containers[0]!;

    it("pins the v0.15.5 image", () => {
        assert.equal(STALWART_IMAGE, "stalwartlabs/stalwart:v0.15.5");
        assert.equal(container.image, "stalwartlabs/stalwart:v0.15.5");
        assert.equal(stalwartImage("harbor.openova.io/proxy-dockerhub/"), "harbor.openova.io/proxy-dockerhub/stalwartlabs/stalwart:v0.15.5");
        assert.equal(
            stalwartStatefulSet(acmeTenant(), { configToml: TOML, imageRegistry: "harbor.example/hub" }).spec.template.spec.containers[0]!.image,
            "harbor.example/hub/stalwartlabs/stalwart:v0.15.5",
        );
    });

    it("is one replica, named and placed in the tenant namespace", () => {
        assert.equal(sts.apiVersion, "apps/v1");
        assert.equal(sts.kind, "StatefulSet");
        assert.deepEqual(sts.metadata, { name: "stalwart-acme", namespace: "tenant-acme", labels: { ...LABELS, "app.kubernetes.io/version": "v0.15.5" } });
        assert.equal(sts.spec.replicas, 1);
        assert.equal(sts.spec.serviceName, "stalwart-acme-web");
        assert.deepEqual(sts.spec.selector, { matchLabels: SELECTOR });
        assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
    });

    it("runs the binary with the mounted config", () => {
        assert.deepEqual(container.command, ["/usr/local/bin/stalwart"]);
        assert.deepEqual(container.args, ["--config", "/opt/stalwart/etc/config.toml"]);
        assert.deepEqual(container.ports, [
            { name: "smtp", containerPort: 25, protocol: "TCP" },
            { name: "submission", containerPort: 587, protocol: "TCP" },
            { name: "submissions", containerPort: 465, protocol: "TCP" },
            { name: "imap", containerPort: 143, protocol: "TCP" },
            { name: "imaps", containerPort: 993, protocol: "TCP" },
            { name: "http", containerPort: 8080, protocol: "TCP" },
        ]);
    });

    it("probes over HTTP on 8080 only", () => {
        assert.deepEqual(container.livenessProbe, { httpGet: { path: "/healthz/live", port: "http", scheme: "HTTP" }, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 });
        assert.deepEqual(container.readinessProbe, { httpGet: { path: "/healthz/ready", port: "http", scheme: "HTTP" }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
        assert.deepEqual(container.startupProbe, { httpGet: { path: "/healthz/live", port: "http", scheme: "HTTP" }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 });
        assert.doesNotMatch(JSON.stringify(sts), /tcpSocket/);
    });

    it("takes secrets from Secret references only", () => {
        assert.ok(container.env.every((e) => e.value === undefined));
        assert.deepEqual(container.env, [
            { name: "ADMIN_SECRET", valueFrom: { secretKeyRef: { name: "stalwart-acme-admin", key: "ADMIN_PASSWORD" } } },
            { name: "OIDC_CLIENT_SECRET", valueFrom: { secretKeyRef: { name: "stalwart-oidc", key: "OIDC_CLIENT_SECRET", optional: true } } },
        ]);
    });

    it("mounts config, data, TLS, DKIM and scratch space", () => {
        assert.deepEqual(container.volumeMounts, [
            { name: "config", mountPath: "/opt/stalwart/etc", readOnly: true },
            { name: "data", mountPath: "/opt/stalwart/data" },
            { name: "tls", mountPath: "/opt/stalwart/tls", readOnly: true },
            { name: "dkim", mountPath: "/opt/stalwart/dkim", readOnly: true },
            { name: "tmp", mountPath: "/tmp" },
        ]);
        assert.deepEqual(pod.volumes, [
            { name: "config", configMap: { name: "stalwart-acme-config", items: [{ key: "config.toml", path: "config.toml" }] } },
            {
                name: "tls",
                // Optional: the server starts before the certificate exists (BYO DNS not yet published).
                secret: { secretName: "stalwart-acme-tls", defaultMode: 0o440, optional: true, items: [{ key: "tls.crt", path: "tls.crt" }, { key: "tls.key", path: "tls.key" }] },
            },
            {
                name: "dkim",
                secret: {
                    secretName: "stalwart-acme-dkim",
                    defaultMode: 0o440,
                    items: [
                        { key: "rsa.key", path: "rsa.key" },
                        { key: "ed25519.key", path: "ed25519.key" },
                    ],
                },
            },
            { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
        ]);
    });

    it("runs non-root and can still bind ports below 1024", () => {
        assert.deepEqual(pod.securityContext, {
            runAsNonRoot: true,
            runAsUser: 2000,
            runAsGroup: 2000,
            fsGroup: 2000,
            fsGroupChangePolicy: "OnRootMismatch",
            seccompProfile: { type: "RuntimeDefault" },
            sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
        });
        assert.deepEqual(container.securityContext, {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
        });
        assert.equal(pod.serviceAccountName, "stalwart-acme");
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.enableServiceLinks, false);
    });

    it("rolls the pod when the config changes", () => {
        assert.deepEqual(sts.spec.template.metadata.annotations, { "checksum/config": configChecksum(TOML) });
        const changed = stalwartStatefulSet(acmeTenant(), { configToml: TOML + "# changed\n" });
        assert.notEqual(changed.spec.template.metadata.annotations["checksum/config"], sts.spec.template.metadata.annotations["checksum/config"]);
        assert.deepEqual(sts.spec.template.metadata.labels, { ...LABELS, "app.kubernetes.io/version": "v0.15.5" });
    });

    it("takes resources and spool size from the tenant, with defaults", () => {
        assert.deepEqual(container.resources, { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } });
        const big = acmeTenant({ resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } }, spoolSize: "100Gi" });
        const s = stalwartStatefulSet(big, { configToml: TOML, storageClassName: "longhorn" });
        assert.deepEqual(s.spec.template.spec.containers[0]!.resources, { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } });
        assert.deepEqual(s.spec.volumeClaimTemplates[0]!.spec, {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "100Gi" } },
            storageClassName: "longhorn",
        });
        const empty = acmeTenant({ resources: { requests: { cpu: "", memory: "" }, limits: { cpu: "", memory: "" } }, spoolSize: "" });
        const d = stalwartStatefulSet(empty, { configToml: TOML });
        assert.deepEqual(d.spec.template.spec.containers[0]!.resources, { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } });
        assert.deepEqual(d.spec.volumeClaimTemplates[0]!.spec.resources, { requests: { storage: "20Gi" } });
    });

    it("keeps the immutable volumeClaimTemplates free of version labels", () => {
        assert.deepEqual(sts.spec.volumeClaimTemplates, [
            {
                metadata: { name: "data", labels: SELECTOR },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } } },
            },
        ]);
        // A new image or config must not touch the templates.
        const other = stalwartStatefulSet(acmeTenant(), { configToml: "x", imageRegistry: "r.example" });
        assert.deepEqual(other.spec.volumeClaimTemplates, sts.spec.volumeClaimTemplates);
    });

    it("builds a ServiceAccount without a token", () => {
        assert.deepEqual(stalwartServiceAccount(acmeTenant()), {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: { name: "stalwart-acme", namespace: "tenant-acme", labels: LABELS },
            automountServiceAccountToken: false,
        });
    });
});
