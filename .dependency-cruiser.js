// Imports run only from later stages to earlier ones (scripts/architecture/stages.js), with no cycles.
const { STAGES, ENTRY_POINTS } = require("./scripts/architecture/stages");

const escape = (dir) => dir.replace(/[/.]/g, (c) => `\\${c}`);
const later = (i) => STAGES.slice(i + 1).map((s) => escape(s.dir));

const forbidden = [
    { name: "no-circular", severity: "error", comment: "a cycle hides which file a change belongs in", from: {}, to: { circular: true } },
    ...STAGES.slice(0, -1).map((stage, i) => ({
        name: `${stage.dir.replace("src/", "")}-imports-only-earlier-stages`,
        severity: "error",
        comment: `${stage.dir} (${stage.what}) may import only from itself and earlier stages`,
        from: { path: `^${escape(stage.dir)}/` },
        to: { path: `^(${later(i).join("|")})/` },
    })),
    ...ENTRY_POINTS.map((entry) => {
        const i = STAGES.findIndex((s) => s.dir === entry.upTo);
        return {
            name: `${entry.path.replace(/[^a-z]/g, "")}-imports-up-to-${entry.upTo.replace("src/", "")}`,
            severity: "error",
            from: { path: entry.path },
            to: { path: `^(${later(i).join("|")})/` },
        };
    }),
    { name: "src-not-from-tests", severity: "error", from: { path: "^src/" }, to: { path: "^test/" } },
];

module.exports = {
    forbidden,
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(node_modules|test/fixtures|\\.cache)/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        moduleSystems: ["cjs", "es6"],
    },
};
