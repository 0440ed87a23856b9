// CrossGuard stack policy: every HTTPRoute in the stack (the program's own and every one a Helm Chart v4
// renders) attaches to a listener of its Gateway or ListenerSet, judged by the same offline checker the
// program uses (Cilium mode). It sees what a real `pulumi preview --policy-pack policy` sees, including
// chart children the program's mocks never render. Gateways managed outside the stack come from config.
//
// Only policy/index.ts constructs the PolicyPack (that starts a gRPC server); tests import this module.

import * as policySdk from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { NamespaceInfo } from "../src/model/gateway-api";
import { AttachmentReport, ParentRefStatus, checkAttachment } from "../src/proof/attachment-checker";
import { AllowedListeners, GATEWAY_API_VERSION, Gateway, HTTPRoute, Listener, ListenerSet, gatewayKey } from "../src/model/gateway-api";
import { routeFailures } from "../src/proof/attachment-failures";

export const POLICY_NAME = "httproute-attachment";

export const RESOURCE_TYPES = {
    gateway: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
    listenerSet: "kubernetes:gateway.networking.k8s.io/v1:ListenerSet",
    httpRoute: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
    namespace: "kubernetes:core/v1:Namespace",
} as const;

/** A Gateway managed outside this stack, passed in policy config so routes that name it can be checked. */
export interface ExternalGateway {
    namespace: string;
    name: string;
    listeners: Listener[];
    allowedListeners?: AllowedListeners;
}

export interface AttachmentPolicyConfig {
    gateways?: ExternalGateway[];
}

// ---------------------------------------------------------------------------------------------------------
// Unknown values. The policy server wraps every resource's props in `unknownCheckingProxy`, which throws
// UnknownValueError when a value is not known yet (preview). @pulumi/policy 1.21.0 exports both at run time,
// but its proxy.d.ts is stripped of them, so they are typed here.

interface UnknownValueErrorClass {
    new (unknownTypeSentinel: string, props: string[]): Error & { props: string[] };
}

const sdk = policySdk as unknown as { UnknownValueError: UnknownValueErrorClass };
const UnknownValueError = sdk.UnknownValueError;

function isUnknownValueError(err: unknown): boolean {
    return err instanceof UnknownValueError;
}

/**
 * Thrown after every verifiable route was judged: the policy server turns an UnknownValueError into one
 * advisory diagnostic ("can't run policy ... during preview: <message>"), so routes that depend on values
 * known only at deploy time are reported as unverified, never as a hard failure.
 */
export class CannotVerifyError extends UnknownValueError {
    constructor(readonly unverified: readonly string[]) {
        // Sentinel of an unknown string (proxy.js); it only picks the "string value" wording of the base message.
        super("04da6b54-80e4-46f7-96ec-b56ff0331ba9", []);
        this.message =
            `cannot verify the attachment of ${unverified.length} item${unverified.length === 1 ? "" : "s"} until deploy ` +
            `(values unknown during preview): ${unverified.join("; ")}`;
        this.name = "CannotVerifyError";
    }
}

type Path = readonly (string | number)[];

const UNKNOWN = Symbol("unknown until deploy");
type Known<T> = T | typeof UNKNOWN;

/** Reads props through the unknown-checking proxy, recording unknown paths instead of throwing. */
class KnownReader {
    readonly unknown: string[] = [];

    constructor(private readonly props: Record<string, unknown>) {}

    /** The value at `path` (undefined when absent), or UNKNOWN. */
    get(path: Path): Known<unknown> {
        let value: unknown = this.props;
        try {
            for (const key of path) {
                if (typeof value !== "object" || value === null) {
                    return undefined;
                }
                value = (value as Record<string | number, unknown>)[key];
            }
        } catch (err) {
            return this.unknownAt(err);
        }
        return value;
    }

    /** A plain deep copy of the value at `path`, or UNKNOWN if anything inside it is unknown. */
    copy(path: Path): Known<unknown> {
        const value = this.get(path);
        if (value === UNKNOWN) {
            return UNKNOWN;
        }
        try {
            // Every property access goes through the proxy, so an unknown anywhere inside throws here.
            return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
        } catch (err) {
            return this.unknownAt(err);
        }
    }

