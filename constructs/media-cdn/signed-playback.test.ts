import { generateKeyPairSync } from "node:crypto";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SignedPlayback, type SignedPlaybackProps } from "./signed-playback";

const pem = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
const OLD = pem();
const NEW = pem();

type Resource = Record<string, unknown>;
function synth(props: Omit<SignedPlaybackProps, "namePrefix">) {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const signed = new SignedPlayback(stack, "signed", { namePrefix: "livestream-test", ...props });
  const resource = (JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Resource>> }).resource;
  return { signed, keys: resource.aws_cloudfront_public_key, group: Object.values(resource.aws_cloudfront_key_group)[0] };
}

test("rotation keeps the old key's address (its key pair id) while the group trusts both keys", () => {
  const before = synth({ publicKeyPem: OLD });
  const during = synth({ publicKeyPem: NEW, retiringPublicKeyPems: [OLD] });

  const addressOf = (keys: Record<string, Resource>, key: string) => Object.entries(keys).find(([, k]) => k.encoded_key === key)![0];
  expect(addressOf(during.keys, OLD)).toBe(addressOf(before.keys, OLD));
  expect(Object.keys(during.keys)).toHaveLength(2);
  expect(during.group.items).toHaveLength(2);
  // The current key comes first in the group: its id is the one signers use.
  expect(String((during.group.items as string[])[0])).toContain(addressOf(during.keys, NEW));
});

test("private keys and repeated keys are refused", () => {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  expect(() => synth({ publicKeyPem: privateKey })).toThrow(/publicKeyPem holds a private key/);
  expect(() => synth({ publicKeyPem: NEW, retiringPublicKeyPems: [privateKey] })).toThrow(/retiringPublicKeyPems\[0\] holds a private key/);
  expect(() => synth({ publicKeyPem: OLD, retiringPublicKeyPems: [OLD] })).toThrow(/repeats a key/);
});
