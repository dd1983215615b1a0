/** The tool version, written into IR builds, run results and audit bundles. */
export const VERSION = "0.1.0";
