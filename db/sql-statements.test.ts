import { statementHeads, transactionControlStatements } from "./sql-statements";

describe("transactionControlStatements", () => {
  test.each([
    ["BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;", ["line 1: BEGIN", "line 3: COMMIT"]],
    ["start transaction isolation level serializable; select 1; end;", ["line 1: START TRANSACTION", "line 1: END"]],
    ["CREATE TABLE a (id int);\n  savepoint s1;\nrelease savepoint s1;\nrollback;", ["line 2: SAVEPOINT S1", "line 3: RELEASE SAVEPOINT", "line 4: ROLLBACK"]],
    ["ABORT;", ["line 1: ABORT"]],
    ["PREPARE TRANSACTION 'x';", ["line 1: PREPARE TRANSACTION"]],
  ])("finds top-level transaction control in %p", (sql, found) => {
    expect(transactionControlStatements(sql)).toEqual(found);
  });

  test.each([
    ["a DO block", "DO $$\nBEGIN\n  PERFORM 1;\n  COMMIT;\nEND\n$$;"],
    ["a tagged function body", "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN ROLLBACK; END $fn$;"],
    ["a SQL-standard body", "CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 END; SELECT 2; END;\nSELECT g(1);"],
    ["strings and comments", "-- BEGIN;\n/* COMMIT; /* nested ROLLBACK; */ */\nSELECT 'BEGIN; COMMIT;', E'it\\'s; ROLLBACK', \"commit\";"],
    ["a word that starts like one", "CREATE TABLE beginnings (ending int);\nINSERT INTO beginnings VALUES (1);"],
    ["PREPARE of a statement", "PREPARE q AS SELECT 1;"],
    ["SET TRANSACTION", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;"],
  ])("accepts %s", (_what, sql) => {
    expect(transactionControlStatements(sql)).toEqual([]);
  });

  test("keeps a SQL-standard body in its CREATE statement", () => {
    const heads = statementHeads("CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3;");
    expect(heads.map((h) => h.words[0])).toEqual(["CREATE", "SELECT"]);
  });
});
