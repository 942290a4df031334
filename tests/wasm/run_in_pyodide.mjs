// Run engine trajectories under CPython compiled to WebAssembly (Pyodide).
//
// Usage: node tests/wasm/run_in_pyodide.mjs INPUT.json
//
// INPUT.json contains:
//   root     absolute path of the project checkout
//   modules  project files to copy, relative to root (the engine's import closure)
//   harness  path of trajectory.py, relative to root
//   batch    the argument of trajectory.run_batch(): scenarios and cases
//
// The script loads Pyodide from node_modules/pyodide with no network access,
// copies the listed files into Pyodide's in-memory file system, runs
// trajectory.run_batch() and writes its JSON result to stdout. Python's own
// output goes to stderr, so stdout contains only the JSON result.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PYODIDE_DIR = resolve(HERE, "..", "..", "node_modules", "pyodide");
// Paths inside Pyodide's virtual file system.
const PROJECT_DIR = "/home/pyodide/project";
const HARNESS_DIR = "/home/pyodide/harness";

function fail(message) {
  process.stderr.write(`run_in_pyodide: ${message}\n`);
  process.exit(2);
}

// Everything Pyodide needs is in node_modules/pyodide. A request to any
// other place would be a CDN fetch, which must fail because the test runs offline.
const localFetch = globalThis.fetch;
globalThis.fetch = async (url, ...rest) => {
  const text = String(url);
  if (/^https?:/i.test(text)) {
    throw new Error(
      `Pyodide requested ${text}; the parity test runs offline, so every ` +
        `file must come from ${PYODIDE_DIR}`,
    );
  }
  return localFetch(url, ...rest);
};

function writeFile(pyodide, target, text) {
  pyodide.FS.mkdirTree(dirname(target));
  pyodide.FS.writeFile(target, text, { encoding: "utf8" });
}

async function main() {
  const inputPath = process.argv[2];
  if (!inputPath) {
    fail("missing argument. Usage: node run_in_pyodide.mjs INPUT.json");
  }
  let inputText;
  let input;
  try {
    inputText = readFileSync(inputPath, "utf8");
    input = JSON.parse(inputText);
  } catch (error) {
    fail(`failed to read input ${inputPath}: ${error.message}`);
  }

  const { loadPyodide } = await import(join(PYODIDE_DIR, "pyodide.mjs"));
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR + "/",
    packageCacheDir: PYODIDE_DIR,
    stdout: (line) => process.stderr.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });

  for (const relative of input.modules) {
    const text = readFileSync(join(input.root, relative), "utf8");
    writeFile(pyodide, `${PROJECT_DIR}/${relative}`, text);
  }
  const harness = readFileSync(join(input.root, input.harness), "utf8");
  writeFile(pyodide, `${HARNESS_DIR}/trajectory.py`, harness);

  // Python parses the raw text itself: a round trip through JavaScript
  // numbers would round integers above 2**53, such as 64-bit seeds.
  pyodide.globals.set("input_text", inputText);
  const result = pyodide.runPython(`
import json
import sys

sys.path[:0] = ["${PROJECT_DIR}", "${HARNESS_DIR}"]
import trajectory

json.dumps(trajectory.run_batch(json.loads(input_text)["batch"]))
`);
  process.stdout.write(result + "\n");
}

main().catch((error) => fail(error.stack || String(error)));
