// The one test for "a YAML/JSON mapping": config readers, value paths, the route guard and the
// rendered-document readers must agree on it (arrays and null are not mappings).

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
