/**
 * Where a JSON document goes wrong, by line and column: the first syntax error, or else every
 * duplicate key (JSON.parse keeps the last one silently, so a pasted block can undo an edit above
 * it). JSON.parse's own messages carry at best a character offset on Node 20; a hand-edited
 * environment file deserves "line 12, column 5: trailing comma".
 */

export interface JsonProblem {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  readonly message: string;
}

class SyntaxProblem extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax error of `text`, or its duplicate keys; empty when the document is clean. */
export function findJsonProblems(text: string): JsonProblem[] {
  const duplicates: { offset: number; message: string }[] = [];
  let i = 0;

  const describe = (at: number) => (at >= text.length ? "end of file" : `'${text[at]}'`);
  const fail = (message: string, at = i): never => {
    throw new SyntaxProblem(at, message);
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let value = "";
    while (i < text.length && text[i] !== '"') {
      const c = text[i]!;
      if (c < " ") fail(c === "\n" ? "line break inside a string (unterminated string?)" : "control character inside a string", i);
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("\\u must be followed by four hex digits", i);
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (e === undefined || !`"\\/bfnrt`.includes(e)) fail(`invalid escape '\\${e ?? ""}' in a string`, i);
        value += e;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    if (i >= text.length) fail("unterminated string", start);
    i++; // closing quote
    return value;
  };

  const readNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail(`invalid number starting with ${describe(i)}`);
    i += match![0].length;
  };

  const readValue = (): void => {
    skipSpace();
    const c = text[i];
    if (c === "{") return readObject();
    if (c === "[") return readArray();
    if (c === '"') {
      readString();
      return;
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return readNumber();
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    if (c === "'") fail("strings and names take double quotes in JSON, not single quotes");
    fail(`expected a value, found ${describe(i)}`);
  };

  const readObject = (): void => {
    i++; // {
    const seen = new Set<string>();
    skipSpace();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === "}") fail("trailing comma: remove the ',' before '}'");
      if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
      const keyAt = i;
      const key = readString();
      if (seen.has(key)) duplicates.push({ offset: keyAt, message: `duplicate key '${key}': JSON keeps only the last one; remove one of them` });
      seen.add(key);
      skipSpace();
      if (text[i] !== ":") fail(`expected ':' after the property name '${key}', found ${describe(i)}`);
      i++;
      readValue();
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`expected ',' or '}' after the value of '${key}', found ${describe(i)}`);
    }
  };

  const readArray = (): void => {
    i++; // [
    skipSpace();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === "]") fail("trailing comma: remove the ',' before ']'");
      readValue();
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`expected ',' or ']' in a list, found ${describe(i)}`);
    }
  };

  const at = (offset: number, message: string): JsonProblem => ({ ...lineAndColumn(text, offset), message });
  try {
    readValue();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
  } catch (err) {
    if (err instanceof SyntaxProblem) return [at(err.offset, err.message)];
    throw err;
  }
  return duplicates.map((d) => at(d.offset, d.message));
}
