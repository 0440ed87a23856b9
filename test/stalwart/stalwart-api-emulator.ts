// A small emulation of the Stalwart v0.15.5 management API surface the bootstrap script uses, with
// the behaviour v0.15.5 has: unauthenticated /healthz/*, basic auth with 401 on failure,
// and every API error as HTTP 200 JSON. It records each request so tests can assert them exactly.

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
        if (seen.method === "POST" && seen.path === "/api/principal") return { status: 200, body: this.create(body as Record<string, unknown>) };
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
            secrets: (p.secrets as string[] | undefined) ?? [],
            emails,
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
            if (op.action !== "set" || op.field !== "secrets" || !Array.isArray(op.value)) {
                return { error: "unsupported", details: `${op.action} ${op.field}` };
            }
            principal.secrets = op.value as string[];
        }
        return { data: null };
    }
}
