/**
 * The synth-speed patches that lean on cdktf internals (cdktf 0.21.0), in one place. Each states
 * what it assumes about cdktf; lib/cdktf-speedups.test.ts checks every assumption against the
 * installed cdktf, so an upgrade that breaks one fails that test instead of making synth silently
 * slower or wrong. `npm run bench` (BENCH_ONLY=synth) measures the synth with and without them.
 *
 * Switches (environment):
 *   LIVESTREAM_CDKTF_SPEEDUPS=off  no patch (to measure them, or to rule them out)
 *   LIVESTREAM_TOKEN_TRACES=1      keep the token creation traces (to debug a token error)
 */
import type { TerraformStack } from "cdktf";

/** False when LIVESTREAM_CDKTF_SPEEDUPS=off. */
export function cdktfSpeedupsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LIVESTREAM_CDKTF_SPEEDUPS !== "off";
}

/**
 * Skips formatting the stack trace cdktf records for every token it creates: about a sixth of a
 * synth. Real errors keep their usual `Name: message` and `at` lines.
 *
 * Assumes (cdktf/lib/tokens/private/stack-trace.js, `captureStackTrace`): tokens (Lazy, intrinsic,
 * dynamic blocks and expressions) record their creation with `Error.captureStackTrace(target)` on
 * a plain object `{ stack: "" }`, never an Error, and read `target.stack`; V8 formats that stack
 * through `Error.prepareStackTrace(target, frames)` when it is read, and an empty stack becomes an
 * empty `creationStack`, which cdktf only prints when a token fails to resolve.
 *
 * Returns what undoes it (tests).
 */
export function skipTokenCreationTraces(env: NodeJS.ProcessEnv = process.env): () => void {
  const previous = Error.prepareStackTrace;
  const previousCapture = Error.captureStackTrace;
  if (!cdktfSpeedupsEnabled(env) || env.LIVESTREAM_TOKEN_TRACES === "1") return () => undefined;
  Error.prepareStackTrace = (error, frames) => {
    if (!(error instanceof Error)) return "";
    const header = error.message ? `${error.name}: ${error.message}` : error.name;
    return [header, ...frames.map((frame) => `    at ${frame}`)].join("\n");
  };
  // Collecting the frames costs even when nothing formats them (cdktf raises the frame limit to
  // Number.MAX_SAFE_INTEGER for each capture): a trace holder keeps its empty stack, which is what
  // the formatting above would give it anyway.
  Error.captureStackTrace = function captureStackTrace(target: object, constructorOpt?: (...args: never[]) => unknown): void {
    if (isTraceHolder(target)) return;
    previousCapture.call(Error, target, constructorOpt);
  };
  return () => {
    Error.prepareStackTrace = previous;
    Error.captureStackTrace = previousCapture;
  };
}

/** cdktf's (and constructs') trace holder: a plain `{ stack: "" }`, never an Error. */
function isTraceHolder(target: object): boolean {
  return !(target instanceof Error) && Object.getPrototypeOf(target) === Object.prototype && (target as { stack?: unknown }).stack === "";
}

/**
 * Skips the "preparing" resolution cdktf runs over every element of every stack before synth: about
 * a sixth of a synth, and a whole resolution of the platform spent finding cross-stack references,
 * which this project does not make (every stack plans on its own from an empty state: a reference
 * from one stack into another would need the other's state). Only the backend check stays.
 *
 * Assumes (cdktf/lib/terraform-stack.js, `TerraformStack.prototype.prepareStack`): it runs
 * `ensureBackendExists()`, then resolves every element with `preparing: true`, and that resolution
 * changes nothing but cross-stack plumbing (tfExpression.js, `Reference.resolve`: with `preparing`,
 * a reference whose origin stack is another registers an output there and a remote state here).
 * If a stack ever refers to another, the synth with the patch differs from the synth without it:
 * lib/cdktf-speedups.test.ts compares the whole platform both ways.
 *
 * Returns what undoes it (tests).
 */
export function skipPreparingResolve(stackClass: typeof TerraformStack, env: NodeJS.ProcessEnv = process.env): () => void {
  const proto = stackClass.prototype as TerraformStack & { ensureBackendExists(): unknown };
  const previous = proto.prepareStack;
  if (!cdktfSpeedupsEnabled(env)) return () => undefined;
  proto.prepareStack = function prepareStack(this: TerraformStack & { ensureBackendExists(): unknown }): void {
    this.ensureBackendExists();
  };
  return () => {
    proto.prepareStack = previous;
  };
}

type StackJson = ReturnType<TerraformStack["toTerraform"]>;

/**
 * Lets the stack's next `toTerraform()` return `json`, which the caller has just resolved, instead
 * of resolving every token again (the policy pack evaluates the stack from a validation: without
 * this, that second resolution was ~80 % of the pack's cost). The call after that is cdktf's own.
 *
 * Assumes (cdktf/lib/synthesize/synthesizer.js, `StackSynthesizer.synthesize`): aspects run, then
 * the stack's validations, then the synthesizer calls `stack.toTerraform()` once and writes what it
 * returns as cdk.tf.json, and nothing in between changes the construct tree; and `toTerraform` is a
 * method of `TerraformStack.prototype`, so an own property of the stack shadows it and deleting
 * that property restores it.
 */
export function reuseSynthesizedJsonOnce(stack: TerraformStack, json: StackJson, env: NodeJS.ProcessEnv = process.env): void {
  if (!cdktfSpeedupsEnabled(env)) return;
  Object.defineProperty(stack, "toTerraform", {
    configurable: true,
    writable: true,
    value: () => {
      delete (stack as { toTerraform?: unknown }).toTerraform; // back to the prototype's method
      return json;
    },
  });
}

/**
 * The stack's JSON for a reader that runs before the writer (an aspect that reads the whole stack):
 * resolved here, then handed on with reuseSynthesizedJsonOnce to the next `toTerraform()` (the policy
 * pack's validation, which hands it on to the writer), so the stack is resolved once, not once per
 * reader. Assumes, besides reuseSynthesizedJsonOnce's assumptions, that nothing after the caller
 * changes the tree; a reader that changes it (the budget sets its own planned limits) puts the
 * changed resource into the JSON it got. With the patches off, every reader resolves on its own.
 */
export function resolvedStackJson(stack: TerraformStack, env: NodeJS.ProcessEnv = process.env): StackJson {
  const json = stack.toTerraform();
  reuseSynthesizedJsonOnce(stack, json, env);
  return json;
}
