/**
 * The shared connection module against a real PostgreSQL server serving TLS with a certificate this
 * test issues (openssl): verify-full accepts it only with the right CA and host name; IAM tokens are
 * used as the password and re-signed after an authentication failure.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { startPostgres, type PostgresServer } from "../test/support/postgres";
import { connectClient, DatabasePool, DatabaseSettingsError, databaseSettingsFromEnv, type DatabaseSettings } from "./postgres-connection";

/** A CA and a server certificate for `names` (SAN), plus an unrelated CA. */
function issueCertificates(dir: string, cn: string, san: string, prefix: string) {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${prefix} test CA`, "-keyout", `${prefix}-ca.key`, "-out", `${prefix}-ca.crt`]);
  run(["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${cn}`, "-keyout", `${prefix}-server.key`, "-out", `${prefix}-server.csr`]);
  writeFileSync(join(dir, `${prefix}-ext.cnf`), `subjectAltName=${san}\n`);
  run(["x509", "-req", "-in", `${prefix}-server.csr`, "-CA", `${prefix}-ca.crt`, "-CAkey", `${prefix}-ca.key`, "-CAcreateserial", "-days", "2", "-extfile", `${prefix}-ext.cnf`, "-out", `${prefix}-server.crt`]);
  return { ca: join(dir, `${prefix}-ca.crt`), cert: join(dir, `${prefix}-server.crt`), key: join(dir, `${prefix}-server.key`) };
}

let server: PostgresServer;
let certs: ReturnType<typeof issueCertificates>;
let otherCa: string;
const TOKEN_ROLE = "token_user";

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pg-tls-"));
  certs = issueCertificates(dir, "127.0.0.1", "IP:127.0.0.1", "good");
  otherCa = issueCertificates(dir, "127.0.0.1", "IP:127.0.0.1", "other").ca;
  // Password (the IAM token stands in for it) only over TLS for the token role, as RDS requires.
  server = await startPostgres({ tls: { certFile: certs.cert, keyFile: certs.key }, hbaLines: [`hostssl all ${TOKEN_ROLE} 127.0.0.1/32 scram-sha-256`, `host all ${TOKEN_ROLE} 127.0.0.1/32 reject`] });
  const admin = new Client({ connectionString: server.connectionString });
  await admin.connect();
  await admin.query(`CREATE ROLE ${TOKEN_ROLE} LOGIN PASSWORD 'token-1'`);
  await admin.end();
});

afterAll(async () => {
  await server?.stop();
});

const base = (over: Partial<DatabaseSettings> = {}): DatabaseSettings => ({
  host: "127.0.0.1",
  port: server.port,
  database: "postgres",
  user: "app",
  auth: { method: "password" },
  sslMode: "verify-full",
  sslRootCert: certs.ca,
  statementTimeoutMs: 4_000,
  lockTimeoutMs: 1_000,
  connectTimeoutMs: 3_000,
  applicationName: "connection-test",
  ...over,
});

