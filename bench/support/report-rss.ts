// Preloaded into benchmarked node processes (node --require, or NODE_OPTIONS for a whole process
// tree such as `npm run synth`): appends this process's peak RSS (KiB) to BENCH_RSS_FILE at exit.
import { appendFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
