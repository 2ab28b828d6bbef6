/**
 * The assumptions lib/cdktf-speedups.ts makes about cdktf, checked against the installed cdktf: a
 * cdktf upgrade that breaks one fails here. And the end result: the platform synthesized with the
 * patches is, file for file, what it is without them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { App, Lazy, TerraformStack, Testing, Tokenization } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { loadAllEnvironments } from "../config/load";
import { buildPlatformApp } from "../stacks/app";
import { reuseSynthesizedJsonOnce, skipPreparingResolve, skipTokenCreationTraces } from "./cdktf-speedups";

const ON: NodeJS.ProcessEnv = {};
const OFF: NodeJS.ProcessEnv = { LIVESTREAM_CDKTF_SPEEDUPS: "off" };

/** The creation trace cdktf recorded for a new token. */
function creationTraceOfNewToken(): string[] {
  const token = Lazy.stringValue({ produce: () => "value" });
  return Tokenization.reverseString(token).firstToken!.creationStack;
}

describe("token creation traces", () => {
  test("cdktf records them with Error.captureStackTrace on a plain object, which it reads at once", () => {
    const targets: unknown[] = [];
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = (target, frames) => {
      targets.push(target);
      return frames.map((f) => `    at ${f}`).join("\n");
    };
    try {
      creationTraceOfNewToken();
    } finally {
      Error.prepareStackTrace = previous;
    }
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect([typeof target, target instanceof Error]).toEqual(["object", false]);
  });

  test("the patch empties them and leaves real errors' stacks alone; undone, cdktf records them again", () => {
    expect(creationTraceOfNewToken().join("\n")).toContain("cdktf-speedups.test.ts");
    const undo = skipTokenCreationTraces(ON);
    try {
      expect(creationTraceOfNewToken()).toEqual([]);
      const stack = new Error("boom").stack!.split("\n");
      expect(stack[0]).toBe("Error: boom");
      expect(stack[1]).toMatch(/^ {4}at .*cdktf-speedups\.test\.ts/);
    } finally {
      undo();
    }
    expect(creationTraceOfNewToken().join("\n")).toContain("cdktf-speedups.test.ts");
  });

  test("LIVESTREAM_TOKEN_TRACES=1 and LIVESTREAM_CDKTF_SPEEDUPS=off keep them", () => {
    for (const env of [{ LIVESTREAM_TOKEN_TRACES: "1" }, OFF]) {
      const undo = skipTokenCreationTraces(env);
      try {
        expect(creationTraceOfNewToken().length).toBeGreaterThan(0);
      } finally {
        undo();
      }
    }
  });
});

