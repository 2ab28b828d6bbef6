/** Output formats of `ops forecast`. */
export const FORMATS = ["table", "json", "csv", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];
