// The pipeline's stages, earliest first. A file may import from its own stage and earlier ones only;
// `npm run lint:deps` (dependency-cruiser) enforces it and `npm run architecture` measures it.
module.exports.STAGES = [
    { dir: "src/model", what: "shared model types and facts: specs, Gateway API types, labels, names, blueprint catalog" },
    { dir: "src/rules", what: "small pure helpers: plain objects, value paths, DNS/semver rules, code-unit order" },
    { dir: "src/topology", what: "the listener rule: Gateways' listeners, hostname matching, the serving listener" },
    { dir: "src/config", what: "stack and tenant files to a validated spec, driven by the key table" },
    { dir: "src/plan", what: "everything a stack will create, decided purely: blueprint values, chart routes, tenant plans" },
    { dir: "src/stalwart", what: "builders of a native tenant's Stalwart objects" },
    { dir: "src/proof", what: "the attachment checker, its failures, the route guard, plan to checker input" },
    { dir: "src/pulumi", what: "the program and the ComponentResources that turn plan data into resources" },
    { dir: "src/tools", what: "offline render and check, used by the CLIs, the pull-request workflow and the tests" },
];
// Entry points outside src/, with the latest stage they may import.
module.exports.ENTRY_POINTS = [
    { path: "^index\\.ts$", upTo: "src/pulumi" },
    { path: "^policy/", upTo: "src/proof" },
    { path: "^scripts/", upTo: "src/tools" },
];
