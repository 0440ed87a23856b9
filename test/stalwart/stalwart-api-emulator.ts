// A small emulation of the Stalwart v0.15.5 management API surface the bootstrap and certificate-reload
// scripts use: unauthenticated /healthz/*, basic auth with 401 on failure, and every API error as HTTP
// 200 JSON. It records each request so tests can assert them exactly. Semantics follow the v0.15.5
// source:
// - POST /api/principal refuses individuals unless the default directory is internal; POST
//   /api/principal/deploy skips that check (crates/http/src/management/principal.rs);
// - PATCH secrets (crates/directory/src/backend/internal/manage.rs): `set` drops every Password,
//   AppPassword and OtpAuth and keeps one password; `addItem` of an existing secret does nothing, of an
//   app password (`$app$`) appends it, of an OTP (`otpauth://`) replaces the OTP, of anything else
//   replaces the Password; `removeItem` removes that secret (an app password or OTP also by prefix,
//   `$app$<name>`; an empty value removes every app password and OTP);
// - PATCH emails `addItem`: nothing when the principal has it, fieldAlreadyExists when another
//   principal has it, notFound when its domain is unknown;
// - GET /api/reload and /api/reload/certificate answer {"data":…}.

import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
    method: string;
    path: string;
    /** Decoded `user:password` of the Basic credentials, null when none were sent. */
    auth: string | null;
    contentType: string | null;
    body: unknown;
}

export interface Principal {
    id: number;
    type: string;
    name: string;
    secrets: string[];
    emails: string[];
    roles: string[];
    enabledPermissions: string[];
    description?: string;
}

export interface Reply {
    status: number;
    body: unknown;
}

export class StalwartApiEmulator {
    readonly seen: SeenRequest[] = [];
    readonly principals = new Map<string, Principal>();
    /** False: the default directory is an OIDC one (the tenant's Keycloak realm). */
    internalDirectory = false;
    /** How often each reload endpoint was called. */
    readonly reloads = { settings: 0, certificate: 0 };
    /** /healthz/ready answers 503 this many times before 200. */
    notReadyFor = 0;
    adminUser = "admin";
    adminSecret = "";
    /** Lets a test answer a request itself (an unexpected error, say). */
    override: ((req: SeenRequest) => Reply | undefined) | undefined;
    private server: http.Server | undefined;
    private nextId = 1;

