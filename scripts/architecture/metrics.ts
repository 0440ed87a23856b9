// Measures the tree's shape: imports that run back up the pipeline (from an earlier stage to a later
// one), import rings between folders, and the largest functions. `npm run architecture`; with
// `--root <dir> --moves <file>` it measures an older checkout, classifying each old path by where the
// moves file ("old new" per line) put it, so before and after use one definition.

import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { STAGES } = require("./stages") as { STAGES: { dir: string }[] };

interface Args {
    root: string;
    moves: Map<string, string>;
}

function parseArgs(argv: string[]): Args {
    let root = process.cwd();
    const moves = new Map<string, string>();
    for (let i = 0; i < argv.length; i += 2) {
        if (argv[i] === "--root") {
            root = path.resolve(argv[i + 1]);
        } else if (argv[i] === "--moves") {
            for (const line of fs.readFileSync(argv[i + 1], "utf8").split("\n")) {
                const [from, to] = line.trim().split(/\s+/);
                if (from && to) {
                    moves.set(from, to);
                }
            }
        } else {
            throw new Error(`usage: metrics [--root <checkout>] [--moves <old new per line>]; unknown ${argv[i]}`);
        }
    }
    return { root, moves };
}

function sourceFiles(root: string): string[] {
    const out: string[] = [];
    const walk = (rel: string) => {
        for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
            const child = path.posix.join(rel, entry.name);
            if (entry.isDirectory() && entry.name !== "node_modules") {
                walk(child);
            } else if (entry.isFile() && child.endsWith(".ts")) {
                out.push(child);
            }
        }
    };
    for (const dir of ["src", "components"]) {
        if (fs.existsSync(path.join(root, dir))) {
            walk(dir);
        }
    }
    return out.sort();
}

function importsOf(root: string, file: string, known: Set<string>): string[] {
    const info = ts.preProcessFile(fs.readFileSync(path.join(root, file), "utf8"), true, true);
    return info.importedFiles
        .map((f) => f.fileName)
        .filter((spec) => spec.startsWith("."))
        .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
        .map((base) => [`${base}.ts`, `${base}/index.ts`].find((c) => known.has(c)))
        .filter((f): f is string => f !== undefined);
}

function stageOf(newPath: string): number {
    return STAGES.findIndex((s) => newPath.startsWith(`${s.dir}/`));
}

/** Strongly connected components of size > 1 (Tarjan). */
function rings(graph: Map<string, Set<string>>): string[][] {
    let index = 0;
    const stack: string[] = [];
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const found: string[][] = [];
    const visit = (v: string) => {
        indexOf.set(v, index);
        low.set(v, index++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!indexOf.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) {
                low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
            }
        }
        if (low.get(v) === indexOf.get(v)) {
            const ring: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                ring.push(w);
            } while (w !== v);
            if (ring.length > 1) {
                found.push(ring.sort());
            }
        }
    };
    for (const v of [...graph.keys()].sort()) {
        if (!indexOf.has(v)) {
            visit(v);
        }
    }
    return found;
}

function functionSizes(root: string, file: string): { name: string; lines: number }[] {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const sizes: { name: string; lines: number }[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
            const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
            const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
            const named = (node as ts.FunctionDeclaration).name?.getText(sf) ?? (ts.isConstructorDeclaration(node) ? "constructor" : "(anonymous)");
            sizes.push({ name: `${file}: ${named}`, lines: end - start + 1 });
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return sizes;
}

function main(): void {
    const { root, moves } = parseArgs(process.argv.slice(2));
    const files = sourceFiles(root);
    const known = new Set(files);
    const newPath = (f: string) => moves.get(f) ?? f;
    const upward: string[] = [];
    const folders = new Map<string, Set<string>>();
    for (const file of files) {
        for (const target of importsOf(root, file, known)) {
            const [from, to] = [stageOf(newPath(file)), stageOf(newPath(target))];
            if (from >= 0 && to > from) {
                upward.push(`${file} -> ${target}`);
            }
            const [a, b] = [path.posix.dirname(file), path.posix.dirname(target)];
            if (a !== b) {
                folders.set(a, (folders.get(a) ?? new Set()).add(b));
            }
        }
    }
    const folderRings = rings(folders);
    const largest = files.flatMap((f) => functionSizes(root, f)).sort((x, y) => y.lines - x.lines).slice(0, 3);
    console.log(`source files: ${files.length}`);
    console.log(`imports that run back up the pipeline: ${upward.length}`);
    upward.forEach((u) => console.log(`  ${u}`));
    console.log(`import rings between folders: ${folderRings.length}`);
    folderRings.forEach((r) => console.log(`  ${r.join(" <-> ")}`));
    console.log(`largest functions (lines):`);
    largest.forEach((l) => console.log(`  ${l.lines}  ${l.name}`));
}

main();
