/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp dir, started on a free port on
 * 127.0.0.1, trust auth for user `app`. Tests exercise real SQL (constraints, locks, errors), not a
 * mock. Always call `stop()` in afterAll; an exit hook stops a cluster a crashed test left behind.
 *
 * PG_BIN overrides where the server binaries live (default: newest /usr/lib/postgresql/<v>/bin).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PostgresServer {
  /** postgresql://app@127.0.0.1:<port>/postgres */
  readonly connectionString: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** Creates an empty database on this server and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
}

const USER = "app";

/** The directory holding initdb and pg_ctl, or a clear failure: tests never skip for want of PostgreSQL. */
export function postgresBinDir(): string {
  const explicit = process.env.PG_BIN;
  if (explicit) {
    if (!existsSync(join(explicit, "initdb"))) throw new Error(`PG_BIN=${explicit} holds no initdb`);
    return explicit;
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin (initdb, pg_ctl). " +
        "Install them (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN to their folder. These tests need a real server.",
    );
  }
  return join(root, versions[0]!, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: run the server tools as the unprivileged `postgres` user then. */
function asServerUser(bin: string, args: string[]): { cmd: string; args: string[] } {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot ? { cmd: "runuser", args: ["-u", "postgres", "--", bin, ...args] } : { cmd: bin, args };
}

function run(bin: string, args: string[], what: string, logFile?: string): void {
  const c = asServerUser(bin, args);
  const r = spawnSync(c.cmd, c.args, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) {
    const log = logFile && existsSync(logFile) ? `\nserver log:\n${readFileSync(logFile, "utf8").slice(-3000)}` : "";
    throw new Error(`${what} failed (${c.cmd} ${c.args.join(" ")}): ${r.error?.message ?? ""}${r.stderr}${r.stdout}${log}`);
  }
}

const running = new Set<() => void>();
process.once("exit", () => {
  for (const stop of running) stop();
});

export interface StartPostgresOptions {
  /** Serve TLS with this certificate and key (PEM files); plain connections keep working. @default no TLS */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** pg_hba.conf lines placed before the trust lines, e.g. `host all some_role 127.0.0.1/32 scram-sha-256`. */
  readonly hbaLines?: readonly string[];
}

/** Starts a fresh cluster; throws (never skips) when PostgreSQL is missing or does not start. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "pg-test-"));
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  // fsync off and no sync at initdb: durability does not matter for a throwaway cluster, speed does.
  run(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"], "initdb");
  const owner = isRoot
    ? { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()) }
    : undefined;
  let tlsOptions = "";
  if (options.tls) {
    // The server refuses a key file others can read: copy both into the data dir, owned by the server user.
    for (const [from, name] of [[options.tls.certFile, "server.crt"], [options.tls.keyFile, "server.key"]] as const) {
      copyFileSync(from, join(data, name));
      chmodSync(join(data, name), 0o600);
      if (owner) chownSync(join(data, name), owner.uid, owner.gid);
    }
    tlsOptions = " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key";
  }
  if (options.hbaLines?.length) {
    const hba = join(data, "pg_hba.conf");
    writeFileSync(hba, `${options.hbaLines.join("\n")}\n${readFileSync(hba, "utf8")}`);
  }

  let port = 0;
  let lastError: unknown;
  // A free port can be taken between probing and binding: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await freePort();
    try {
      run(
        join(bin, "pg_ctl"),
        ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off${tlsOptions}`, "start"],
        "pg_ctl start",
        logFile,
      );
      lastError = undefined;
      break;
    } catch (err) {
      lastError = err;
    }
  }
  if (lastError) {
    rmSync(dir, { recursive: true, force: true });
    throw lastError;
  }

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    running.delete(stopSync);
    const c = asServerUser(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
    spawnSync(c.cmd, c.args, { encoding: "utf8", timeout: 40_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stopSync);

  const url = (db: string) => `postgresql://${USER}@127.0.0.1:${port}/${db}`;
  return {
    connectionString: url("postgres"),
    host: "127.0.0.1",
    port,
    user: USER,
    database: "postgres",
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name '${name}'`);
      const { Client } = await import("pg");
      const client = new Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      stopSync();
    },
  };
}