    get url(): string {
        const address = this.server!.address() as AddressInfo;
        return `http://127.0.0.1:${address.port}`;
    }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => {
                const reply = this.handle(req, Buffer.concat(chunks).toString("utf8"));
                const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
                res.writeHead(reply.status, { "Content-Type": "application/json" });
                res.end(text);
            });
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    }

    async stop(): Promise<void> {
        await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    }

    addPrincipal(p: Omit<Principal, "id">): void {
        this.principals.set(p.name, { ...p, id: this.nextId++ });
    }

    private handle(req: http.IncomingMessage, raw: string): Reply {
        const header = req.headers.authorization;
        const auth = header?.startsWith("Basic ") ? Buffer.from(header.slice(6), "base64").toString("utf8") : null;
        let body: unknown = null;
        if (raw !== "") {
            try {
                body = JSON.parse(raw);
            } catch {
                body = { unparsable: raw };
            }
        }
        const url = new URL(req.url ?? "/", "http://x");
        const seen: SeenRequest = { method: req.method ?? "", path: url.pathname, auth, contentType: req.headers["content-type"] ?? null, body };
        this.seen.push(seen);

        if (seen.path === "/healthz/live") return { status: 200, body: undefined };
        if (seen.path === "/healthz/ready") {
            if (this.notReadyFor > 0) {
                this.notReadyFor--;
                return { status: 503, body: undefined };
            }
            return { status: 200, body: undefined };
        }
        if (!seen.path.startsWith("/api/")) return { status: 404, body: undefined };
        if (auth !== `${this.adminUser}:${this.adminSecret}`) {
            return { status: 401, body: { type: "about:blank", status: 401, title: "Unauthorized", detail: "You have to authenticate first." } };
        }
        const overridden = this.override?.(seen);
        if (overridden !== undefined) return overridden;
        if (typeof body === "object" && body !== null && "unparsable" in body) {
            return { status: 400, body: { type: "about:blank", status: 400, title: "Invalid parameters", detail: "Failed to deserialize JSON body" } };
        }
        if (seen.method === "POST" && (seen.path === "/api/principal" || seen.path === "/api/principal/deploy")) {
            const p = body as Record<string, unknown>;
            if (p.type === "individual" && seen.path === "/api/principal" && !this.internalDirectory) {
                return { status: 200, body: { error: "unsupported", details: "OpenID directory cannot be managed. Only internal directories support inserts and update operations." } };
            }
            return { status: 200, body: this.create(p) };
        }
        if (seen.method === "GET" && seen.path === "/api/reload") {
            this.reloads.settings++;
            return { status: 200, body: { data: { errors: {}, warnings: {} } } };
        }
        if (seen.method === "GET" && seen.path === "/api/reload/certificate") {
            this.reloads.certificate++;
            return { status: 200, body: { data: { errors: {}, warnings: {} } } };
        }
        const m = /^\/api\/principal\/(.+)$/.exec(seen.path);
        if (seen.method === "PATCH" && m !== null) return { status: 200, body: this.patch(decodeURIComponent(m[1]!), body) };
        return { status: 404, body: { error: "notFound", item: seen.path } };
    }

    private create(p: Record<string, unknown>): unknown {
        const name = p.name;
        if (typeof p.type !== "string") return { error: "fieldMissing", field: "type" };
        if (typeof name !== "string" || name === "") return { error: "fieldMissing", field: "name" };
        if (this.principals.has(name)) return { error: "fieldAlreadyExists", field: "name", value: name };
        const emails = (p.emails as string[] | undefined) ?? [];
        for (const email of emails) {
            const domain = email.slice(email.indexOf("@") + 1);
            const known = [...this.principals.values()].some((q) => q.type === "domain" && q.name === domain);
            if (!known) return { error: "notFound", item: domain };
            if ([...this.principals.values()].some((q) => q.emails.includes(email))) {
                return { error: "fieldAlreadyExists", field: "emails", value: email };
            }
        }
        const id = this.nextId++;
        this.principals.set(name, {
            id,
            type: p.type,
            name,
            secrets: [...((p.secrets as string[] | undefined) ?? [])],
            emails: [...emails],
            roles: (p.roles as string[] | undefined) ?? [],
            enabledPermissions: (p.enabledPermissions as string[] | undefined) ?? [],
            description: p.description as string | undefined,
        });
        return { data: id };
    }

    private patch(name: string, ops: unknown): unknown {
        const principal = this.principals.get(name);
        if (principal === undefined) return { error: "notFound", item: name };
        if (!Array.isArray(ops)) return { error: "other", details: "expected a list of changes" };
        for (const op of ops as { action: string; field: string; value: unknown }[]) {
            const error = this.apply(principal, op);
            if (error !== undefined) return error;
        }
        return { data: null };
    }

    private apply(principal: Principal, op: { action: string; field: string; value: unknown }): unknown {
        const isApp = (s: string) => s.startsWith("$app$");
        const isOtp = (s: string) => s.startsWith("otpauth://");
        const isPassword = (s: string) => !isApp(s) && !isOtp(s);
        if (op.field === "secrets" && op.action === "set" && (Array.isArray(op.value) || typeof op.value === "string")) {
            const values = Array.isArray(op.value) ? (op.value as string[]) : [op.value];
            const kept: string[] = [];
            let hasPassword = false;
            for (const v of values) {
                if (isPassword(v)) {
                    if (hasPassword) continue;
                    hasPassword = true;
                }
                kept.push(v);
            }
            principal.secrets = kept;
            return undefined;
        }
        if (op.field === "secrets" && op.action === "addItem" && typeof op.value === "string") {
            const v = op.value;
            if (principal.secrets.includes(v)) return undefined;
            if (isOtp(v)) principal.secrets = principal.secrets.filter((s) => !isOtp(s));
            else if (!isApp(v)) principal.secrets = principal.secrets.filter((s) => !isPassword(s));
            principal.secrets.push(v);
            return undefined;
        }
        if (op.field === "secrets" && op.action === "removeItem" && typeof op.value === "string") {
            const v = op.value;
            if (isApp(v) || isOtp(v)) {
                // `$app$<name>` removes that app password whatever its value.
                principal.secrets = principal.secrets.filter((s) => !((isApp(s) || isOtp(s)) && (s === v || s.startsWith(v))));
            } else if (v !== "") {
                principal.secrets = principal.secrets.filter((s) => !(isPassword(s) && s === v));
            } else {
                principal.secrets = principal.secrets.filter((s) => isPassword(s));
            }
            return undefined;
        }
        if (op.field === "emails" && op.action === "addItem" && typeof op.value === "string") {
            const email = op.value.toLowerCase();
            if (principal.emails.includes(email)) return undefined;
            if ([...this.principals.values()].some((q) => q.emails.includes(email))) {
                return { error: "fieldAlreadyExists", field: "emails", value: email };
            }
            const domain = email.slice(email.indexOf("@") + 1);
            if (![...this.principals.values()].some((q) => q.type === "domain" && q.name === domain)) return { error: "notFound", item: domain };
            principal.emails.push(email);
            return undefined;
        }
        return { error: "unsupported", details: `${op.action} ${op.field}` };
    }
}
