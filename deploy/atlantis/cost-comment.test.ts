import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_COMMENT_CHARS, commentBody, main, markerOf } from "./cost-comment";
import { COST_REPORT_DIR } from "./layout";

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

/** Speaks the slice of GitHub's REST API the hook uses: issue comments, paged 100 at a time. */
class GitHubFake {
  readonly requests: Recorded[] = [];
  comments: { id: number; body: string }[] = [];
  failWith?: number;
  private server?: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", (): void => {
        this.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
        const send = (status: number, body: unknown): void => void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (req.headers.authorization !== "Bearer t0ken") return send(401, { message: "Bad credentials" });
        if (this.failWith) return send(this.failWith, { message: "boom" });
        const url = new URL(req.url!, "http://x");
        let m = /^\/repos\/acme\/platform\/issues\/42\/comments$/.exec(url.pathname);
        if (m && req.method === "GET") {
          const page = Number(url.searchParams.get("page") ?? 1);
          const per = Number(url.searchParams.get("per_page") ?? 30);
          return send(200, this.comments.slice((page - 1) * per, page * per));
        }
        if (m && req.method === "POST") {
          const id = 1000 + this.comments.length;
          this.comments.push({ id, body: (JSON.parse(raw) as { body: string }).body });
          return send(201, { id });
        }
        m = /^\/repos\/acme\/platform\/issues\/comments\/(\d+)$/.exec(url.pathname);
        if (m && req.method === "PATCH") {
          const comment = this.comments.find((c) => c.id === Number(m![1]));
          if (!comment) return send(404, { message: "Not Found" });
          comment.body = (JSON.parse(raw) as { body: string }).body;
          return send(200, comment);
        }
        return send(404, { message: "Not Found" });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

let github: GitHubFake;
let root: string;
let stderr: string;
const env = () => ({ DIR: root, BASE_REPO_OWNER: "acme", BASE_REPO_NAME: "platform", PULL_NUM: "42", COST_COMMENT_GITHUB_TOKEN: "t0ken", GITHUB_API_URL: github.url });

beforeEach(async () => {
  github = new GitHubFake();
  await github.start();
  root = mkdtempSync(join(tmpdir(), "cost-comment-"));
  mkdirSync(join(root, COST_REPORT_DIR), { recursive: true });
  stderr = "";
  jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(async () => {
  jest.restoreAllMocks();
  await github.close();
  rmSync(root, { recursive: true, force: true });
});

const report = (project: string, text: string) => writeFileSync(join(root, COST_REPORT_DIR, `${project}.md`), text);

test("creates one rendered comment per planned project, then updates it in place on the next plan (found across pages)", async () => {
  // 100 unrelated comments fill page 1: the hook must read page 2 to find its own.
  github.comments = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `chatter ${i}` }));
  report("livestream-dev", "## Cost forecast: `livestream-dev`\n\n| Month | Total |\n| ---: | ---: |\n| 1 | 1.00 |\n");
  report("livestream-prod", "## Cost forecast: `livestream-prod`\n");
  expect(await main(env())).toBe(0);
  const posts = github.requests.filter((r) => r.method === "POST");
  expect(posts.map((r) => r.url)).toEqual(["/repos/acme/platform/issues/42/comments", "/repos/acme/platform/issues/42/comments"]);
  expect((posts[0].body as { body: string }).body).toBe(`${markerOf("livestream-dev")}\n## Cost forecast: \`livestream-dev\`\n\n| Month | Total |\n| ---: | ---: |\n| 1 | 1.00 |\n`);
  const first = github.requests[0];
  expect(first.headers).toMatchObject({ authorization: "Bearer t0ken", accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" });
  expect(github.requests.filter((r) => r.method === "GET").map((r) => r.url)).toEqual([
    "/repos/acme/platform/issues/42/comments?per_page=100&page=1",
    "/repos/acme/platform/issues/42/comments?per_page=100&page=2",
  ]);

  github.requests.length = 0;
  report("livestream-prod", "## Cost forecast: `livestream-prod` (after a second push)\n");
  rmSync(join(root, COST_REPORT_DIR, "livestream-dev.md"));
  expect(await main(env())).toBe(0);
  expect(github.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.url}`)).toEqual(["PATCH /repos/acme/platform/issues/comments/1101"]);
  expect(github.comments.filter((c) => c.body.startsWith("<!-- livestream-cost-comment:"))).toHaveLength(2);
  expect(github.comments.find((c) => c.id === 1101)!.body).toMatch(/after a second push/);
  expect(stderr).toMatch(/livestream-prod updated/);
});

test("never fails: no token, or GitHub refusing, is logged and exits 0", async () => {
  report("livestream-dev", "x");
  expect(await main({ ...env(), COST_COMMENT_GITHUB_TOKEN: "" })).toBe(0);
  expect(github.requests).toEqual([]);
  expect(stderr).toMatch(/COST_COMMENT_GITHUB_TOKEN not set/);
  github.failWith = 502;
  expect(await main(env())).toBe(0);
  expect(stderr).toMatch(/cost comments not posted: GET .* HTTP 502/);
});

test("nothing planned, nothing posted", async () => {
  expect(await main(env())).toBe(0);
  expect(github.requests).toEqual([]);
});

test("bodies above GitHub's limit are cut with a note, marker kept", () => {
  const body = commentBody("livestream-prod", "y".repeat(MAX_COMMENT_CHARS * 2));
  expect(body.length).toBe(MAX_COMMENT_CHARS);
  expect(body.startsWith(markerOf("livestream-prod"))).toBe(true);
  expect(body).toMatch(/truncated/);
});
