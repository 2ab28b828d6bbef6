/**
 * How every non-migration client of the platform database connects: the recording indexer Lambda,
 * the reconcile task and the ops CLI. One place decides authentication, TLS and server-side
 * timeouts, so a fix here reaches all of them.
 *
 * - Authentication: `iam` (RDS IAM database authentication: a token signed locally with the
 *   caller's AWS credentials, valid 15 minutes, no secret to rotate; RDS user guide "IAM database
 *   authentication for MariaDB, MySQL, and PostgreSQL"), `secret` (a Secrets Manager secret with
 *   {"username","password"}, re-read after an authentication failure) or `password` (PGPASSWORD, or
 *   none for a local trust server).
 * - TLS: verify-full (certificate chain and host name) unless PGSSLMODE=disable, which is refused
 *   where real credentials are in play (inside Lambda or with IAM tokens).
 * - statement_timeout, lock_timeout and idle_in_transaction_session_timeout are sent as startup
 *   parameters, so the SERVER cancels a statement that waits too long: a client-side timeout alone
 *   leaves the backend waiting on its lock and committing later.
 * - An authentication failure (28P01/28000) drops the cached credentials, and the call is retried
 *   once with fresh ones (a rotated secret, an expired token); so is a call that met a session the
 *   server had ended (a terminated idle connection, a failover). Callers' statements are idempotent.
 *
 * SDK packages are loaded only when their method is used, so the ops CLI pays for none of them
 * when it connects with a password.
 */
import { readFileSync } from "node:fs";
import type { Client, ClientConfig, Pool, PoolClient, QueryResult, QueryResultRow } from "pg";

export type DatabaseAuth =
  /** RDS IAM authentication: `rds-db:connect` on the dbuser ARN, token from @aws-sdk/rds-signer. */
  | { readonly method: "iam"; readonly region: string }
  /** Credentials in a Secrets Manager secret ({"username","password"}, as RDS-managed secrets hold them). */
  | { readonly method: "secret"; readonly secretArn: string }
  /** A fixed password, or none (trust authentication on a local test server). */
  | { readonly method: "password"; readonly password?: string };

export interface DatabaseSettings {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** Login role. Required for `iam` and `password`; the secret's username is used for `secret`. */
  readonly user?: string;
  readonly auth: DatabaseAuth;
  /** `verify-full`: TLS with the certificate chain and host name checked. `disable`: local tests only. */
  readonly sslMode: "verify-full" | "disable";
  /** PEM file of trusted CAs (the RDS bundle). @default Node's store plus NODE_EXTRA_CA_CERTS */
  readonly sslRootCert?: string;
  /** Server-side bound on every statement. @default 5000 */
  readonly statementTimeoutMs: number;
  /** Server-side bound on waiting for a lock. @default 2000 */
  readonly lockTimeoutMs: number;
  /** Bound on opening a connection (TCP, TLS, authentication). @default 5000 */
  readonly connectTimeoutMs: number;
  /** Shows in pg_stat_activity: who holds a connection. */
  readonly applicationName: string;
}

/** What callers may override when reading settings from the environment. */
export interface DatabaseDefaults {
  readonly applicationName: string;
  readonly statementTimeoutMs?: number;
  readonly lockTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

/** A settings problem: the process cannot connect until its environment is fixed. */
export class DatabaseSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseSettingsError";
  }
}

/** The call would not finish before the caller's deadline; nothing was sent. Transient. */
export class DeadlineError extends Error {
  constructor(what: string, remainingMs: number) {
    super(`not starting ${what}: ${Math.max(0, Math.round(remainingMs))} ms left before the deadline`);
    this.name = "DeadlineError";
  }
}

