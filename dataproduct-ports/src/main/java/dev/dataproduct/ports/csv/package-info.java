/**
 * An input port for CSV files (RFC 4180, read with FastCSV):
 * {@link dev.dataproduct.ports.csv.CsvInput} turns a CSV file into typed Arrow batches following a
 * declared schema. Cells are read with {@link dev.dataproduct.api.schema.TextValues}, the same
 * text rules the rest of the SDK uses. Rows that cannot be converted (a cell that does not parse,
 * a line with the wrong number of cells) are not an error: they go to the run's reject sink with
 * the file name and line, one violation per bad cell and the original text of the row.
 */
package dev.dataproduct.ports.csv;
