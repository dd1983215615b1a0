export * from "./types.js";
export { exprSchema, planBodySchema, planIrSchema, testSchema } from "./schema.js";
export { canonicalJson, planHash, serializeIr, sha256Hex, writeCanonicalJson } from "./canonical.js";
export { componentIr, planIr } from "./build.js";
export { Calendar, CALENDAR_YEAR, GRAIN_MONTHS, MONTH_NAMES, calendarOf, formatDate, monthOfDay, parseDate, type Period } from "./calendar.js";
