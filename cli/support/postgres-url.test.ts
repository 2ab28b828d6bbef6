import { redactUrl } from "./postgres-url";

test("a password never survives redaction, wherever the URL carries it", () => {
  expect(redactUrl("postgres://ops:s3cret@db.internal:5432/livestream")).toBe("postgres://ops:***@db.internal:5432/livestream");
  // '@' inside the password (percent-encoded as it should be, or not).
  expect(redactUrl("postgres://ops:p%40ss@db/livestream")).toBe("postgres://ops:***@db/livestream");
  expect(redactUrl("postgres://ops:pa@ss@db/livestream")).toBe("postgres://ops:***@db/livestream");
  // As a query parameter, which pg also reads.
  expect(redactUrl("postgresql://ops@db/livestream?sslmode=verify-full&password=s3cret")).toBe("postgresql://ops@db/livestream?sslmode=verify-full&password=***");
  expect(redactUrl("postgres://ops@db/livestream?PASSWORD=s3cret")).not.toContain("s3cret");
});

test("URLs without secrets are shown as given; one that does not parse shows no more than its scheme", () => {
  expect(redactUrl("postgres://")).toBe("postgres://");
  expect(redactUrl("postgres://db.internal/livestream")).toBe("postgres://db.internal/livestream");
  expect(redactUrl("postgres://ops:s3cret@[bad/x")).toBe("postgres://***");
});
