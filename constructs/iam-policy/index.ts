export { policyDocument, POLICY_VERSION, type ConditionOperator, type PolicyCondition, type PolicyPrincipal, type PolicyStatement } from "./policy-document";
export { denyInsecureBucketTransport, denyInsecureTransport, ecsTasksTrustPolicy, fromAccount, logDeliveryPolicy, serviceTrustPolicy, type LogDeliveryPolicyProps } from "./statements";
export { ecrRepositoryArn, imagePullStatements } from "./image-pull";