describe("verify-full TLS", () => {
  test("connects with the CA that issued the server's certificate, encrypted", async () => {
    const client = await connectClient(base());
    try {
      const { rows } = await client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
      expect(rows[0].ssl).toBe(true);
    } finally {
      await client.end();
    }
  });

  test("refuses a server whose certificate another CA issued", async () => {
    await expect(connectClient(base({ sslRootCert: otherCa }))).rejects.toThrow(/self[- ]signed certificate|unable to verify|unable to get local issuer/i);
  });

  test("refuses a server whose certificate names another host", async () => {
    // Same server and CA, reached under a name the certificate does not carry.
    const err = await connectClient(base({ host: "localhost" })).catch((e: unknown) => e);
    expect(String(err)).toMatch(/Hostname\/IP does not match certificate's altnames/);
  });
});

describe("IAM authentication", () => {
  test("uses the signed token as the password and signs a new one after an authentication failure", async () => {
    const tokens = ["token-1", "token-2"];
    const signed: { host: string; port: number; user: string; region: string }[] = [];
    const pool = new DatabasePool(base({ user: TOKEN_ROLE, auth: { method: "iam", region: "ap-southeast-1" } }), {
      signToken: async (p) => (signed.push(p), tokens[Math.min(signed.length - 1, tokens.length - 1)]!),
    });
    try {
      expect((await pool.query("SELECT current_user AS u")).rows[0].u).toBe(TOKEN_ROLE);
      // The token expires (here: the role's password moves on) and the warm pool's connection is gone.
      const admin = new Client({ connectionString: server.connectionString });
      await admin.connect();
      await admin.query(`ALTER ROLE ${TOKEN_ROLE} PASSWORD 'token-2'`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [TOKEN_ROLE]);
      await admin.end();
      expect((await pool.query("SELECT current_user AS u")).rows[0].u).toBe(TOKEN_ROLE);
      expect(signed).toEqual([
        { host: "127.0.0.1", port: server.port, user: TOKEN_ROLE, region: "ap-southeast-1" },
        { host: "127.0.0.1", port: server.port, user: TOKEN_ROLE, region: "ap-southeast-1" },
      ]);
    } finally {
      await pool.end();
    }
  });

  test("the default signer makes an rds-db connect token for the host, port and role", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIATESTTESTTESTTEST", AWS_SECRET_ACCESS_KEY: "test-secret", AWS_REGION: "ap-southeast-1" });
    const seen: string[] = [];
    const pool = new DatabasePool(base({ host: "127.0.0.1", user: TOKEN_ROLE, auth: { method: "iam", region: "ap-southeast-1" } }));
    try {
      const { password } = await pool.credentials.resolve();
      seen.push(password ?? "");
    } finally {
      process.env = saved;
      await pool.end();
    }
    expect(seen[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1:${server.port}/\\?Action=connect&DBUser=${TOKEN_ROLE}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIATESTTESTTESTTEST%2F\\d{8}%2Fap-southeast-1%2Frds-db%2Faws4_request&`));
    expect(seen[0]).toMatch(/X-Amz-Expires=900/);
  });
});

describe("databaseSettingsFromEnv", () => {
  test("reads the libpq variables and the auth method", () => {
    const s = databaseSettingsFromEnv(
      { PGHOST: "db.internal", PGPORT: "5433", PGDATABASE: "livestream", PGUSER: "livestream_reconcile", LIVESTREAM_DB_AUTH: "iam", AWS_REGION: "ap-southeast-1", PGSSLROOTCERT: "/etc/ssl/rds.pem" },
      { applicationName: "ops" },
    );
    expect(s).toMatchObject({ host: "db.internal", port: 5433, database: "livestream", user: "livestream_reconcile", auth: { method: "iam", region: "ap-southeast-1" }, sslMode: "verify-full", sslRootCert: "/etc/ssl/rds.pem" });
  });

  test("names every problem at once", () => {
    let message = "";
    try {
      databaseSettingsFromEnv({ PGPORT: "99999", PGSSLMODE: "require", LIVESTREAM_DB_AUTH: "secret" }, { applicationName: "ops" });
    } catch (err) {
      expect(err).toBeInstanceOf(DatabaseSettingsError);
      message = (err as Error).message;
    }
    for (const part of ["PGHOST is not set", "PGPORT must be a TCP port", "PGDATABASE is not set", "PGSSLMODE must be verify-full or disable", "LIVESTREAM_DB_SECRET_ARN"]) expect(message).toContain(part);
  });

  test("refuses IAM tokens without TLS", () => {
    expect(() => databaseSettingsFromEnv({ PGHOST: "h", PGDATABASE: "d", PGUSER: "u", PGSSLMODE: "disable", LIVESTREAM_DB_AUTH: "iam", AWS_REGION: "ap-southeast-1" }, { applicationName: "ops" })).toThrow(
      /RDS requires TLS for IAM authentication/,
    );
  });
});
