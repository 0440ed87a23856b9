// The one test for "a YAML/JSON mapping": config readers, value paths, the route guard and the
// rendered-document readers must agree on it (arrays and null are not mappings).

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype and drop the key). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
