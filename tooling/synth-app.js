#!/usr/bin/env node
/**
 * The cdktf app (`npm run synth`, and `cdktf.json`'s app for `cdktf synth|diff|deploy`): makes sure
 * the synth bundle is fresh (tooling/synth-bundle.js), then runs it with V8's code cache, so a synth
 * skips compiling ~3.5 MB of JavaScript (about a fifth of its time). The cache is named after the
 * bundle's hash and written by the first successful synth of a new bundle; a cache V8 rejects
 * (another Node version) is ignored and the bundle compiles as usual.
 *
 * Plain CommonJS on purpose: it runs before anything is compiled.
 */
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");
const { projectBundle, writeAtomic } = require("./synth-bundle");

/** Where the code cache of a bundle lives: named after its content, so a rebuilt bundle never meets a stale cache. */
function codeCachePath(target = projectBundle) {
  return join(target.outDir, `synth.${target.bundleHash()}.v8-cache`);
}

/** Runs a bundle as a CommonJS module, with its code cache when there is one. */
function runBundle(target = projectBundle) {
  const BUNDLE = target.bundle;
  const source = readFileSync(BUNDLE, "utf8");
  const cacheFile = codeCachePath(target);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // The same wrapper Node's CommonJS loader puts around a module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // After a successful run the cache also holds every function the synth compiled lazily.
    process.on("exit", (code) => {
      if (code === 0) writeAtomic(cacheFile, script.createCachedData());
    });
  }
  const bundleModule = { exports: {}, filename: BUNDLE, id: BUNDLE };
  script.runInThisContext()(bundleModule.exports, createRequire(BUNDLE), bundleModule, BUNDLE, dirname(BUNDLE));
}

module.exports = { codeCachePath, runBundle };

if (require.main === module) {
  const r = projectBundle.ensureFresh();
  if (r.rebuilt && process.env.LIVESTREAM_QUIET_BUILD !== "1") process.stderr.write(`synth bundle rebuilt (${r.reason}) in ${r.ms} ms\n`);
  runBundle();
}
