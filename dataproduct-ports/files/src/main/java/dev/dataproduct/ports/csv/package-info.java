/**
 * CSV files: {@link dev.dataproduct.ports.csv.CsvFileOutput} delivers each committed snapshot, as
 * its audience may read it, as one CSV file per dataset in an atomically switched set of files (a
 * null an empty field, an empty string {@code ""}, values as {@code TextValues} writes them, so
 * that the input port below reads them back). And an input port for CSV files (RFC 4180, parsed
 * with FastCSV):
 * {@link dev.dataproduct.ports.csv.CsvInput} turns a CSV file into typed Arrow batches following a
 * declared schema. Every row is accounted for and every value is read as written. Cells are read
 * with {@link dev.dataproduct.api.schema.TextValues}, the same exact text rules the rest of the
 * SDK uses: a value its type cannot hold as written (out of range, underflowing to zero, finer
 * than the precision, digits other than ASCII) is a bad cell, not a rounded one, unless the port
 * is told to cut fine time digits ({@code truncateTimeDigits}). The file is
 * decoded strictly in its declared charset (UTF-8 by default, a byte order mark handled). Rows
 * that cannot be converted (a bad cell, bytes that are not valid in the charset, a line with the
 * wrong number of cells) are not an error: they go to the run's reject sink with the file name and
 * line, one violation per bad cell and the original text of the row. A file whose records can no
 * longer be told apart (a quote never closed, a quoted cell spanning more than
 * {@code maxLinesPerRecord} lines, a record over {@code maxRecordChars}) is refused with a
 * {@link dev.dataproduct.api.error.PortException} naming the line and column where it starts.
 */
package dev.dataproduct.ports.csv;
