/** The configuration holds no documentation placeholders (example.com, RFC 5737 CIDRs, example account ids). */
import { findReservedValues } from "../../config/reserved-values";
import type { PreflightCheck } from "./types";

export const reservedValuesCheck: PreflightCheck = {
  id: "reserved-values",
  title: "no reserved example values in the configuration (RFC 2606 domains, RFC 5737 CIDRs, placeholder account ids)",
  actions: [],
  async run({ config, configFile }) {
    const found = findReservedValues(config);
    if (!found.length) return { status: "pass", summary: "no reserved example values in the configuration" };
    return {
      status: "fail",
      summary: `${found.length} reserved example value(s): ${found.map((v) => `${v.field}: ${v.value}`).join(", ")}`,
      fix:
        `replace them in ${configFile ?? `config/environments/${config.name}.json`} with the real account, zone, e-mail, origins and encoder CIDRs ` +
        "(placeholder account ids, RFC 2606 example domains and RFC 5737 documentation CIDRs never work in a deployment; --json gives each reason)",
      data: { values: found },
    };
  },
};
