#!/usr/bin/env node
'use strict';
// The `rxllm` command: a thin launcher for the compiled CLI (see src/cli/).
require('../dist/cjs/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`rxllm: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
