import type { Finding, Rule, StackReport } from "./types";

const ORDER = { error: 0, warning: 1, info: 2 } as const;

function sorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.level] - ORDER[b.level] || a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path));
}

/** Suppressions of a report that matched nothing although their rule ran. */
export function staleSuppressions(report: StackReport): StackReport["suppressions"] {
  return report.suppressions.filter((s) => s.stale);
}

/** True when the report fails synth in enforce mode: an unsuppressed error or a stale suppression. */
export function failsSynth(report: StackReport): boolean {
  return report.counts.error > 0 || staleSuppressions(report).length > 0;
}

/** The message synth fails with: every unsuppressed error, where it is, and how to fix it; then every stale suppression. */
export function formatFailure(report: StackReport): string {
  const errors = sorted(report.findings.filter((f) => f.level === "error" && !f.suppressedBy));
  const stale = staleSuppressions(report);
  const lines = [
    `policy pack: ${errors.length} unsuppressed error(s)${stale.length ? ` and ${stale.length} stale suppression(s)` : ""} in stack ${report.stack} (tier ${report.tier}); synth stopped.`,
  ];
  if (errors.length) {
    lines.push(`Fix each error, or record a reasoned exception with suppress(construct, "<rule id>", "<why the design needs it>") from policies/engine.`);
  }
  for (const f of errors) {
    lines.push(``, `  ${f.ruleId} ${f.title}`, `    at:  ${f.path}  (${f.address})`, `    why: ${f.message}`, `    fix: ${f.fix}`);
  }
  if (stale.length) {
    lines.push(``, `Stale suppressions: their rule ran and found nothing to excuse (the resource was fixed, renamed or removed). Delete each suppress() call:`);
    for (const s of stale) lines.push(``, `  ${s.ruleId} suppressed on ${s.path}`, `    reason given: ${s.reason}`);
  }
  return lines.join("\n");
}

/** "CKV_AWS_18, CKV2_AWS_6" or "no equivalent". */
export const equivalents = (ids: readonly string[]): string => (ids.length ? ids.join(", ") : "no equivalent");

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/** A human-readable report of several stacks: findings table, then suppressions with reasons. */
export function formatTable(reports: readonly StackReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const c = r.counts;
    out.push(`${r.stack} (tier ${r.tier}): ${r.rulesEvaluated} rules on ${r.resourcesChecked} resources; ${c.error} error(s), ${c.warning} warning(s), ${c.info} info, ${c.suppressed} suppressed`);
    const open = sorted(r.findings.filter((f) => !f.suppressedBy));
    if (open.length) {
      const w = { level: 7, id: Math.max(7, ...open.map((f) => f.ruleId.length)), path: Math.min(70, Math.max(8, ...open.map((f) => f.path.length))) };
      out.push(`  ${pad("LEVEL", w.level)}  ${pad("RULE", w.id)}  ${pad("RESOURCE", w.path)}  MESSAGE`);
      for (const f of open) {
        out.push(`  ${pad(f.level, w.level)}  ${pad(f.ruleId, w.id)}  ${pad(f.path, w.path)}  ${f.message}`);
        if (f.level === "error") out.push(`  ${" ".repeat(w.level + w.id + w.path + 6)}fix: ${f.fix}`);
      }
    }
    if (r.suppressions.length) {
      out.push(`  suppressions:`);
      for (const s of r.suppressions) {
        out.push(`    ${s.ruleId} on ${s.path} (${s.matched} finding(s)${s.stale ? ", STALE: matched nothing, remove it" : ""}): ${s.reason}`);
      }
    }
    out.push("");
  }
  return out.join("\n");
}

/** The JSON report written to cdktf.out/policy-report.json and printed by `--format json`. */
export function toJsonReport(reports: readonly StackReport[]) {
  const total = (k: "error" | "warning" | "info" | "suppressed") => reports.reduce((n, r) => n + r.counts[k], 0);
  return {
    tool: "livestream-policy-pack",
    summary: {
      stacks: reports.length,
      errors: total("error"),
      warnings: total("warning"),
      info: total("info"),
      suppressed: total("suppressed"),
      staleSuppressions: reports.reduce((n, r) => n + staleSuppressions(r).length, 0),
    },
    stacks: reports,
  };
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** SARIF 2.1.0 for code-scanning tools: one run, rules with help, results located at construct paths. */
export function toSarif(reports: readonly StackReport[], rules: readonly Rule[]) {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "livestream-policy-pack",
            informationUri: "https://example.invalid/livestream/policies",
            rules: rules.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")),
              shortDescription: { text: r.title },
              fullDescription: { text: r.rationale },
              help: { text: `${r.fix} Checkov: ${equivalents(r.checkov)}. Trivy: ${equivalents(r.trivy)}.` },
              defaultConfiguration: { level: SARIF_LEVEL[r.level] },
              properties: { checkov: r.checkov, trivy: r.trivy, resourceTypes: r.resourceTypes, ...(r.tiers ? { tiers: r.tiers } : {}) },
            })),
          },
        },
        results: reports.flatMap((report) =>
          report.findings.map((f) => ({
            ruleId: f.ruleId,
            ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
            level: SARIF_LEVEL[f.level],
            message: { text: `${f.message} Fix: ${f.fix}` },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: `cdktf.out/stacks/${report.stack}/cdk.tf.json` } },
                logicalLocations: [{ name: f.address, fullyQualifiedName: f.path, kind: "resource" }],
              },
            ],
            ...(f.suppressedBy ? { suppressions: [{ kind: "inSource", justification: f.suppressedBy.reason }] } : {}),
            properties: { stack: report.stack, tier: report.tier, constructPath: f.path },
          })),
        ),
      },
    ],
  };
}