const SECRET_ARN = /^arn:aws[\w-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Reads the standard libpq variables PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE,
 * PGSSLROOTCERT, plus LIVESTREAM_DB_AUTH (`iam`, `secret` or `password`, default `password`),
 * LIVESTREAM_DB_SECRET_ARN (for `secret`) and AWS_REGION (for `iam`). All problems at once.
 */
export function databaseSettingsFromEnv(env: NodeJS.ProcessEnv, defaults: DatabaseDefaults): DatabaseSettings {
  const problems: string[] = [];
  const host = env.PGHOST ?? "";
  if (!host) problems.push("PGHOST is not set");
  const port = Number(env.PGPORT ?? "5432");
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`PGPORT must be a TCP port, got '${env.PGPORT}'`);
  const database = env.PGDATABASE ?? "";
  if (!database) problems.push("PGDATABASE is not set");
  const sslMode = env.PGSSLMODE ?? "verify-full";
  if (sslMode !== "verify-full" && sslMode !== "disable") problems.push(`PGSSLMODE must be verify-full or disable, got '${sslMode}'`);

  const method = env.LIVESTREAM_DB_AUTH ?? "password";
  let auth: DatabaseAuth | undefined;
  if (method === "iam") {
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "";
    if (!REGION.test(region)) problems.push(`LIVESTREAM_DB_AUTH=iam needs AWS_REGION, got '${region}'`);
    if (!env.PGUSER) problems.push("LIVESTREAM_DB_AUTH=iam needs PGUSER (the database role the IAM policy names)");
    auth = { method: "iam", region };
  } else if (method === "secret") {
    const secretArn = env.LIVESTREAM_DB_SECRET_ARN ?? "";
    if (!SECRET_ARN.test(secretArn)) problems.push(`LIVESTREAM_DB_AUTH=secret needs LIVESTREAM_DB_SECRET_ARN, a Secrets Manager ARN, got '${secretArn}'`);
    auth = { method: "secret", secretArn };
  } else if (method === "password") {
    // Known now, not at the first connection: a missing login role is a settings problem.
    if (!env.PGUSER) problems.push("PGUSER is not set (the database role to log in as)");
    auth = { method: "password", password: env.PGPASSWORD };
  } else problems.push(`LIVESTREAM_DB_AUTH must be iam, secret or password, got '${method}'`);

  if (sslMode === "disable" && env.AWS_LAMBDA_FUNCTION_NAME) problems.push("PGSSLMODE=disable is for local tests only; Lambda always uses verified TLS");
  if (sslMode === "disable" && method === "iam") problems.push("PGSSLMODE=disable cannot carry an IAM token: RDS requires TLS for IAM authentication");
  if (problems.length) throw new DatabaseSettingsError(`database settings: ${problems.join("; ")}`);
  return {
    host,
    port,
    database,
    user: env.PGUSER || undefined,
    auth: auth!,
    sslMode: sslMode as DatabaseSettings["sslMode"],
    sslRootCert: env.PGSSLROOTCERT || undefined,
    statementTimeoutMs: defaults.statementTimeoutMs ?? 5_000,
    lockTimeoutMs: defaults.lockTimeoutMs ?? 2_000,
    connectTimeoutMs: defaults.connectTimeoutMs ?? 5_000,
    applicationName: defaults.applicationName,
  };
}

/** True for PostgreSQL's authentication failures (wrong password, expired token, no such role for IAM). */
export function isAuthenticationFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "28P01" || code === "28000";
}

/**
 * The server ended the session (57P01 admin_shutdown: a terminated backend, 57P02/57P03: crash or
 * restart, a failover). A pooled idle connection meets it on its next statement, which the server
 * never ran: worth one more try on a fresh connection.
 */
export function isSessionTerminated(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "57P01" || code === "57P02" || code === "57P03";
}

/** The Secrets Manager call the credentials need; SecretsManagerClient fits. */
export interface SecretReader {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ SecretString?: string }>;
}

export interface CredentialDependencies {
  /** Secrets Manager client for `secret`. @default a client with 2 s request and 1 s connection timeouts, 2 attempts */
  readonly secrets?: SecretReader;
  /** Token maker for `iam`. @default @aws-sdk/rds-signer's Signer with the default credential chain */
  readonly signToken?: (p: { host: string; port: number; user: string; region: string }) => Promise<string>;
  /** Clock for the token cache. @default Date.now */
  readonly now?: () => number;
}

/** IAM tokens live 15 minutes; one is reused for 10 so a connection never starts with a stale one. */
const TOKEN_REUSE_MS = 10 * 60_000;

/**
 * The user and password to log in with, cached until `invalidate()` (secret) or for 10 minutes
 * (IAM token). Calls that can hang are bounded: the secret read by the client's timeouts and by the
 * caller's deadline.
 */
