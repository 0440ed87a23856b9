// Name rules shared by config validation, listener naming, resource naming and the Stalwart builders
// (which re-assert them), so a value validation accepts is never rejected later.

import { isIP } from "node:net";

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why `name` is not a lowercase RFC 1123 DNS name (labels <= 63, total <= 253), or undefined if it is one. */
export function dnsNameProblem(name: string): string | undefined {
    if (name.length === 0) {
        return "is empty";
    }
    if (name.length > 253) {
        return `is ${name.length} characters long; a DNS name has at most 253`;
    }
    if (name !== name.toLowerCase()) {
        return "has upper-case letters; DNS names here must be lowercase";
    }
    if (name.endsWith(".")) {
        return "ends with a dot; write it without the trailing dot";
    }
    const labels = name.split(".");
    for (const label of labels) {
        if (label.length > 63) {
            return `has a label "${label.slice(0, 20)}..." of ${label.length} characters; a label has at most 63`;
        }
        if (!LABEL.test(label)) {
            return `has an invalid label "${label}"; labels are a-z, 0-9 and '-', and start and end with a letter or digit`;
        }
    }
    if (labels.length < 2) {
        return "is a single label; a zone, FQDN or host needs at least two labels, e.g. omani.works";
    }
    if (/^[0-9.]+$/.test(name)) {
        return "is an IP address, not a DNS name";
    }
    if (/^[0-9]+$/.test(labels[labels.length - 1])) {
        return `has an all-numeric top-level label "${labels[labels.length - 1]}"; no top-level domain is all digits (RFC 3696), so certificates and DNS would fail`;
    }
    return undefined;
}

/** Why `name` is not a valid Kubernetes object name (lowercase RFC 1123 subdomain, <= 253), if it is not. */
export function objectNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 253) {
        return `must be 1 to 253 characters long`;
    }
    return name.split(".").every((label) => label.length <= 63 && LABEL.test(label))
        ? undefined
        : "must be lowercase a-z, 0-9, '-' and '.', starting and ending with a letter or digit";
}

/** Why `name` is not a DNS-1123 label of at most `max` characters, or undefined if it is one. */
export function dnsLabelProblem(name: string, max = 63): string | undefined {
    if (name.length === 0) {
        return "is empty";
    }
    if (name.length > max) {
        return `is ${name.length} characters long; at most ${max} allowed`;
    }
    if (!LABEL.test(name)) {
        return "must be lowercase a-z, 0-9 and '-', starting and ending with a letter or digit";
    }
    return undefined;
}

/**
 * Why `address` is not a mailbox usable in DMARC and TLS-RPT `mailto:` URIs, if it is not. The local part
 * is restricted to letters, digits and `._%+-`: `!`, `,` and `;` have meanings inside those URIs.
 */
export function mailboxProblem(address: string): string | undefined {
    if (address.startsWith("mailto:")) {
        return "starts with mailto:, which the record adds itself";
    }
    const at = address.lastIndexOf("@");
    if (at <= 0 || at === address.length - 1) {
        return "is not an email address (local@domain)";
    }
    const local = address.slice(0, at);
    if (local.length > 64 || !/^[A-Za-z0-9._%+-]+$/.test(local)) {
        return "is not an email address a DMARC or TLS-RPT URI can carry (local part: letters, digits and . _ % + -, at most 64)";
    }
    const domainProblem = dnsNameProblem(address.slice(at + 1));
    return domainProblem ? `has a domain that ${domainProblem}` : undefined;
}

/** Why `value` is not an IPv4/IPv6 address or CIDR (`10.0.0.0/8`, `fd00::/8`), if it is not. */
export function ipOrCidrProblem(value: string): string | undefined {
    const [address, prefix, ...rest] = value.split("/");
    const family = isIP(address ?? "");
    const max = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
    return family === 0 || !prefixOk || rest.length > 0 ? "is not an IP address or CIDR (IPv4 or IPv6)" : undefined;
}

// Exact semver 2.0.0 (no ranges, no leading "v"): Helm pins and Flux bootstrap pins use this form.
const SEMVER =
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isExactSemver(version: string): boolean {
    return SEMVER.test(version);
}

/** Compares two exact semver strings by precedence (build metadata ignored). */
export function compareSemver(a: string, b: string): number {
    const parse = (v: string) => {
        const m = SEMVER.exec(v);
        if (!m) {
            throw new Error(`not an exact semver: ${v}`);
        }
        return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split(".") : [] };
    };
    const x = parse(a);
    const y = parse(b);
    for (let i = 0; i < 3; i++) {
        if (x.core[i] !== y.core[i]) {
            return x.core[i] - y.core[i];
        }
    }
    if (x.pre.length === 0 || y.pre.length === 0) {
        return y.pre.length - x.pre.length; // a release outranks its pre-releases
    }
    for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
        const p = x.pre[i];
        const q = y.pre[i];
        if (p === q) {
            continue;
        }
        const pn = /^\d+$/.test(p);
        const qn = /^\d+$/.test(q);
        if (pn && qn) {
            return Number(p) - Number(q);
        }
        if (pn !== qn) {
            return pn ? -1 : 1;
        }
        return p < q ? -1 : 1;
    }
    return x.pre.length - y.pre.length;
}

/** Zone or FQDN with every '.' replaced by '-': OpenOva's listener "sanitisation" (no other change). */
export function dashed(name: string): string {
    return name.replace(/\./g, "-");
}

// Kubernetes qualified names (annotation and label keys): an optional DNS-subdomain prefix and "/",
// then a name of at most 63 characters (apimachinery validation.IsQualifiedName).
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why `key` is not a valid annotation key, if it is not. */
export function annotationKeyProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const prefix = slash < 0 ? undefined : key.slice(0, slash);
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (prefix !== undefined && (prefix.length > 253 || objectNameProblem(prefix) !== undefined)) {
        return "has a prefix that is not a lowercase DNS subdomain";
    }
    if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
        return "is not a qualified name: [prefix/]name, the name at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }
    return undefined;
}

// An image reference's registry and repository path (distribution/reference grammar): a host with an
// optional port, then lowercase path components; no scheme, tag or digest.
const REGISTRY_HOST = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** Why `prefix` cannot be put before an image name (`<prefix>/stalwartlabs/stalwart:...`), if it cannot. */
export function imageRegistryProblem(prefix: string): string | undefined {
    if (/^[a-z]+:\/\//i.test(prefix)) {
        return "starts with a URL scheme; image references have none";
    }
    if (prefix.endsWith("/")) {
        return "ends with '/'; the program adds it";
    }
    const [host, ...path] = prefix.split("/");
    if (!REGISTRY_HOST.test(host) || Number(host.split(":")[1] ?? 0) > 65535) {
        return "does not start with a registry host (e.g. registry.example.com or registry.example.com:5000)";
    }
    if (path.some((c) => !PATH_COMPONENT.test(c))) {
        return "has a path component that is not lowercase letters and digits separated by '.', '_', '__' or '-'";
    }
    if (prefix.length > 200) {
        return "is longer than 200 characters; the whole image name must stay under 255";
    }
    return undefined;
}