    /** The proxy tracks the full path from the resource's props, so the error names the unknown field. */
    private unknownAt(err: unknown): typeof UNKNOWN {
        if (!isUnknownValueError(err)) {
            throw err;
        }
        this.unknown.push((err as { props: string[] }).props.join("."));
        return UNKNOWN;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Stack resources as checker input.

interface Identity {
    namespace: string;
    name: string;
}

/** A resource read for the checker, or why it cannot be read before deploy. */
type Read<T> = { ok: true; value: T; urn: string } | { ok: false; what: string; unknown: string[]; id?: Identity };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** allowedRoutes with malformed parts left out (the API server refuses them), so the checker never trips on them. */
function plainAllowedRoutes(value: Record<string, unknown>): Listener["allowedRoutes"] {
    const { kinds, namespaces, ...rest } = value;
    return {
        ...rest,
        ...(Array.isArray(kinds) ? { kinds: kinds.filter(isMapping) } : {}),
        ...(isMapping(namespaces) ? { namespaces } : {}),
    } as Listener["allowedRoutes"];
}

/** Why the policy config's `gateways` cannot be used, if it cannot (the CLI validates it against the schema; this never trusts that). */
export function configProblem(config: unknown): string | undefined {
    if (!isMapping(config) || config.gateways === undefined) {
        return undefined;
    }
    if (!Array.isArray(config.gateways)) {
        return "gateways is not a list";
    }
    for (const [i, g] of config.gateways.entries()) {
        if (!isMapping(g) || typeof g.namespace !== "string" || typeof g.name !== "string" || !Array.isArray(g.listeners)) {
            return `gateways[${i}] is not a mapping with namespace, name and a list of listeners`;
        }
        for (const [j, l] of g.listeners.entries()) {
            if (!isMapping(l) || typeof l.name !== "string" || typeof l.port !== "number" || typeof l.protocol !== "string" || (l.hostname !== undefined && typeof l.hostname !== "string")) {
                return `gateways[${i}].listeners[${j}] is not a listener with a name, a port and a protocol`;
            }
            if (l.allowedRoutes !== undefined && !isMapping(l.allowedRoutes)) {
                return `gateways[${i}].listeners[${j}].allowedRoutes is not a mapping`;
            }
        }
        if (g.allowedListeners !== undefined && !isMapping(g.allowedListeners)) {
            return `gateways[${i}].allowedListeners is not a mapping`;
        }
    }
    return undefined;
}
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);

function identity(r: KnownReader): Known<Identity | undefined> {
    const name = r.get(["metadata", "name"]);
    const namespace = r.get(["metadata", "namespace"]);
    if (name === UNKNOWN || namespace === UNKNOWN) {
        return UNKNOWN;
    }
    const n = str(name);
    return n === undefined ? undefined : { name: n, namespace: str(namespace) ?? "default" };
}

/** Only the listener fields attachment depends on: an unknown certificate name must not block the check. */
function listenersAt(r: KnownReader, path: Path): Known<Listener[]> {
    const list = r.get(path);
    if (list === UNKNOWN) {
        return UNKNOWN;
    }
    const listeners: Listener[] = [];
    let unknown = false;
    (arr(list) ?? []).forEach((_, i) => {
        const fields = ["name", "hostname", "port", "protocol", "allowedRoutes"].map((f) => r.copy([...path, i, f]));
        if (fields.includes(UNKNOWN)) {
            unknown = true;
            return;
        }
        const [name, hostname, port, protocol, allowedRoutes] = fields;
        listeners.push({
            name: str(name) ?? "",
            ...(str(hostname) === undefined ? {} : { hostname: str(hostname) }),
            port: typeof port === "number" ? port : 0,
            protocol: (str(protocol) ?? "HTTP") as Listener["protocol"],
            ...(isMapping(allowedRoutes) ? { allowedRoutes: plainAllowedRoutes(allowedRoutes) } : {}),
        });
    });
    return unknown ? UNKNOWN : listeners;
}

function describe(kind: string, resource: PolicyResource, id: Known<Identity | undefined>): string {
    return id === UNKNOWN || id === undefined ? `${kind} ${resource.name}` : `${kind} ${gatewayKey(id.namespace, id.name)}`;
}

function readGateway(resource: PolicyResource): Read<Gateway> | undefined {
    const r = new KnownReader(resource.props);
    const id = identity(r);
    const listeners = listenersAt(r, ["spec", "listeners"]);
    const allowedListeners = r.copy(["spec", "allowedListeners"]);
    if (id === UNKNOWN || listeners === UNKNOWN || allowedListeners === UNKNOWN) {
        return { ok: false, what: describe("Gateway", resource, id), unknown: r.unknown, ...(id === UNKNOWN || id === undefined ? {} : { id }) };
    }
    if (id === undefined) {
        return undefined;
    }
    const gateway: Gateway = {
        apiVersion: GATEWAY_API_VERSION,
        kind: "Gateway",
        metadata: id,
        spec: { gatewayClassName: "", listeners, ...(allowedListeners === undefined ? {} : { allowedListeners: allowedListeners as AllowedListeners }) },
    };
    return { ok: true, value: gateway, urn: resource.urn };
}

function readListenerSet(resource: PolicyResource): Read<ListenerSet> | undefined {
    const r = new KnownReader(resource.props);
    const id = identity(r);
    const listeners = listenersAt(r, ["spec", "listeners"]);
    const parentRef = r.copy(["spec", "parentRef"]);
    if (id === UNKNOWN || listeners === UNKNOWN || parentRef === UNKNOWN) {
        return { ok: false, what: describe("ListenerSet", resource, id), unknown: r.unknown, ...(id === UNKNOWN || id === undefined ? {} : { id }) };
    }
    if (id === undefined || typeof parentRef !== "object" || parentRef === null) {
        return undefined;
    }
    const listenerSet: ListenerSet = {
        apiVersion: GATEWAY_API_VERSION,
        kind: "ListenerSet",
        metadata: id,
        spec: { parentRef: parentRef as ListenerSet["spec"]["parentRef"], listeners },
    };
    return { ok: true, value: listenerSet, urn: resource.urn };
}

function readRoute(resource: PolicyResource): Read<HTTPRoute> | undefined {
    const r = new KnownReader(resource.props);
    const id = identity(r);
    const parentRefs = r.copy(["spec", "parentRefs"]);
    const hostnames = r.copy(["spec", "hostnames"]);
    if (id === UNKNOWN || parentRefs === UNKNOWN || hostnames === UNKNOWN) {
        return { ok: false, what: describe("HTTPRoute", resource, id), unknown: r.unknown };
    }
    if (id === undefined) {
        return undefined;
    }
    const route: HTTPRoute = {
        apiVersion: GATEWAY_API_VERSION,
        kind: "HTTPRoute",
        metadata: id,
        spec: {
            // Entries that are not mappings cannot name a parent; the API server refuses them, so the check skips them.
            ...(arr(parentRefs) === undefined ? {} : { parentRefs: (parentRefs as unknown[]).filter(isMapping) as unknown as HTTPRoute["spec"]["parentRefs"] }),
            ...(arr(hostnames) === undefined ? {} : { hostnames: (hostnames as unknown[]).filter((h): h is string => typeof h === "string") }),
        },
    };
    return { ok: true, value: route, urn: resource.urn };
}

function readNamespace(resource: PolicyResource): Read<NamespaceInfo> | undefined {
    const r = new KnownReader(resource.props);
    const name = r.get(["metadata", "name"]);
    const labels = r.copy(["metadata", "labels"]);
    if (name === UNKNOWN || labels === UNKNOWN) {
        const n = name === UNKNOWN ? undefined : str(name);
        return { ok: false, what: `Namespace ${n ?? resource.name}`, unknown: r.unknown, ...(n === undefined ? {} : { id: { namespace: "", name: n } }) };
    }
    const n = str(name);
    if (n === undefined) {
        return undefined;
    }
    const plain = typeof labels === "object" && labels !== null ? Object.entries(labels).filter(([, v]) => typeof v === "string") : [];
    return { ok: true, value: { name: n, labels: Object.fromEntries(plain) as Record<string, string> }, urn: resource.urn };
}

function withPlainListeners(g: Gateway): Gateway {
    return { ...g, spec: { ...g.spec, listeners: g.spec.listeners.map((l) => (isMapping(l.allowedRoutes) ? { ...l, allowedRoutes: plainAllowedRoutes(l.allowedRoutes) } : l)) } };
}

function externalGateway(g: ExternalGateway): Gateway {
    return {
        apiVersion: GATEWAY_API_VERSION,
        kind: "Gateway",
        metadata: { namespace: g.namespace, name: g.name },
        spec: { gatewayClassName: "", listeners: g.listeners, ...(g.allowedListeners === undefined ? {} : { allowedListeners: g.allowedListeners }) },
    };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation.

export interface AttachmentViolation {
    message: string;
    /** The HTTPRoute resource in violation. */
    urn?: string;
}

export interface StackEvaluation {
    report: AttachmentReport;
    violations: AttachmentViolation[];
    /** One line per route (or parent) that cannot be judged before deploy. */
    unverified: string[];
}

function partition<T>(reads: readonly (Read<T> | undefined)[]): { known: { value: T; urn: string }[]; unknown: Extract<Read<T>, { ok: false }>[] } {
    const known: { value: T; urn: string }[] = [];
    const unknown: Extract<Read<T>, { ok: false }>[] = [];
    for (const read of reads) {
        if (read === undefined) continue;
        if (read.ok) known.push(read);
        else unknown.push(read);
    }
    return { known, unknown };
}

const ofType = (resources: readonly PolicyResource[], type: string) => resources.filter((r) => r.type === type);
const unknownText = (u: { what: string; unknown: string[] }) => `${u.what} (${u.unknown.join(", ")} unknown)`;

/** Judges every HTTPRoute of the stack; routes that depend on values unknown during preview are set aside. */
export function evaluateStack(resources: readonly PolicyResource[], config: AttachmentPolicyConfig): StackEvaluation {
    const gateways = partition(ofType(resources, RESOURCE_TYPES.gateway).map(readGateway));
    const listenerSets = partition(ofType(resources, RESOURCE_TYPES.listenerSet).map(readListenerSet));
    const routes = partition(ofType(resources, RESOURCE_TYPES.httpRoute).map(readRoute));
    const namespaces = partition(ofType(resources, RESOURCE_TYPES.namespace).map(readNamespace));

    // A parent whose listeners (or whose own name) are unknown: failures that involve it cannot be judged yet.
    const unknownParents = new Map<string, string>();
    for (const [kind, list] of [["Gateway", gateways.unknown], ["ListenerSet", listenerSets.unknown]] as const) {
        for (const u of list) {
            unknownParents.set(u.id === undefined ? `${kind} ?` : `${kind} ${gatewayKey(u.id.namespace, u.id.name)}`, unknownText(u));
        }
    }
    const unknownNamespaces = new Map(namespaces.unknown.map((u) => [u.id?.name ?? "?", unknownText(u)]));

    const stackGateways = gateways.known.map((g) => g.value);
    const inStack = new Set(stackGateways.map((g) => gatewayKey(g.metadata.namespace ?? "default", g.metadata.name)));
    // A Gateway in the stack is authoritative; config only fills in Gateways managed elsewhere.
    const badConfig = configProblem(config);
    const external = (badConfig === undefined ? config.gateways ?? [] : []).map(externalGateway).map(withPlainListeners).filter((g) => !inStack.has(gatewayKey(g.metadata.namespace ?? "default", g.metadata.name)));
    const report = checkAttachment({
        gateways: [...stackGateways, ...external],
        listenerSets: listenerSets.known.map((l) => l.value),
        routes: routes.known.map((r) => r.value),
        namespaces: namespaces.known.map((n) => n.value),
        mode: "cilium",
    });

    const urnOf = new Map(routes.known.map((r) => [gatewayKey(r.value.metadata.namespace ?? "default", r.value.metadata.name), r.urn]));
    const violations: AttachmentViolation[] = [];
    if (badConfig !== undefined) {
        violations.push({ message: `policy config ${POLICY_NAME}: ${badConfig}. Fix: pass {"${POLICY_NAME}": {"gateways": [{"namespace", "name", "listeners": [{"name", "port", "protocol", "hostname"}]}]}} with --policy-pack-config` });
    }
    const unverified = routes.unknown.map(unknownText);
    for (const failure of routeFailures(report)) {
        const key = gatewayKey(failure.route.namespace, failure.route.name);
        const blocker = blockerOf(report, key, unknownParents, unknownNamespaces);
        if (blocker !== undefined) {
            unverified.push(`HTTPRoute ${key} depends on ${blocker}`);
            continue;
        }
        const message = failure.parent !== undefined && namesMissingGateway(failure.parent) ? `${failure.message}. ${EXTERNAL_HINT}` : failure.message;
        violations.push({ message, ...(urnOf.has(key) ? { urn: urnOf.get(key) } : {}) });
    }
    return { report, violations, unverified };
}

const EXTERNAL_HINT =
    `If that Gateway is managed outside this stack (gateways.management: external, or a tenant shard), pass its listeners ` +
    `in the policy config: --policy-pack-config with {"${POLICY_NAME}": {"gateways": [{namespace, name, listeners, allowedListeners}]}}`;

/** The parentRef (or its ListenerSet) names a Gateway that is neither in the stack nor in config. */
function namesMissingGateway(p: ParentRefStatus): boolean {
    return (p.reason === "InvalidHTTPRoute" && p.parentRef.kind === "Gateway") || p.warnings.some((w) => /its parent Gateway \S+ is not in the input/.test(w));
}

/** The unknown thing a failing route depends on: its parent (or its ListenerSet's Gateway), or its namespace. */
function blockerOf(report: AttachmentReport, routeKey: string, parents: ReadonlyMap<string, string>, namespaces: ReadonlyMap<string, string>): string | undefined {
    const failing = report.parents.filter((p) => gatewayKey(p.route.namespace, p.route.name) === routeKey && !(p.accepted && p.attachedListeners.length > 0));
    for (const p of failing) {
        const ref = p.parentRef;
        const own = parents.get(`${ref.kind} ${gatewayKey(ref.namespace, ref.name)}`);
        const viaGateway = p.gateway === "" ? undefined : parents.get(`Gateway ${p.gateway}`);
        // A parent not found may be the one whose name is unknown.
        const nameless = p.reason === "InvalidHTTPRoute" ? parents.get(`${ref.kind} ?`) : undefined;
        // Namespace labels only matter to allowedRoutes selectors, i.e. to NotAllowedByListeners.
        const namespace = p.reason === "NotAllowedByListeners" ? namespaces.get(p.route.namespace) ?? namespaces.get("?") : undefined;
        const blocker = own ?? viaGateway ?? nameless ?? namespace;
        if (blocker !== undefined) {
            return blocker;
        }
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The policy.

const listenerSchema: PolicyConfigJSONSchema = {
    type: "object",
    required: ["name", "port", "protocol"],
    properties: {
        name: { type: "string" },
        hostname: { type: "string" },
        port: { type: "integer", minimum: 1, maximum: 65535 },
        protocol: { type: "string", enum: ["HTTP", "HTTPS", "TLS", "TCP", "UDP"] },
        allowedRoutes: { type: "object", description: "As on a Gateway listener; omitted means namespaces.from: Same (the CRD default)." },
    },
};

export const CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        gateways: {
            type: "array",
            description:
                "Gateways managed outside this stack (e.g. gateways.management: external), with the listeners routes may attach to. " +
                "A Gateway of the same namespace/name in the stack takes precedence.",
            items: {
                type: "object",
                required: ["namespace", "name", "listeners"],
                properties: {
                    namespace: { type: "string" },
                    name: { type: "string" },
                    listeners: { type: "array", items: listenerSchema },
                    allowedListeners: { type: "object" },
                },
            },
        },
    },
};

export function validateAttachment(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const { violations, unverified } = evaluateStack(args.resources, args.getConfig<AttachmentPolicyConfig>());
    for (const v of violations) {
        reportViolation(v.message, v.urn);
    }
    if (unverified.length > 0) {
        // After the violations: the server keeps those (mandatory) and adds this one as advisory.
        throw new CannotVerifyError(unverified);
    }
}

export const attachmentPolicy: StackValidationPolicy = {
    name: POLICY_NAME,
    description:
        "Every HTTPRoute parentRef is accepted by its Gateway or ListenerSet and attaches to at least one listener " +
        "(Gateway API with Cilium's route checks); a pinned sectionName that names no listener is the classic NoMatchingParent outage.",
    enforcementLevel: "mandatory",
    configSchema: CONFIG_SCHEMA,
    validateStack: validateAttachment,
};