describe("reusing the JSON the policy pack resolved", () => {
  const stackWithTopic = (app: App) => {
    const stack = new TerraformStack(app, "s");
    new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
    new SnsTopic(stack, "topic", { name: "t" });
    return stack;
  };

  test("toTerraform is a method of TerraformStack.prototype: an own property shadows it, deleting that restores it", () => {
    const stack = stackWithTopic(Testing.app());
    expect(typeof TerraformStack.prototype.toTerraform).toBe("function");
    expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
    const json = stack.toTerraform();
    reuseSynthesizedJsonOnce(stack, { marker: true } as unknown as typeof json, ON);
    expect(stack.toTerraform()).toEqual({ marker: true });
    expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
    expect(stack.toTerraform()).toEqual(json);
  });

  test("synth runs the validations, then calls the stack's toTerraform once and writes what it returns", () => {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-speedups-"));
    try {
      const app = new App({ outdir });
      const stack = stackWithTopic(app);
      const order: string[] = [];
      stack.node.addValidation({
        validate: () => {
          order.push("validate");
          const json = stack.toTerraform() as Record<string, unknown>;
          reuseSynthesizedJsonOnce(stack, { ...json, "//": { written: "the reused JSON" } } as typeof json, ON);
          return [];
        },
      });
      const resolutions = jest.spyOn(TerraformStack.prototype, "toTerraform");
      app.synth();
      const calls = resolutions.mock.calls.length;
      resolutions.mockRestore();
      const written = JSON.parse(readFileSync(join(outdir, "stacks", "s", "cdk.tf.json"), "utf8"));
      expect(order).toEqual(["validate"]);
      expect(written["//"]).toEqual({ written: "the reused JSON" });
      // The validation's own call resolved the stack; the synthesizer's went to the reused JSON.
      expect(calls).toBe(1);
      expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("LIVESTREAM_CDKTF_SPEEDUPS=off: the stack resolves its JSON again", () => {
    const stack = stackWithTopic(Testing.app());
    reuseSynthesizedJsonOnce(stack, { marker: true } as unknown as ReturnType<TerraformStack["toTerraform"]>, OFF);
    expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
  });
});

describe("skipping the preparing resolution", () => {
  const twoStacks = (outdir: string, crossReference: boolean) => {
    const app = new App({ outdir });
    const a = new TerraformStack(app, "a");
    new AwsProvider(a, "aws", { region: "ap-southeast-1" });
    const topic = new SnsTopic(a, "topic", { name: "t" });
    const b = new TerraformStack(app, "b");
    new AwsProvider(b, "aws", { region: "ap-southeast-1" });
    new SnsTopic(b, "other", { name: crossReference ? topic.name : "o" });
    return app;
  };
  const synthB = (crossReference: boolean, env: NodeJS.ProcessEnv) => {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-speedups-prepare-"));
    const undo = skipPreparingResolve(TerraformStack, env);
    try {
      twoStacks(outdir, crossReference).synth();
      return readFileSync(join(outdir, "stacks", "b", "cdk.tf.json"), "utf8");
    } finally {
      undo();
      rmSync(outdir, { recursive: true, force: true });
    }
  };

  test("prepareStack is a prototype method that checks the backend, then resolves every element to prepare", () => {
    expect(typeof TerraformStack.prototype.prepareStack).toBe("function");
    expect(TerraformStack.prototype.prepareStack.toString()).toMatch(/ensureBackendExists\(\)[\s\S]*resolve\)\(this, e\.toTerraform\(\), true\)/);
  });

  test("without cross-stack references the preparing resolution changes nothing; with one, it adds the remote state the patch would miss", () => {
    expect(synthB(false, ON)).toBe(synthB(false, OFF));
    const unpatched = synthB(true, OFF);
    expect(unpatched).toContain("terraform_remote_state");
    expect(synthB(true, ON)).not.toBe(unpatched);
  });

  test("LIVESTREAM_CDKTF_SPEEDUPS=off leaves prepareStack as cdktf has it", () => {
    const before = TerraformStack.prototype.prepareStack;
    const undo = skipPreparingResolve(TerraformStack, OFF);
    expect(TerraformStack.prototype.prepareStack).toBe(before);
    undo();
  });
});

describe("the platform with and without the patches", () => {
  const files = (root: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else out[relative(root, path)] = readFileSync(path).toString("base64");
      }
    };
    walk(root);
    return out;
  };

  /** Synthesizes every environment, offline, with the switch as given; the stacks' own toTerraform calls counted. */
  function synth(env: NodeJS.ProcessEnv): { files: Record<string, string>; resolutions: number } {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-speedups-app-"));
    const saved = process.env.LIVESTREAM_CDKTF_SPEEDUPS;
    const undo = skipTokenCreationTraces(env);
    const undoPreparing = skipPreparingResolve(TerraformStack, env);
    const resolutions = jest.spyOn(TerraformStack.prototype, "toTerraform");
    try {
      if (env.LIVESTREAM_CDKTF_SPEEDUPS === undefined) delete process.env.LIVESTREAM_CDKTF_SPEEDUPS;
      else process.env.LIVESTREAM_CDKTF_SPEEDUPS = env.LIVESTREAM_CDKTF_SPEEDUPS;
      buildPlatformApp({ environments: loadAllEnvironments(join(__dirname, "..", "config", "environments")), offline: true, outdir }).synth();
      return { files: files(outdir), resolutions: resolutions.mock.calls.length };
    } finally {
      resolutions.mockRestore();
      undoPreparing();
      undo();
      if (saved === undefined) delete process.env.LIVESTREAM_CDKTF_SPEEDUPS;
      else process.env.LIVESTREAM_CDKTF_SPEEDUPS = saved;
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  test("writes the same files, byte for byte, resolving each stack once instead of two or three times", () => {
    const patched = synth(ON);
    const unpatched = synth(OFF);
    expect(Object.keys(patched.files).filter((f) => f.endsWith("cdk.tf.json")).sort()).toEqual([
      "stacks/livestream-bootstrap-dev/cdk.tf.json",
      "stacks/livestream-bootstrap-prod/cdk.tf.json",
      "stacks/livestream-dev/cdk.tf.json",
      "stacks/livestream-prod/cdk.tf.json",
    ]);
    expect(patched.files).toEqual(unpatched.files);
    // Unpatched, each platform stack is resolved by its budget's aspect, the policy pack and the writer.
    expect([patched.resolutions, unpatched.resolutions]).toEqual([4, 10]);
  });
});
