// Checks on DNS names and addresses the builders embed, so an invalid tenant fails at preview with a
// message instead of producing a record or config the DNS server or Stalwart rejects later.

import { isIP } from "node:net";

/** Text form of a name without the trailing dot (255 octets on the wire). */
export const MAX_DNS_NAME_LENGTH = 253;
export const MAX_DNS_LABEL_LENGTH = 63;
/** One TXT character-string. */
export const MAX_TXT_STRING_LENGTH = 255;

const HOST_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
// Underscore labels (_dmarc, _domainkey, _tcp) are legal in record names, which are not host names.
const RECORD_LABEL = /^(_?[a-z0-9]([a-z0-9-]*[a-z0-9])?|_[a-z0-9-]+)$/;

function checkName(name: string, what: string, label: RegExp): void {
    if (name.length === 0 || name.length > MAX_DNS_NAME_LENGTH) {
        throw new Error(`${what} "${name}" must be 1-${MAX_DNS_NAME_LENGTH} characters (it is ${name.length})`);
    }
    for (const l of name.split(".")) {
        if (l.length === 0 || l.length > MAX_DNS_LABEL_LENGTH) {
            throw new Error(`${what} "${name}": label "${l}" must be 1-${MAX_DNS_LABEL_LENGTH} characters`);
        }
        if (!label.test(l)) {
            throw new Error(`${what} "${name}": label "${l}" is not lower-case letters, digits and inner hyphens`);
        }
    }
}

/** A host name (mail domain, `mail.<domain>`): lower-case LDH labels, at least two of them. */
export function assertHostname(name: string, what: string): void {
    checkName(name, what, HOST_LABEL);
    if (!name.includes(".")) throw new Error(`${what} "${name}" must have at least two labels`);
}

/** A record owner name, which may contain underscore labels. */
export function assertRecordName(name: string, what: string): void {
    checkName(name, what, RECORD_LABEL);
}

export function assertDnsLabel(label: string, what: string): void {
    if (label.length === 0 || label.length > MAX_DNS_LABEL_LENGTH || !HOST_LABEL.test(label)) {
        throw new Error(`${what} "${label}" must be a DNS label: 1-63 lower-case letters, digits and inner hyphens`);
    }
}

export function assertTxtString(value: string, what: string): void {
    const octets = Buffer.byteLength(value, "utf8");
    if (octets > MAX_TXT_STRING_LENGTH) {
        throw new Error(`${what}: TXT string is ${octets} octets, more than ${MAX_TXT_STRING_LENGTH}`);
    }
}

/**
 * An email address whose domain is a host name (a report mailbox, for example). The local part is
 * restricted to `[A-Za-z0-9._%+-]`: `!`, `,` and `;` have meanings inside DMARC and TLS-RPT URIs.
 */
export function assertMailbox(address: string, what: string): void {
    const at = address.lastIndexOf("@");
    const local = address.slice(0, at);
    if (at <= 0 || !/^[A-Za-z0-9._%+-]+$/.test(local) || local.length > 64) {
        throw new Error(`${what} "${address}" is not an email address`);
    }
    assertHostname(address.slice(at + 1), `${what} domain`);
}

/** An IP address or CIDR (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`). */
export function assertIpOrCidr(value: string, what: string): void {
    const [address, prefix, ...rest] = value.split("/");
    const family = isIP(address ?? "");
    const max = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
    if (family === 0 || !prefixOk || rest.length > 0) {
        throw new Error(`${what} "${value}" is not an IP address or CIDR`);
    }
}