export class DatabaseCredentials {
  private cached?: { user: string; password?: string; until: number };

  constructor(
    private readonly settings: DatabaseSettings,
    private readonly deps: CredentialDependencies = {},
  ) {}

  /** Drops the cache: the next resolve reads the secret again or signs a new token. */
  invalidate(): void {
    this.cached = undefined;
  }

  async resolve(deadline?: number): Promise<{ user: string; password?: string }> {
    const now = (this.deps.now ?? Date.now)();
    if (this.cached && now < this.cached.until) return this.cached;
    const { auth } = this.settings;
    let fresh: { user: string; password?: string; until: number };
    if (auth.method === "secret") {
      fresh = { ...(await this.readSecret(auth.secretArn, deadline)), until: Number.POSITIVE_INFINITY };
    } else if (auth.method === "iam") {
      const user = this.settings.user!;
      const sign = this.deps.signToken ?? defaultSigner;
      fresh = { user, password: await sign({ host: this.settings.host, port: this.settings.port, user, region: auth.region }), until: now + TOKEN_REUSE_MS };
    } else {
      if (!this.settings.user) throw new DatabaseSettingsError("database settings: PGUSER is not set");
      fresh = { user: this.settings.user, password: auth.password, until: Number.POSITIVE_INFINITY };
    }
    this.cached = fresh;
    return fresh;
  }

  private async readSecret(secretArn: string, deadline?: number): Promise<{ user: string; password: string }> {
    const remaining = deadline === undefined ? 10_000 : deadline - Date.now();
    if (remaining <= 0) throw new DeadlineError("GetSecretValue", remaining);
    const { GetSecretValueCommand, SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
    const client =
      this.deps.secrets ??
      (new SecretsManagerClient({
        maxAttempts: 2,
        // Both are needed: requestTimeout alone only logs a warning (NOTES, "Tooling facts").
        requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000, throwOnRequestTimeout: true },
      }) as unknown as SecretReader);
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }), { abortSignal: AbortSignal.timeout(Math.min(remaining, 5_000)) });
    return parseSecretCredentials(SecretString, secretArn);
  }
}

async function defaultSigner(p: { host: string; port: number; user: string; region: string }): Promise<string> {
  const { Signer } = await import("@aws-sdk/rds-signer");
  return new Signer({ hostname: p.host, port: p.port, username: p.user, region: p.region }).getAuthToken();
}

/** {"username","password"} as the RDS-managed secret holds them; other fields are ignored. */
export function parseSecretCredentials(secretString: string | undefined, secretArn: string): { user: string; password: string } {
  let parsed: { username?: unknown; password?: unknown };
  try {
    parsed = JSON.parse(secretString ?? "");
  } catch {
    throw new DatabaseSettingsError(`secret ${secretArn} is not JSON with username and password`);
  }
  if (typeof parsed.username !== "string" || typeof parsed.password !== "string") {
    throw new DatabaseSettingsError(`secret ${secretArn} lacks a string username or password`);
  }
  return { user: parsed.username, password: parsed.password };
}

/** node-postgres settings for one connection: TLS, server-side timeouts and a client-side backstop. */
export function pgClientConfig(settings: DatabaseSettings, login: { user: string; password?: string | (() => Promise<string>) }): ClientConfig {
  let ssl: ClientConfig["ssl"] = false;
  if (settings.sslMode === "verify-full") {
    // rejectUnauthorized checks the chain; Node's checkServerIdentity (the default) the host name.
    ssl = { rejectUnauthorized: true, ...(settings.sslRootCert ? { ca: readFileSync(settings.sslRootCert, "utf8") } : {}) };
  }
  return {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: login.user,
    password: login.password,
    ssl,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    idle_in_transaction_session_timeout: Math.max(settings.statementTimeoutMs * 2, 10_000),
    // Backstop only: the server cancels first; this catches a server that stopped answering.
    query_timeout: settings.statementTimeoutMs + 2_000,
    application_name: settings.applicationName,
  };
}

export interface DatabasePoolOptions extends CredentialDependencies {
  /** Connections kept. @default 2 */
  readonly max?: number;
  /** Idle connections close after this. @default 60000 */
  readonly idleTimeoutMs?: number;
  /** Told about idle connections the server dropped (they must not crash the process). */
  readonly onIdleError?: (err: Error) => void;
}

