/**
 * Just enough of PostgreSQL's lexical structure to find where top-level statements start: comments
 * (`--`, nested `/* *\/`), string literals ('...', E'...' with backslash escapes), quoted identifiers
 * and dollar-quoted bodies ($$...$$, $tag$...$tag$) are skipped, and `BEGIN ATOMIC ... END` bodies of
 * SQL-standard functions are kept inside their CREATE statement. Used to refuse migration files that
 * control the transaction themselves (PostgreSQL manual, "Lexical Structure" and "CREATE FUNCTION").
 */

/** The first words of each top-level statement, upper-cased, with the statement's 1-based line. */
export interface StatementHead {
  readonly words: readonly string[];
  readonly line: number;
}

export function statementHeads(sql: string): StatementHead[] {
  const heads: StatementHead[] = [];
  let words: string[] = [];
  let startLine = 0;
  let line = 1;
  let atomicDepth = 0;
  let previousWord = "";
  let i = 0;
  const n = sql.length;
  const advance = (to: number) => {
    for (let k = i; k < to && k < n; k++) if (sql[k] === "\n") line++;
    i = to;
  };
  const endStatement = () => {
    if (words.length) heads.push({ words, line: startLine });
    words = [];
    previousWord = "";
  };

  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      advance(end < 0 ? n : end);
    } else if (c === "/" && next === "*") {
      let depth = 0;
      let k = i;
      while (k < n) {
        if (sql[k] === "/" && sql[k + 1] === "*") {
          depth++;
          k += 2;
        } else if (sql[k] === "*" && sql[k + 1] === "/") {
          depth--;
          k += 2;
          if (depth === 0) break;
        } else k++;
      }
      advance(k);
    } else if (c === "'" || ((c === "E" || c === "e") && next === "'" && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? ""))) {
      const escapes = c !== "'";
      let k = i + (escapes ? 2 : 1);
      while (k < n) {
        if (escapes && sql[k] === "\\") k += 2;
        else if (sql[k] === "'" && sql[k + 1] === "'") k += 2;
        else if (sql[k] === "'") break;
        else k++;
      }
      if (!words.length) startLine = line;
      words.push("'");
      advance(k + 1);
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      advance(end < 0 ? n : end + 1);
      if (!words.length) startLine = line;
      words.push('"');
    } else if (c === "$" && /[A-Za-z_$]/.test(next ?? "") && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? "")) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (!tag) {
        advance(i + 1);
        continue;
      }
      const end = sql.indexOf(tag[0], i + tag[0].length);
      if (!words.length) startLine = line;
      words.push("$$");
      advance(end < 0 ? n : end + tag[0].length);
    } else if (c === ";") {
      if (atomicDepth === 0) endStatement();
      advance(i + 1);
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))![0].toUpperCase();
      if (!words.length) startLine = line;
      if (word === "ATOMIC" && previousWord === "BEGIN" && words.length > 1) atomicDepth++;
      else if (atomicDepth > 0 && word === "CASE") atomicDepth++;
      else if (atomicDepth > 0 && word === "END") atomicDepth--;
      words.push(word);
      previousWord = word;
      advance(i + word.length);
    } else {
      if (!/\s/.test(c)) {
        if (!words.length) startLine = line;
        words.push(c);
      }
      advance(i + 1);
    }
  }
  endStatement();
  return heads;
}

/** Statements that begin, end or split a transaction (PostgreSQL manual, "Transactions" commands). */
const TRANSACTION_CONTROL = ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"];

/** Top-level statements of `sql` that control the transaction, e.g. ["line 3: COMMIT"]. */
export function transactionControlStatements(sql: string): string[] {
  return statementHeads(sql)
    .filter((h) => {
      const [first, second] = h.words;
      if (first === "START") return second === "TRANSACTION";
      if (first === "PREPARE") return second === "TRANSACTION";
      return TRANSACTION_CONTROL.includes(first ?? "");
    })
    .map((h) => `line ${h.line}: ${h.words.slice(0, 2).join(" ")}`);
}
