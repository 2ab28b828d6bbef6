/**
 * Marks the end of a successful `npm run build`: dist/.build-stamp. tsc leaves its outputs (and
 * its .tsbuildinfo) untouched when their content would not change, so file times in dist/ cannot
 * tell a test whether the build is older than the sources; this stamp can (test/support/built.ts).
 */
"use strict";
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const dist = join(__dirname, "..", "dist");
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, ".build-stamp"), `${new Date().toISOString()}\n`);
