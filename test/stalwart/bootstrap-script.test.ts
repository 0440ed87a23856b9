// Runs the bootstrap Job's script for real: /bin/sh and this machine's curl against an emulated
// Stalwart v0.15.5 API on 127.0.0.1. The Job runs BusyBox ash in curlimages/curl; the script is POSIX
// sh, and here it runs under whatever /bin/sh is (dash on Debian).

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { BOOTSTRAP_SCRIPT } from "../../src/stalwart/bootstrap-job";
import { Run, runShell } from "./run-shell";
import { SeenRequest, StalwartApiEmulator } from "./stalwart-api-emulator";

const D = "acme.omantel.omani.works";

function runScript(env: Record<string, string>): Promise<Run> {
    return runShell(BOOTSTRAP_SCRIPT, env);
}

function jobEnv(api: StalwartApiEmulator, secret: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
        STALWART_URL: api.url,
        STALWART_DOMAIN: D,
        ADMIN_USER: "admin",
        ADMIN_SECRET: secret,
        READY_ATTEMPTS: "5",
        READY_INTERVAL: "0",
        RUA_ALIAS: `dmarc@${D}`,
        ...extra,
    };
}

const READY: SeenRequest = { method: "GET", path: "/healthz/ready", auth: null, contentType: null, body: null };

function domainPost(secret: string): SeenRequest {
    return {
        method: "POST",
        path: "/api/principal",
        auth: `admin:${secret}`,
        contentType: "application/json",
        body: { type: "domain", name: D, description: "Tenant mail domain" },
    };
}

function adminPost(secret: string, emails = [`admin@${D}`, `postmaster@${D}`]): SeenRequest {
    return {
        method: "POST",
        path: "/api/principal/deploy",
        auth: `admin:${secret}`,
        contentType: "application/json",
        body: {
            type: "individual",
            name: `admin@${D}`,
            description: "Tenant administrator",
            secrets: [`$app$bootstrap$${secret}`],
            emails,
            roles: ["admin"],
            enabledPermissions: ["email-receive"],
        },
    };
}

function ruaPatch(secret: string): SeenRequest {
    return {
        method: "PATCH",
        path: `/api/principal/admin@${D}`,
        auth: `admin:${secret}`,
        contentType: "application/json",
        body: [{ action: "addItem", field: "emails", value: `dmarc@${D}` }],
    };
}

function reload(secret: string): SeenRequest {
    return { method: "GET", path: "/api/reload", auth: `admin:${secret}`, contentType: null, body: null };
}

function assertNoLeak(run: Run, secret: string): void {
    assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "the password appeared in the output");
}

