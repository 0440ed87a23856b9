// How a chart's Go templates read a value in `if`, `and` and `default`: the catalog's render guards and
// the route predictions must agree with Helm on it.

/** Go template truthiness (`if`, `and`, `default`): false for nil, false, 0, "" and empty lists or maps. */
export function templateTruthy(value: unknown): boolean {
    if (value === undefined || value === null || value === false || value === 0 || value === "") {
        return false;
    }
    if (Array.isArray(value)) {
        return value.length > 0;
    }
    return typeof value !== "object" || Object.keys(value).length > 0;
}
