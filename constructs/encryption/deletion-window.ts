/**
 * KMS keys are deleted only after a waiting period of 7 to 30 days ("Deleting AWS KMS keys", AWS KMS
 * Developer Guide): the window in which a mistaken ScheduleKeyDeletion can still be cancelled.
 */
export const DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;

/** The problem with a deletion window, named after its prop, or undefined when KMS accepts it. */
export function deletionWindowProblem(prop: string, days: number): string | undefined {
  return Number.isInteger(days) && days >= 7 && days <= 30 ? undefined : `${prop} must be a whole number from 7 to 30, got ${days}`;
}
