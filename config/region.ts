import { z } from "zod";
import { AWS_COMMERCIAL_REGIONS, isAwsCommercialRegion } from "../contracts/aws-regions";
import { closestMatch } from "../lib/did-you-mean";

const OTHER_PARTITIONS = /^(cn-|us-gov-|us-iso[a-z]?-|eu-isoe-|eusc-)/;

/** An AWS commercial region (contracts/aws-regions.ts), with the closest one suggested on a typo. */
export const awsRegion = z.string().superRefine((region, ctx) => {
  if (isAwsCommercialRegion(region)) return;
  if (OTHER_PARTITIONS.test(region)) {
    ctx.addIssue({ code: "custom", message: `'${region}' belongs to another AWS partition (China, GovCloud, sovereign or ISO), with its own ARNs and endpoints; this project deploys to commercial regions` });
    return;
  }
  // A region name differs from its neighbours by a letter or a digit: more than two edits is not a typo.
  const suggestion = closestMatch(region, AWS_COMMERCIAL_REGIONS, 2);
  ctx.addIssue({
    code: "custom",
    message: suggestion
      ? `'${region}' is not an AWS commercial region; did you mean '${suggestion}'?`
      : `'${region}' is not an AWS commercial region (one of ${AWS_COMMERCIAL_REGIONS.join(", ")})`,
  });
});