describe("stalwart bootstrap script against an emulated v0.15.5 API", function () {
    let api: StalwartApiEmulator;

    before(function () {
        const curl = spawnSync("curl", ["--version"]);
        if (curl.error !== undefined || curl.status !== 0) {
            console.log("    (skipped: no curl on this machine; the bootstrap script needs curl to be tested)");
            this.skip();
        }
    });

    beforeEach(async () => {
        api = new StalwartApiEmulator();
        await api.start();
    });

    afterEach(async () => {
        await api.stop();
    });

    it("first run waits for readiness, then creates the domain and the admin principal", async () => {
        api.adminSecret = "Passw0rdOne";
        api.notReadyFor = 2;
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(api.seen, [READY, READY, READY, domainPost("Passw0rdOne"), adminPost("Passw0rdOne"), ruaPatch("Passw0rdOne"), reload("Passw0rdOne")]);
        assert.deepEqual(api.principals.get(`admin@${D}`), {
            id: 2,
            type: "individual",
            name: `admin@${D}`,
            // An OIDC default directory accepts only app passwords for password logins.
            secrets: ["$app$bootstrap$Passw0rdOne"],
            emails: [`admin@${D}`, `postmaster@${D}`, `dmarc@${D}`],
            roles: ["admin"],
            enabledPermissions: ["email-receive"],
            description: "Tenant administrator",
        });
        assert.equal(api.reloads.settings, 1);
        assert.equal(
            run.stdout,
            [
                `bootstrap: waiting for ${api.url}/healthz/ready`,
                `bootstrap: created domain ${D}`,
                `bootstrap: created admin@${D}`,
                `bootstrap: dmarc@${D} receives DMARC reports`,
                "bootstrap: reloaded the configuration",
                "bootstrap: done",
                "",
            ].join("\n"),
        );
        assertNoLeak(run, "Passw0rdOne");
    });

    it("a rerun keeps the admin's app passwords, OTP secret and changed password, and ends with a reload", async () => {
        api.adminSecret = "Passw0rdOne";
        assert.equal((await runScript(jobEnv(api, "Passw0rdOne"))).code, 0);
        // The tenant admin replaced the bootstrap credential, added a phone app password and enabled 2FA.
        const admin = api.principals.get(`admin@${D}`)!;
        const owned = ["$app$bootstrap$ChangedByAdmin", "$app$phone$xyz123", "otpauth://totp/acme?secret=JBSWY3DPEHPK3PXP"];
        admin.secrets = [...owned];
        api.seen.length = 0;
        // The OpenBao value was rotated; the restarted Stalwart's fallback admin uses the new one.
        api.adminSecret = "Passw0rdTwo";
        const run = await runScript(jobEnv(api, "Passw0rdTwo"));
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(api.seen, [READY, domainPost("Passw0rdTwo"), adminPost("Passw0rdTwo"), ruaPatch("Passw0rdTwo"), reload("Passw0rdTwo")]);
        assert.deepEqual(api.principals.get(`admin@${D}`)!.secrets, owned);
        assert.deepEqual(api.principals.get(`admin@${D}`)!.emails, [`admin@${D}`, `postmaster@${D}`, `dmarc@${D}`]);
        assert.equal(api.reloads.settings, 2);
        assert.match(
            run.stdout,
            new RegExp(`domain ${D} already exists\\nbootstrap: admin@${D} already exists; its secrets belong to the tenant admin and are left alone\\n`),
        );
        assertNoLeak(run, "Passw0rdTwo");
    });

    it("(why a rerun must not write secrets) the emulated v0.15.5 PATCH: set drops OTP and app passwords, addItem replaces a password", async () => {
        api.adminSecret = "Passw0rdOne";
        api.addPrincipal({ type: "domain", name: D, secrets: [], emails: [], roles: [], enabledPermissions: [] });
        api.addPrincipal({ type: "individual", name: "bob", secrets: ["Changed", "$app$phone$x", "otpauth://totp/x"], emails: [], roles: [], enabledPermissions: [] });
        const patch = async (ops: unknown) =>
            fetch(`${api.url}/api/principal/bob`, {
                method: "PATCH",
                headers: { Authorization: `Basic ${Buffer.from("admin:Passw0rdOne").toString("base64")}`, "Content-Type": "application/json" },
                body: JSON.stringify(ops),
            }).then((r) => r.json());
        assert.deepEqual(await patch([{ action: "addItem", field: "secrets", value: "Passw0rdOne" }]), { data: null });
        assert.deepEqual(api.principals.get("bob")!.secrets, ["$app$phone$x", "otpauth://totp/x", "Passw0rdOne"]);
        assert.deepEqual(await patch([{ action: "set", field: "secrets", value: ["Passw0rdOne"] }]), { data: null });
        assert.deepEqual(api.principals.get("bob")!.secrets, ["Passw0rdOne"]);
        // The account page removes an app password by name.
        api.principals.get("bob")!.secrets.push("$app$phone$x", "$app$laptop$y");
        assert.deepEqual(await patch([{ action: "removeItem", field: "secrets", value: "$app$phone" }]), { data: null });
        assert.deepEqual(api.principals.get("bob")!.secrets, ["Passw0rdOne", "$app$laptop$y"]);
    });

    it("leaves the DMARC alias alone when another principal holds it", async () => {
        api.adminSecret = "Passw0rdOne";
        api.addPrincipal({ type: "domain", name: D, secrets: [], emails: [], roles: [], enabledPermissions: [] });
        api.addPrincipal({ type: "individual", name: "reports", secrets: [], emails: [`dmarc@${D}`], roles: ["user"], enabledPermissions: [] });
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`bootstrap: dmarc@${D} already belongs to another principal\\n`));
        assert.deepEqual(api.principals.get("reports")!.emails, [`dmarc@${D}`]);
        assert.deepEqual(api.principals.get(`admin@${D}`)!.emails, [`admin@${D}`, `postmaster@${D}`]);
    });

    it("plain POST /api/principal cannot create the admin under the OIDC directory, which is why the script deploys", async () => {
        api.adminSecret = "Passw0rdOne";
        api.addPrincipal({ type: "domain", name: D, secrets: [], emails: [], roles: [], enabledPermissions: [] });
        const reply = await fetch(`${api.url}/api/principal`, {
            method: "POST",
            headers: { Authorization: `Basic ${Buffer.from("admin:Passw0rdOne").toString("base64")}`, "Content-Type": "application/json" },
            body: JSON.stringify({ type: "individual", name: `x@${D}` }),
        }).then((r) => r.json());
        assert.equal((reply as { error: string }).error, "unsupported");
    });

    it("fails on an unexpected API error, answered with HTTP 200", async () => {
        api.adminSecret = "Passw0rdOne";
        api.override = (req) =>
            req.method === "POST" && (req.body as { type?: string }).type === "individual"
                ? { status: 200, body: { error: "other", details: "Internal error", reason: "disk full" } }
                : undefined;
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.deepEqual(api.seen, [READY, domainPost("Passw0rdOne"), adminPost("Passw0rdOne")]);
        assert.equal(
            run.stderr,
            [
                'bootstrap: response: {"error":"other","details":"Internal error","reason":"disk full"}',
                `bootstrap: creating admin@${D}: other`,
                "",
            ].join("\n"),
        );
    });

    it("fails when the domain cannot be created", async () => {
        api.adminSecret = "Passw0rdOne";
        api.override = (req) => (req.method === "POST" ? { status: 200, body: { error: "unsupported", details: "nope" } } : undefined);
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.deepEqual(api.seen, [READY, domainPost("Passw0rdOne")]);
        assert.match(run.stderr, new RegExp(`creating domain ${D}: unsupported\\n$`));
    });

    it("fails when the PATCH finds no principal (the address belongs to someone else)", async () => {
        api.adminSecret = "Passw0rdOne";
        api.addPrincipal({ type: "domain", name: D, secrets: [], emails: [], roles: [], enabledPermissions: [] });
        api.addPrincipal({ type: "individual", name: "alice", secrets: ["x"], emails: [`admin@${D}`], roles: ["user"], enabledPermissions: [] });
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.deepEqual(api.seen, [READY, domainPost("Passw0rdOne"), adminPost("Passw0rdOne"), ruaPatch("Passw0rdOne")]);
        assert.match(run.stderr, new RegExp(`bootstrap: response: \\{"error":"notFound","item":"admin@${D}"\\}\\nbootstrap: adding dmarc@${D} to admin@${D}: notFound\\n$`));
        assert.deepEqual(api.principals.get("alice")!.secrets, ["x"]);
    });

    it("fails on 401 when the fallback admin password is wrong", async () => {
        api.adminSecret = "TheRealOne";
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.deepEqual(api.seen, [READY, domainPost("Passw0rdOne")]);
        assert.equal(run.stderr, "bootstrap: POST /api/principal: HTTP 401, Stalwart refused the fallback admin credentials\n");
    });

    it("fails on an HTTP error status", async () => {
        api.adminSecret = "Passw0rdOne";
        api.override = () => ({ status: 500, body: { error: "boom" } });
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /bootstrap: POST \/api\/principal: HTTP 500\n$/);
    });

    it("fails on a 200 answer that is neither data nor error", async () => {
        api.adminSecret = "Passw0rdOne";
        api.override = () => ({ status: 200, body: { something: "else" } });
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /the response has neither data nor error\n$/);
    });

    it("gives up when Stalwart never becomes ready", async () => {
        api.notReadyFor = 100;
        const run = await runScript(jobEnv(api, "Passw0rdOne", { READY_ATTEMPTS: "3" }));
        assert.equal(run.code, 1);
        assert.deepEqual(api.seen, [READY, READY, READY]);
        assert.equal(run.stderr, "bootstrap: Stalwart is not ready after 3 attempts (last status: 503)\n");
    });

    it("gives up when nothing listens", async () => {
        const env = jobEnv(api, "Passw0rdOne", { READY_ATTEMPTS: "2" });
        await api.stop();
        const run = await runScript(env);
        await api.start();
        assert.equal(run.code, 1);
        assert.equal(run.stderr, "bootstrap: Stalwart is not ready after 2 attempts (last status: 000)\n");
    });

    it("escapes quotes and backslashes in the password, in JSON and in basic auth", async () => {
        const secret = `pa"ss\\wo'rd %s $HOME *`;
        api.adminSecret = secret;
        const run = await runScript(jobEnv(api, secret));
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(api.seen, [READY, domainPost(secret), adminPost(secret), ruaPatch(secret), reload(secret)]);
        assert.deepEqual(api.principals.get(`admin@${D}`)!.secrets, [`$app$bootstrap$${secret}`]);
        assertNoLeak(run, secret);
    });

    it("withholds an error response that echoes the password", async () => {
        api.adminSecret = "Passw0rdOne";
        api.override = (req) => (req.method === "POST" ? { status: 200, body: { error: "other", details: "bad secret Passw0rdOne" } } : undefined);
        const run = await runScript(jobEnv(api, "Passw0rdOne"));
        assert.equal(run.code, 1);
        assert.equal(run.stderr, `bootstrap: (response withheld: it contains the password)\nbootstrap: creating domain ${D}: other\n`);
    });

    it("refuses passwords Stalwart would misread, before any request", async () => {
        for (const secret of ["$6$salt$hash", "_x", "{PLAIN}x"]) {
            const run = await runScript(jobEnv(api, secret));
            assert.equal(run.code, 1, secret);
            assert.match(run.stderr, /starts with \$, _ or \{, which Stalwart reads as a hash/);
        }
        const newline = await runScript(jobEnv(api, "Passw0rdOne\n"));
        assert.equal(newline.code, 1);
        assert.match(newline.stderr, /contains a control character/);
        assert.deepEqual(api.seen, []);
    });

    it("refuses to run without its environment", async () => {
        const env = jobEnv(api, "Passw0rdOne");
        delete (env as Partial<Record<string, string>>).ADMIN_SECRET;
        const run = await runScript(env);
        assert.equal(run.code, 1);
        assert.equal(run.stderr, "bootstrap: ADMIN_SECRET is not set\n");
        assert.deepEqual(api.seen, []);
    });
});
