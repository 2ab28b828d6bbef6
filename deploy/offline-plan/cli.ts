#!/usr/bin/env node
/** Entry of `npm run plan -- <env>` (see plan.ts). */
import { offlinePlan } from "./plan";

offlinePlan(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = 1;
  },
);
