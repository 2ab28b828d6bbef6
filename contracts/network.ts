/** Network layout facts the stacks, the preflight checks and the cost model share. */

/** AZ names of an environment: the given list, or `<region>a`, `<region>b`, ... cut to azCount. */
export function resolveAvailabilityZones(region: string, azCount: number, availabilityZones?: readonly string[]): string[] {
  if (availabilityZones) return [...availabilityZones];
  return ["a", "b", "c", "d"].slice(0, azCount).map((letter) => `${region}${letter}`);
}
