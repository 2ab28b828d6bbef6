/**
 * The function's database connection: credentials from Secrets Manager, TLS to RDS, one small pool
 * kept for the life of the execution environment (module scope survives between invocations).
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Pool, type PoolConfig } from "pg";
import type { Logger } from "./log";

export interface DatabaseSettings {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly secretArn: string;
  readonly ssl: PoolConfig["ssl"];
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/**
 * Reads DB_HOST, DB_PORT, DB_NAME, DB_SECRET_ARN and DB_SSL. TLS with certificate and host-name
 * verification is the default: the RDS CA bundle comes from NODE_EXTRA_CA_CERTS
 * (/var/runtime/ca-cert.pem, which the Node.js 20+ runtimes no longer load by default).
 * DB_SSL=disable exists for tests against a local server and is refused inside Lambda.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const port = Number(env.DB_PORT ?? "5432");
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`DB_PORT must be a TCP port, got '${env.DB_PORT}'`);
  const mode = env.DB_SSL ?? "verify-full";
  let ssl: PoolConfig["ssl"];
  if (mode === "verify-full") ssl = { rejectUnauthorized: true };
  else if (mode === "disable") {
    if (env.AWS_LAMBDA_FUNCTION_NAME) throw new Error("DB_SSL=disable is for local tests only; Lambda always uses verified TLS");
    ssl = false;
  } else throw new Error(`DB_SSL must be verify-full or disable, got '${mode}'`);
  return { host: required(env, "DB_HOST"), port, database: required(env, "DB_NAME"), secretArn: required(env, "DB_SECRET_ARN"), ssl };
}

/** The RDS-managed master secret holds {"username","password"}; other fields are ignored. */
export function parseCredentials(secretString: string | undefined, secretArn: string): { user: string; password: string } {
  let parsed: { username?: unknown; password?: unknown };
  try {
    parsed = JSON.parse(secretString ?? "");
  } catch {
    throw new Error(`secret ${secretArn} is not JSON with username and password`);
  }
  if (typeof parsed.username !== "string" || typeof parsed.password !== "string") {
    throw new Error(`secret ${secretArn} lacks a string username or password`);
  }
  return { user: parsed.username, password: parsed.password };
}

/** Errors after which the cached credentials may be stale (the secret was rotated). */
const AUTH_FAILURES = new Set(["28P01", "28000"]);

/**
 * Lazily creates the pool on first use and keeps it. A failed creation is not cached, so the next
 * invocation tries again; an authentication failure drops the pool and the cached secret.
 */
export class DatabaseConnection {
  private pool?: Promise<Pool>;
  private readonly secrets: SecretsManagerClient;

  constructor(
    private readonly settings: DatabaseSettings,
    private readonly log: Logger,
    secrets?: SecretsManagerClient,
  ) {
    this.secrets = secrets ?? new SecretsManagerClient({});
  }

  async query(text: string, values?: unknown[]) {
    const pool = await this.getPool();
    try {
      return await pool.query(text, values);
    } catch (err) {
      if (AUTH_FAILURES.has((err as { code?: string }).code ?? "")) await this.reset();
      throw err;
    }
  }

  async reset(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.then((p) => p.end()).catch(() => undefined);
  }

  private getPool(): Promise<Pool> {
    this.pool ??= this.createPool().catch((err) => {
      this.pool = undefined;
      throw err;
    });
    return this.pool;
  }

  private async createPool(): Promise<Pool> {
    const { SecretString } = await this.secrets.send(new GetSecretValueCommand({ SecretId: this.settings.secretArn }));
    const { user, password } = parseCredentials(SecretString, this.settings.secretArn);
    const pool = new Pool({
      host: this.settings.host,
      port: this.settings.port,
      database: this.settings.database,
      user,
      password,
      ssl: this.settings.ssl,
      // One invocation at a time per environment: one connection, two for a reconnect overlap.
      max: 2,
      // Fail fast when the database is down, well inside the function timeout, so Lambda retries.
      connectionTimeoutMillis: 5_000,
      query_timeout: 10_000,
      idleTimeoutMillis: 60_000,
      application_name: "recording-indexer",
    });
    // An idle connection dropped by the server must not crash the environment.
    pool.on("error", (err) => this.log("warn", "idle database connection failed", { reason: err.message }));
    return pool;
  }
}
