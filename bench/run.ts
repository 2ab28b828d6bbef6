/**
 * `npm run bench`: runs every benchmark module in this folder (compiled: dist/bench/*.js), one after
 * the other so they do not compete for the CPU. A benchmark module exports
 * `async function run(): Promise<void>`; files without one (helpers, this runner) are skipped.
 * `BENCH_ONLY=name1,name2` runs a subset.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";

export async function runAll(): Promise<number> {
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".js") && f !== basename(__filename))
    .sort();
  let failures = 0;
  for (const file of files) {
    const name = basename(file, ".js");
    if (only && !only.includes(name)) continue;
    const mod = require(join(__dirname, file)) as { run?: () => Promise<void> };
    if (typeof mod.run !== "function") continue;
    console.log(`\n== ${name} ==`);
    try {
      await mod.run();
    } catch (err) {
      failures++;
      console.error(`${name} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
  return failures;
}

if (require.main === module) {
  // As in the CLI: Node 20 is the pinned runtime, the SDK's notice would only clutter the report.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  runAll().then((failures) => {
    process.exitCode = failures ? 1 : 0;
  });
}