/** A deadline check for calls that need `budgetMs` to finish. */
function ensureTime(what: string, deadline: number | undefined, budgetMs: number): void {
  if (deadline === undefined) return;
  const remaining = deadline - Date.now();
  if (remaining < budgetMs) throw new DeadlineError(what, remaining);
}

/**
 * A small pg.Pool created on first use and kept (module scope survives between Lambda
 * invocations). Every query is refused when it could not finish before the caller's deadline, and
 * retried once after an authentication failure with fresh credentials.
 */
export class DatabasePool {
  readonly credentials: DatabaseCredentials;
  private pool?: Promise<Pool>;

  constructor(
    readonly settings: DatabaseSettings,
    private readonly options: DatabasePoolOptions = {},
  ) {
    this.credentials = new DatabaseCredentials(settings, options);
  }

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[], opts: { deadline?: number } = {}): Promise<QueryResult<R>> {
    return this.withAuthRetry(opts.deadline, async (pool) => {
      ensureTime("a statement", opts.deadline, this.settings.statementTimeoutMs + 500);
      return pool.query<R>(text, values);
    });
  }

  /** Runs `work` on one checked-out connection (a transaction, a lock); released even on failure. */
  async withClient<T>(work: (client: PoolClient) => Promise<T>, opts: { deadline?: number } = {}): Promise<T> {
    return this.withAuthRetry(opts.deadline, async (pool) => {
      const client = await pool.connect();
      let failure: unknown;
      try {
        return await work(client);
      } catch (err) {
        failure = err;
        throw err;
      } finally {
        // A connection that failed mid-work may be in any state: discard it rather than reuse it.
        client.release(failure instanceof Error ? failure : undefined);
      }
    });
  }

  async end(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.then((p) => p.end()).catch(() => undefined);
  }

  private async withAuthRetry<T>(deadline: number | undefined, call: (pool: Pool) => Promise<T>): Promise<T> {
    // At most one retry for each cause, so a call makes at most three attempts.
    const retried = { authentication: false, termination: false };
    for (;;) {
      ensureTime("connecting to the database", deadline, Math.min(this.settings.connectTimeoutMs, 1_000));
      try {
        return await call(await this.getPool(deadline));
      } catch (err) {
        if (isAuthenticationFailure(err) && !retried.authentication) {
          // Rotated secret or expired token: fresh credentials, new connections, one more try.
          retried.authentication = true;
          this.credentials.invalidate();
          await this.end();
        } else if (isSessionTerminated(err) && !retried.termination) {
          retried.termination = true; // the pool has dropped the dead connection
        } else throw err;
      }
    }
  }

  private getPool(deadline: number | undefined): Promise<Pool> {
    this.pool ??= this.createPool(deadline).catch((err) => {
      this.pool = undefined;
      throw err;
    });
    return this.pool;
  }

  private async createPool(deadline: number | undefined): Promise<Pool> {
    const { user } = await this.credentials.resolve(deadline);
    const { Pool } = await import("pg");
    const pool = new Pool({
      ...pgClientConfig(this.settings, { user, password: async () => (await this.credentials.resolve()).password ?? "" }),
      max: this.options.max ?? 2,
      idleTimeoutMillis: this.options.idleTimeoutMs ?? 60_000,
    });
    pool.on("error", (err) => this.options.onIdleError?.(err));
    return pool;
  }
}

/**
 * One connected session (migrations, a pass that holds a lock): connects with fresh credentials and
 * retries once after an authentication failure. The caller ends it.
 */
export async function connectClient(settings: DatabaseSettings, deps: CredentialDependencies & { deadline?: number } = {}): Promise<Client> {
  const credentials = new DatabaseCredentials(settings, deps);
  const { Client } = await import("pg");
  for (let attempt = 1; ; attempt++) {
    ensureTime("connecting to the database", deps.deadline, Math.min(settings.connectTimeoutMs, 1_000));
    const login = await credentials.resolve(deps.deadline);
    const client = new Client(pgClientConfig(settings, { user: login.user, password: login.password ?? "" }));
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (!isAuthenticationFailure(err) || attempt > 1) throw err;
      credentials.invalidate();
    }
  }
}
