/** Every string of a parsed JSON-like document (configuration, scenario), with where it is. */

export interface StringLeaf {
  /** Dotted path of the field, array items by index: "services.mentee.secrets.0". */
  readonly path: string;
  readonly text: string;
}

/** The document's strings in document order (objects in key order, arrays in item order). */
export function stringLeaves(document: unknown): StringLeaf[] {
  const found: StringLeaf[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === "string") found.push({ path: path.join("."), text: value });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, String(i)]));
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(document, []);
  return found;
}
