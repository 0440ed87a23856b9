// Checks on DNS names and addresses the builders embed, so an invalid tenant fails at preview with a
// message instead of producing a record or config the DNS server or Stalwart rejects later.

import { dnsLabelProblem, dnsNameProblem, ipOrCidrProblem, mailboxProblem } from "../rules/name-rules";

/** Text form of a name without the trailing dot (255 octets on the wire). */
export const MAX_DNS_NAME_LENGTH = 253;
export const MAX_DNS_LABEL_LENGTH = 63;
/** One TXT character-string. */
export const MAX_TXT_STRING_LENGTH = 255;

// Underscore labels (_dmarc, _domainkey, _tcp) are legal in record names, which are not host names.
const RECORD_LABEL = /^(_?[a-z0-9]([a-z0-9-]*[a-z0-9])?|_[a-z0-9-]+)$/;

/** A record owner name, which may contain underscore labels (not a host name, so its own rule). */
export function assertRecordName(name: string, what: string): void {
    if (name.length === 0 || name.length > MAX_DNS_NAME_LENGTH) {
        throw new Error(`${what} "${name}" must be 1-${MAX_DNS_NAME_LENGTH} characters (it is ${name.length})`);
    }
    for (const l of name.split(".")) {
        if (l.length === 0 || l.length > MAX_DNS_LABEL_LENGTH) {
            throw new Error(`${what} "${name}": label "${l}" must be 1-${MAX_DNS_LABEL_LENGTH} characters`);
        }
        if (!RECORD_LABEL.test(l)) {
            throw new Error(`${what} "${name}": label "${l}" is not lower-case letters, digits and inner hyphens`);
        }
    }
}

function assertNo(problem: string | undefined, what: string, value: string): void {
    if (problem !== undefined) {
        throw new Error(`${what} "${value}" ${problem}`);
    }
}

/** A host name (mail domain, `mail.<domain>`): lower-case LDH labels, at least two of them. */
export function assertHostname(name: string, what: string): void {
    assertNo(dnsNameProblem(name), what, name);
}

export function assertDnsLabel(label: string, what: string): void {
    assertNo(dnsLabelProblem(label), what, label);
}

export function assertTxtString(value: string, what: string): void {
    const octets = Buffer.byteLength(value, "utf8");
    if (octets > MAX_TXT_STRING_LENGTH) {
        throw new Error(`${what}: TXT string is ${octets} octets, more than ${MAX_TXT_STRING_LENGTH}`);
    }
}

/** A report mailbox (the rule tenant validation applies, `mailboxProblem`). */
export function assertMailbox(address: string, what: string): void {
    assertNo(mailboxProblem(address), what, address);
}

/** An IP address or CIDR (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`). */
export function assertIpOrCidr(value: string, what: string): void {
    assertNo(ipOrCidrProblem(value), what, value);
}
