// String order by UTF-16 code units, not localeCompare: rendered manifests, reports and listener lists
// must come out the same on every machine, whatever its locale.
export function compareCodeUnits(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
