package dev.dataproduct.ports.csv;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** One pass over a CSV file: reads rows into a batch until it holds the batch size. */
final class CsvCursor implements BatchCursor {

    /** Receives a rejected row with the line it starts on. */
    @FunctionalInterface
    interface Rejects {
        void reject(long line, RejectedRow row);
    }

    private final CsvSource source;
    private final CsvLayout layout;
    private final List<Field> fields;
    private final Rejects rejects;
    private final int batchSize;
    private final String nullValue;
    private final boolean truncateTimeDigits;
    private final Object[] values;
    /** The line each row of the current batch starts on, for its origin. */
    private final long[] lines;
    private CsvRecords records;
    private VectorSchemaRoot root;
    private FieldVector[] vectors;
    private boolean onBatch;
    private boolean exhausted;

    CsvCursor(CsvSource source, Schema schema, CsvLayout layout, BufferAllocator allocator, Rejects rejects) {
        this.source = source;
        this.layout = layout;
        this.fields = schema.fields();
        this.rejects = rejects;
        this.batchSize = source.format().batchSize();
        this.nullValue = source.format().nullValue();
        this.truncateTimeDigits = source.format().truncateTimeDigits();
        this.values = new Object[fields.size()];
        this.lines = new long[batchSize];
        this.records = source.open();
        try {
            records.columnNames(column -> column < layout.expectedCells() ? layout.columnName(column) : null);
            if (source.format().header()) {
                checkHeader(source.readHeader(records));
            }
            this.root = VectorSchemaRoot.create(schema.toArrow(), allocator);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    }

    private void checkHeader(List<String> header) {
        List<String> now = header == null ? List.of() : header;
        if (!now.equals(layout.header())) {
            throw new PortException(source.where() + "the header changed since the port was opened (now "
                    + CsvSource.shown(now) + ", was " + CsvSource.shown(layout.header())
                    + "); do not replace input files during a run");
        }
    }

    @Override
    public boolean next() {
        onBatch = false;
        if (exhausted || records == null) {
            return false;
        }
        root.clear();
        for (FieldVector v : vectors) {
            v.setInitialCapacity(batchSize);
        }
        root.allocateNew();
        int rows = 0;
        while (rows < batchSize) {
            CsvRow record = records.next();
            if (record == null) {
                exhausted = true;
                break;
            }
            if (append(record, rows)) {
                lines[rows] = record.line();
                rows++;
            }
        }
        root.setRowCount(rows);
        onBatch = rows > 0;
        return onBatch;
    }

    /** @return whether the row went into the batch at {@code index}; if not, it was rejected */
    private boolean append(CsvRow record, int index) {
        long line = record.line();
        List<String> cells = record.cells();
        List<CsvDecoder.Malformation> malformed = records.malformations(record);
        if (record.empty()) {
            if (layout.expectedCells() != 1) {
                // an empty line holds no cell of a file with several columns: no row to account for
                return false;
            }
            // in a file of one column, an empty line is how an empty cell is written
            cells = List.of("");
        }
        if (!malformed.isEmpty()) {
            reject(line, cells, new Violation("", "encoding", "line " + line + " has bytes that are not valid "
                    + source.format().charset() + ": " + CsvSource.describe(malformed) + "; its cells keep them as "
                    + "\\xHH escapes. Fix the file, or declare its encoding with charset(...)"));
            return false;
        }
        if (cells.size() != layout.expectedCells()) {
            String expected = layout.header().isEmpty() ? "the schema has " + layout.expectedCells() + " fields "
                    + layout.columnNames() : "the header has " + layout.expectedCells() + " columns";
            reject(line, cells, new Violation("", "columns", "line " + line + " has " + cells.size() + " cell"
                    + (cells.size() == 1 ? "" : "s") + " but " + expected));
            return false;
        }
        List<Violation> violations = null;
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            int column = layout.fieldColumns()[f];
            String cell = cells.get(column);
            if (isNull(cell, field.type())) {
                values[f] = null;
                continue;
            }
            try {
                values[f] = truncateTimeDigits ? TextValues.parseTruncatingTime(field.type(), cell)
                        : TextValues.parse(field.type(), cell);
            } catch (IllegalArgumentException e) {
                if (violations == null) {
                    violations = new ArrayList<>();
                }
                violations.add(parseViolation(field, withheld(field, cell, e.getMessage()), line, column));
            }
        }
        if (violations != null) {
            reject(line, cells, violations.toArray(new Violation[0]));
            return false;
        }
        for (int f = 0; f < fields.size(); f++) {
            try {
                VectorValues.set(vectors[f], index, values[f]);
            } catch (IllegalArgumentException e) {
                // A value that parsed but does not fit the vector, such as a nanosecond timestamp past 2262.
                for (FieldVector v : vectors) {
                    VectorValues.setNull(v, index);
                }
                int column = layout.fieldColumns()[f];
                reject(line, cells, parseViolation(fields.get(f), withheld(fields.get(f), cells.get(column),
                        e.getMessage()), line, column));
                return false;
            }
        }
        return true;
    }

    private boolean isNull(String cell, LogicalType type) {
        return cell.isEmpty() || cell.equals(nullValue) || !(type instanceof LogicalType.StringType) && cell.isBlank();
    }

    /**
     * Keeps the value of a classified field out of a message: {@link TextValues} messages start
     * with the value as {@link TextValues#show} writes it, which is replaced. The quarantine still
     * keeps the value, under the policies of the quarantine.
     */
    private static String withheld(Field field, String cell, String message) {
        if (!field.classification().isSensitive()) {
            return message;
        }
        String shown = TextValues.show(cell.strip());
        String instead = "the value (withheld: the field is " + field.classification().label() + ")";
        return message.startsWith(shown) ? instead + message.substring(shown.length())
                : instead + " does not fit " + field.type().typeName();
    }

    private Violation parseViolation(Field field, String why, long line, int column) {
        return new Violation(field.name(), "parse", why + " (line " + line + ", column "
                + TextValues.show(layout.columnName(column)) + ")");
    }

    private void reject(long line, List<String> cells, Violation... violations) {
        Map<String, String> original = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            original.put(layout.columnName(i), cells.get(i));
        }
        rejects.reject(line, new RejectedRow(source.portName(), source.origin(line), List.of(violations), original));
    }

    @Override
    public VectorSchemaRoot batch() {
        if (!onBatch) {
            throw new IllegalStateException("the cursor of input '" + source.portName() + "' is not on a batch");
        }
        return root;
    }

    /** @return {@code <file name>:<line>} of a row of the current batch */
    @Override
    public Optional<String> origin(int row) {
        batch();
        java.util.Objects.checkIndex(row, root.getRowCount());
        return Optional.of(source.origin(lines[row]));
    }

    @Override
    public void close() {
        onBatch = false;
        exhausted = true;
        if (root != null) {
            root.close();
            root = null;
        }
        if (records != null) {
            CsvRecords r = records;
            records = null;
            r.close();
        }
    }
}
