/**
 * `node dist/deploy/ops-image/record-image.js --environment <env> --image <repo>@sha256:<digest>`:
 * what the ops-image workflow runs after a push. It sets `reconcile.image` in
 * config/environments/<env>.json to the pushed digest, changing only that value (the rest of the
 * hand-formatted file stays as it is), and checks the result against the schema. The workflow then
 * opens a pull request with the change; Atlantis plans and applies it like any other.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultConfigDir, parseEnvironment } from "../../config/load";
import { writeFileAtomic } from "../../lib/atomic-write";

const DIGEST_REFERENCE = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;

/** The file's text with reconcile.image replaced; throws naming what is wrong. */
export function recordImage(text: string, environment: string, image: string): string {
  if (!DIGEST_REFERENCE.test(image)) throw new Error(`--image must be <repository>@sha256:<64 hex>, got '${image}'`);
  const raw = JSON.parse(text) as { reconcile?: { image?: unknown } };
  const current = raw.reconcile?.image;
  if (typeof current !== "string") throw new Error(`config/environments/${environment}.json has no reconcile.image to replace`);
  const quoted = JSON.stringify(current);
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + 1) >= 0) throw new Error(`reconcile.image's value must appear exactly once in config/environments/${environment}.json`);
  const updated = text.slice(0, at) + JSON.stringify(image) + text.slice(at + quoted.length);
  const parsed = parseEnvironment(environment, JSON.parse(updated));
  if (parsed.reconcile.image !== image) throw new Error("the replaced value is not reconcile.image");
  return updated;
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { environment: { type: "string" }, image: { type: "string" } }, allowPositionals: true, strict: false });
  const environment = typeof values.environment === "string" ? values.environment : undefined;
  const image = typeof values.image === "string" ? values.image : undefined;
  if (!environment || !image) {
    process.stderr.write("usage: record-image --environment <env> --image <repository>@sha256:<digest>\n");
    return 2;
  }
  const file = join(defaultConfigDir(), `${environment}.json`);
  try {
    writeFileAtomic(file, recordImage(readFileSync(file, "utf8"), environment, image));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`${file}: reconcile.image = ${image}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
