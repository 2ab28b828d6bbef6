/** Names of the stacks, and of what the ops CLI finds by the stack's name prefix. */

const STACK_PREFIX = "livestream-";

/** Stack of an environment's platform, `livestream-<env>`; also the prefix of its resources' names. */
export const stackName = (env: string): string => `${STACK_PREFIX}${env}`;
/** Bootstrap stack of an environment (state bucket, image publisher role): `livestream-bootstrap-<env>`. */
export const bootstrapStackName = (env: string): string => `${STACK_PREFIX}bootstrap-${env}`;
/** What follows the stack prefix (`livestream-dev` -> `dev`); a name without it is returned as it is. */
export const environmentOfStack = (name: string): string => (name.startsWith(STACK_PREFIX) ? name.slice(STACK_PREFIX.length) : name);

/** The recording indexer's Lambda function, from the stack's name prefix (constructs/recording-indexer). */
export const recordingIndexerName = (namePrefix: string): string => `${namePrefix}-recording-indexer`;
/** A dead-letter queue's name, from the name of what feeds it. */
export const deadLetterQueueName = (name: string): string => `${name}-dlq`;
