import { parseJson, type Attrs } from "../../engine/attributes";
import type { SynthesizedResource, Violation } from "../../engine/types";

/** Containers of a task definition, or a violation when container_definitions is not literal JSON. */
export function containers(task: SynthesizedResource): Attrs[] | Violation {
  const parsed = parseJson(task.attributes.container_definitions);
  if (!Array.isArray(parsed)) {
    return { message: "container_definitions is not literal JSON, so it cannot be checked", fix: "Build container_definitions with JSON.stringify (tokens inside are fine) rather than Fn.jsonencode." };
  }
  return parsed as Attrs[];
}
