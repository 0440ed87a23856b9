// Values the offline render cannot know (secrets, values a provider computes at deploy time) are shown as
// placeholders (src/tools/render/documents.ts). A schema rule about such a value cannot be judged offline.

import { SECRET_PLACEHOLDER } from "../render/documents";

const UNKNOWN_PLACEHOLDER = "[unknown until deploy]";

export function isOfflinePlaceholder(value: unknown): boolean {
    return value === SECRET_PLACEHOLDER || value === UNKNOWN_PLACEHOLDER || (typeof value === "string" && /^\[resource urn:pulumi:.*\]$/.test(value));
}
