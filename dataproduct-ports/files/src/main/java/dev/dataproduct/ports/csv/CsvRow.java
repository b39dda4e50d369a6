package dev.dataproduct.ports.csv;

import java.util.List;

/**
 * One record of a CSV file as parsed, before its cells are read by type.
 *
 * @param line the physical line the record starts on (1-based)
 * @param lastLine the physical line it ends on; later than {@code line} only through quoted line breaks
 * @param cells the cells, as written
 * @param empty whether the line was empty (no cell at all, not even an empty one)
 */
record CsvRow(long line, long lastLine, List<String> cells, boolean empty) {
    CsvRow {
        // not copied: the handler gives each record a list of its own and keeps no hand on it
        cells = java.util.Collections.unmodifiableList(cells);
    }
}
