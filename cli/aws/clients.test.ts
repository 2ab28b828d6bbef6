/** The one client factory: its bounds reach the real SDK, so a silent endpoint cannot hang a command. */
import { createServer, type Server, type Socket } from "node:net";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { clientConfig, createS3Client, createStsClient } from "./clients";
import { recordingBounds } from "../recordings/clients";

let server: Server;
let endpoint: string;
const sockets: Socket[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  // Accepts every connection and never answers: what a blackholed endpoint looks like to the SDK.
  server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDFAKEFAKEFAKE", AWS_SECRET_ACCESS_KEY: "fake", AWS_ENDPOINT_URL_S3: endpoint, AWS_ENDPOINT_URL_STS: endpoint, AWS_EC2_METADATA_DISABLED: "true" });
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
  process.env = saved;
});

test("a request that gets no answer is abandoned after requestTimeoutMs and retried up to maxAttempts", async () => {
  const before = sockets.length;
  const sts = await createStsClient({ region: "ap-southeast-1", maxAttempts: 2, retryBaseDelayMs: 1, requestTimeoutMs: 200 });
  try {
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow(/timed out|timeout/i);
  } finally {
    sts.destroy();
  }
  expect(sockets.length - before).toBe(2);
}, 20_000);

test("the recording commands' bounds go through the same factory", async () => {
  const s3 = await createS3Client(recordingBounds({ region: "ap-southeast-1", maxAttempts: 1 }, 200));
  try {
    await expect(s3.send(new ListBucketsCommand({}))).rejects.toThrow(/timed out|timeout/i);
  } finally {
    s3.destroy();
  }
  expect(recordingBounds({ requestTimeoutMs: 5_000 })).toEqual({ requestTimeoutMs: 5_000, connectionTimeoutMs: 3_000 });
  expect(recordingBounds({})).toEqual({ requestTimeoutMs: 10_000, connectionTimeoutMs: 3_000 });
}, 20_000);

test("without a request timeout the SDK's handler is left as it is; with one, all three bounds are set", async () => {
  expect(await clientConfig({ region: "ap-southeast-1" })).toEqual({ region: "ap-southeast-1", maxAttempts: 3, retryMode: "standard" });
  expect((await clientConfig({ region: "ap-southeast-1", requestTimeoutMs: 900 })).requestHandler).toEqual({ requestTimeout: 900, connectionTimeout: 900, throwOnRequestTimeout: true });
  expect((await clientConfig({ region: "ap-southeast-1", requestTimeoutMs: 900, connectionTimeoutMs: 100 })).requestHandler).toEqual({ requestTimeout: 900, connectionTimeout: 100, throwOnRequestTimeout: true });
  await expect(clientConfig({ region: "ap-southeast-1", maxAttempts: 11 })).rejects.toThrow(/--max-attempts must be an integer from 1 to 10/);
});
