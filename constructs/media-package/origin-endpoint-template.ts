/** Inputs of the CloudFormation template that holds one MediaPackage v1 HLS origin endpoint. */
export interface OriginEndpointTemplateOptions {
  readonly endpointId: string;
  readonly channelId: string;
  readonly startoverWindowSeconds: number;
  readonly segmentDurationSeconds: number;
  readonly playlistWindowSeconds: number;
  readonly origination: "ALLOW" | "DENY";
  readonly authorization?: { readonly cdnIdentifierSecretArn: string; readonly secretsRoleArn: string };
}

/**
 * hashicorp/aws 5.100 has no MediaPackage origin endpoint resource, so the endpoint lives in a
 * CloudFormation stack (plannable offline). The template is a plain object so tests can read it.
 */
export function originEndpointTemplate(o: OriginEndpointTemplateOptions): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `MediaPackage HLS origin endpoint ${o.endpointId} (managed by cdktf; do not edit in the console)`,
    Resources: {
      OriginEndpoint: {
        Type: "AWS::MediaPackage::OriginEndpoint",
        Properties: {
          Id: o.endpointId,
          ChannelId: o.channelId,
          Description: "HLS endpoint whose startover window lets harvest jobs cut finished sessions",
          StartoverWindowSeconds: o.startoverWindowSeconds,
          Origination: o.origination,
          HlsPackage: {
            SegmentDurationSeconds: o.segmentDurationSeconds,
            PlaylistWindowSeconds: o.playlistWindowSeconds,
            // NONE: a live sliding window of PlaylistWindowSeconds. EVENT playlists only ever grow (the
            // window would be ignored); VOD is for finished assets (MediaPackage API Reference,
            // "HlsPackage", PlaylistType). Harvest jobs cut from the startover window either way.
            PlaylistType: "NONE",
            ProgramDateTimeIntervalSeconds: 60,
          },
          ...(o.authorization
            ? { Authorization: { CdnIdentifierSecret: o.authorization.cdnIdentifierSecretArn, SecretsRoleArn: o.authorization.secretsRoleArn } }
            : {}),
        },
      },
    },
    Outputs: {
      EndpointId: { Value: { Ref: "OriginEndpoint" } },
      EndpointArn: { Value: { "Fn::GetAtt": ["OriginEndpoint", "Arn"] } },
      EndpointUrl: { Value: { "Fn::GetAtt": ["OriginEndpoint", "Url"] } },
    },
  };
}
