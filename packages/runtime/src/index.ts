export { parseCsv, CsvParser, type CsvRecord } from "./data/csv.js";
export { loadTable, loadTableFromCells, decimalAt, type TableData, type ColumnData, type LoadContext } from "./data/table.js";
export { loadDataset, datasetFromCells, DatasetBuilder, type Dataset } from "./data/dataset.js";
export { evaluate, type EvaluateOptions } from "./evaluate/evaluate.js";
export type { ValueOverride } from "./evaluate/engine.js";
export { toJson, toCsv, toTable } from "./result/serialize.js";
export { explain, type ExplainQuery } from "./result/explain.js";
export type * from "./result/types.js";
export { DATA_DIAGNOSTICS, type DataDiagnostic, type DiagnosticInfo, type Severity } from "./diagnostics.js";
