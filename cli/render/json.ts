/** The stable JSON shape (docs/forecast.md). */
import type { Projection } from "../../cost-model/projection";

export const renderJson = (p: Projection): string => JSON.stringify(p, null, 2) + "\n";
