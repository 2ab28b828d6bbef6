import { Construct } from "constructs";
import { CloudfrontKeyGroup } from "@cdktf/provider-aws/lib/cloudfront-key-group";
import { CloudfrontPublicKey } from "@cdktf/provider-aws/lib/cloudfront-public-key";

export interface SignedPlaybackProps {
  readonly namePrefix: string;
  /** PEM (SPKI) public key; the backend holds the private key and signs URLs/cookies for signed-in mentees. */
  readonly publicKeyPem: string;
}

/** The trusted key group that playback requests must be signed for. */
export class SignedPlayback extends Construct {
  readonly keyGroupId: string;
  /** The key pair id signers put in `Key-Pair-Id`. */
  readonly publicKeyId: string;

  constructor(scope: Construct, id: string, props: SignedPlaybackProps) {
    super(scope, id);
    if (!props.publicKeyPem.includes("-----BEGIN PUBLIC KEY-----")) {
      throw new Error("SignedPlayback: publicKeyPem must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
    }
    if (props.publicKeyPem.includes("PRIVATE KEY")) {
      throw new Error("SignedPlayback: publicKeyPem holds a private key; pass only the public half");
    }
    const publicKey = new CloudfrontPublicKey(this, "public-key", {
      // A prefix, so a rotated key is created before the old one goes (names must be unique).
      namePrefix: `${props.namePrefix}-playback-`,
      comment: "Verifies signed playback URLs and cookies",
      encodedKey: props.publicKeyPem,
      lifecycle: { createBeforeDestroy: true },
    });
    const keyGroup = new CloudfrontKeyGroup(this, "key-group", {
      name: `${props.namePrefix}-playback`,
      comment: "Signers of media playback for signed-in mentees",
      items: [publicKey.id],
    });
    this.keyGroupId = keyGroup.id;
    this.publicKeyId = publicKey.id;
  }
}
