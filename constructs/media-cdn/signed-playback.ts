import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { CloudfrontKeyGroup } from "@cdktf/provider-aws/lib/cloudfront-key-group";
import { CloudfrontPublicKey } from "@cdktf/provider-aws/lib/cloudfront-public-key";

export interface SignedPlaybackProps {
  readonly namePrefix: string;
  /** PEM (SPKI) public key of the pair the backend signs playback URLs/cookies with now. */
  readonly publicKeyPem: string;
  /**
   * Public keys still trusted while URLs signed with them are alive (key rotation).
   * @default none
   */
  readonly retiringPublicKeyPems?: readonly string[];
}

/**
 * The trusted key group that playback requests must be signed for. Each key's construct id comes
 * from its content, so moving a key from `publicKeyPem` to `retiringPublicKeyPems` during a rotation
 * keeps its CloudFront key (and the key pair id in URLs already signed) untouched.
 */
export class SignedPlayback extends Construct {
  readonly keyGroupId: string;
  /** The key pair id signers put in `Key-Pair-Id` (that of `publicKeyPem`). */
  readonly publicKeyId: string;

  constructor(scope: Construct, id: string, props: SignedPlaybackProps) {
    super(scope, id);
    const pems = [props.publicKeyPem, ...(props.retiringPublicKeyPems ?? [])];
    pems.forEach((pem, i) => {
      const prop = i === 0 ? "publicKeyPem" : `retiringPublicKeyPems[${i - 1}]`;
      if (pem.includes("PRIVATE KEY")) throw new Error(`SignedPlayback: ${prop} holds a private key; pass only the public half`);
      if (!pem.includes("-----BEGIN PUBLIC KEY-----")) throw new Error(`SignedPlayback: ${prop} must be a PEM public key (-----BEGIN PUBLIC KEY-----)`);
    });
    const ids = pems.map((pem) => createHash("sha256").update(pem.trim()).digest("hex").slice(0, 12));
    if (new Set(ids).size !== ids.length) throw new Error("SignedPlayback: retiringPublicKeyPems repeats a key (or the current publicKeyPem)");

    const keys = pems.map(
      (pem, i) =>
        new CloudfrontPublicKey(this, `public-key-${ids[i]}`, {
          namePrefix: `${props.namePrefix}-playback-`,
          comment: i === 0 ? "Verifies signed playback URLs and cookies" : "Retiring playback key: trusted until URLs signed with it expire",
          encodedKey: pem,
        }),
    );
    const keyGroup = new CloudfrontKeyGroup(this, "key-group", {
      name: `${props.namePrefix}-playback`,
      comment: "Signers of media playback for signed-in mentees",
      items: keys.map((k) => k.id),
    });
    this.keyGroupId = keyGroup.id;
    this.publicKeyId = keys[0].id;
  }
}
