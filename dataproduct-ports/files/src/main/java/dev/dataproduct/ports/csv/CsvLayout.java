package dev.dataproduct.ports.csv;

import java.util.List;

/**
 * Where each schema field is in a CSV row.
 *
 * @param header the header cells as read, or empty if the file has no header
 * @param columnNames a distinct name per expected column, for the original values of rejected rows
 * @param fieldColumns for each schema field, in schema order, the index of its cell in a row
 */
record CsvLayout(List<String> header, List<String> columnNames, int[] fieldColumns) {
    CsvLayout {
        header = List.copyOf(header);
        columnNames = List.copyOf(columnNames);
        fieldColumns = fieldColumns.clone();
    }

    /** @return the number of cells every row must have */
    int expectedCells() {
        return columnNames.size();
    }

    /**
     * @param column a 0-based cell index
     * @return the name of the column, or {@code column <n>} (1-based) past the expected columns
     */
    String columnName(int column) {
        return column < columnNames.size() ? columnNames.get(column) : "column " + (column + 1);
    }
}
