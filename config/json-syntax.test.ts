import { findJsonProblems } from "./json-syntax";

const problem = (text: string) => findJsonProblems(text)[0];

describe("JSON syntax errors are placed by line and column", () => {
  test("a missing comma between properties", () => {
    const text = '{\n  "name": "dev",\n  "tier": "dev"\n  "region": "ap-southeast-1"\n}\n';
    expect(problem(text)).toEqual({ line: 4, column: 3, message: "expected ',' or '}' after the value of 'tier', found '\"'" });
  });

  test("a trailing comma", () => {
    expect(problem('{ "a": 1,\n  "b": [1, 2,],\n}')).toEqual({ line: 2, column: 14, message: "trailing comma: remove the ',' before ']'" });
    expect(problem('{ "a": 1,\n}')).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/trailing comma.*'}'/) });
  });

  test("an unquoted or single-quoted name, a bad value, text after the end", () => {
    expect(problem("{ name: 1 }")).toMatchObject({ line: 1, column: 3, message: expect.stringMatching(/property name in double quotes/) });
    expect(problem("{ 'name': 1 }")).toMatchObject({ column: 3 });
    expect(problem('{ "a": tru }')).toMatchObject({ column: 8, message: "expected a value, found 't'" });
    expect(problem('{ "a": 01 }')).toMatchObject({ column: 9 });
    expect(problem("{}\n{}")).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/after the end/) });
  });

  test("an unterminated string and the end of the file", () => {
    expect(problem('{\n  "a": "abc\n}')).toMatchObject({ line: 2, column: 12, message: expect.stringMatching(/line break inside a string/) });
    expect(problem('{ "a": 1')).toMatchObject({ line: 1, column: 9, message: "expected ',' or '}' after the value of 'a', found end of file" });
    expect(problem("")).toMatchObject({ line: 1, column: 1 });
  });

  test("columns count characters, not bytes", () => {
    expect(problem('{ "zoné": "ü" x }')).toMatchObject({ column: 15 });
  });
});

test("duplicate keys are each reported; a clean document has no problems", () => {
  const text = '{\n  "media": { "channelCount": 2 },\n  "media": { "channelCount": 3, "channelCount": 4 }\n}';
  expect(findJsonProblems(text)).toEqual([
    { line: 3, column: 3, message: "duplicate key 'media': JSON keeps only the last one; remove one of them" },
    { line: 3, column: 33, message: "duplicate key 'channelCount': JSON keeps only the last one; remove one of them" },
  ]);
  expect(findJsonProblems('{ "a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {} }')).toEqual([]);
});

test("agrees with JSON.parse on what is valid", () => {
  const samples = ['{"a":1}', "[1,2]", '"x"', "1e5", "-0", "{,}", "[1,]", '{"a" 1}', "nul", '"\\x"', "[01]", "{} {}", " \n "];
  for (const s of samples) {
    let valid = true;
    try {
      JSON.parse(s);
    } catch {
      valid = false;
    }
    expect([s, findJsonProblems(s).length === 0]).toEqual([s, valid]);
  }
});
