// Writes docs/configuration.md from the key table (`npm run docs:config`).
import * as fs from "fs";
import * as path from "path";
import { configReference } from "../../src/config/config-reference";

const file = path.join(__dirname, "..", "..", "docs", "configuration.md");
fs.writeFileSync(file, configReference());
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
