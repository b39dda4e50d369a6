package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An input of a product under test, fed by the test instead of its port. Rows piped in are read by
 * the next run and then consumed, so a second run sees only the rows piped after the first, as an
 * incremental product sees new data arrive.
 *
 * <p>Rows come as values of the SDK's value model ({@link #pipeRows}) or as text the way they
 * arrive in a file ({@link #pipeText}): text is read by the field types with
 * {@link TextValues#parse}, and a row with a cell that is not a value of its type is quarantined
 * by the input with rule {@code parse}, as a CSV input would, so a test of bad input needs no file.
 * A piped row's origin is {@code <input> row <n>}, counting from 1 over the driver's life.
 *
 * <p>A run reads the rows piped for it as one batch, or, after {@link #batchSize(int)}, as several
 * batches of at most that many piped rows each, so behaviour across batches (a key repeated in a
 * later batch, state kept by the transform between batches) is testable.
 */
public final class TestInput {
    private final String name;
    private final Schema schema;
    private final List<Object> pending = new ArrayList<>();
    private long piped;
    private int batchSize = Integer.MAX_VALUE;

    TestInput(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** @return the input's name */
    public String name() {
        return name;
    }

    /**
     * Splits the rows of each later run into batches of at most {@code size} piped rows, in the
     * order they were piped (a row quarantined when piped counts toward its batch).
     *
     * @param size the most rows per batch, at least 1
     * @return this input
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public TestInput batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("input '" + name + "': a batch holds at least 1 row; got " + size);
        }
        this.batchSize = size;
        return this;
    }

    /** @return the most piped rows in one batch of a run; {@link Integer#MAX_VALUE} for one batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return the schema rows are read by */
    public Schema schema() {
        return schema;
    }

    /**
     * @param rows rows by column name, values in the SDK's value model (see {@link TextValues});
     *     a missing key means null
     * @return this input
     * @throws IllegalArgumentException naming the row and column that is not in the schema
     */
    public TestInput pipeRows(List<? extends Map<String, ?>> rows) {
        for (Map<String, ?> row : rows) {
            pipeRow(row);
        }
        return this;
    }

    /**
     * Pipes rows of a wider dataset, keeping only the columns this input reads: the rows another
     * product published, or rows generated from an upstream's contract.
     *
     * @param rows rows by column name, values in the SDK's value model
     * @return this input
     * @throws IllegalArgumentException if the rows lack a column the input reads, naming it
     */
    public TestInput pipeColumnsOf(List<? extends Map<String, ?>> rows) {
        for (Map<String, ?> row : rows) {
            Map<String, Object> projected = new HashMap<>();
            for (String column : schema.fieldNames()) {
                if (!row.containsKey(column)) {
                    throw new IllegalArgumentException("input '" + name + "' reads column '" + column
                            + "', which the rows piped do not have; they have " + row.keySet());
                }
                projected.put(column, row.get(column));
            }
            pipeRow(projected);
        }
        return this;
    }

    /**
     * Feeds this input with what another product published, as if it read that product: the
     * upstream runs in its own driver, and this input takes the columns it reads.
     *
     * @param upstream a run of the upstream product
     * @param dataset the dataset of the upstream this input reads
     * @return this input
     */
    public TestInput pipeFrom(TestRun upstream, String dataset) {
        return pipeColumnsOf(upstream.rows(dataset));
    }

    /**
     * @param row a row by column name, values in the SDK's value model; a missing key means null
     * @return this input
     * @throws IllegalArgumentException if a column is not in the schema
     */
    public TestInput pipeRow(Map<String, ?> row) {
        checkColumns(row.keySet());
        piped++;
        pending.add(new Typed(origin(), Collections.unmodifiableMap(new HashMap<>(row))));
        return this;
    }

    /**
     * Pipes one row of text cells, one per field in the schema's order: an empty cell is null
     * (blank too, except for strings); the others are read by the field's type.
     *
     * @param cells the cells
     * @return this input
     * @throws IllegalArgumentException if the number of cells is not the number of fields
     */
    public TestInput pipeText(String... cells) {
        if (cells.length != schema.size()) {
            throw new IllegalArgumentException("input '" + name + "' has " + schema.size() + " fields "
                    + schema.fieldNames() + " but " + cells.length + " cells were piped");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(schema.fields().get(i).name(), cells[i]);
        }
        return pipeText(row);
    }

    /**
     * Pipes one row of text cells by column name, read by the field types; a missing or empty
     * cell is null (blank too, except for strings).
     *
     * @param cells the cells by column name
     * @return this input
     * @throws IllegalArgumentException if a column is not in the schema
     */
    public TestInput pipeText(Map<String, String> cells) {
        checkColumns(cells.keySet());
        piped++;
        String origin = origin();
        Map<String, Object> values = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Field field : schema.fields()) {
            String cell = cells.get(field.name());
            if (cell == null || cell.isEmpty() || !(field.type() instanceof LogicalType.StringType) && cell.isBlank()) {
                continue;
            }
            try {
                values.put(field.name(), TextValues.parse(field.type(), cell));
            } catch (IllegalArgumentException e) {
                // never repeat a classified value in a reason
                String why = field.classification().isSensitive()
                        ? "a " + field.classification().label() + " value is not a valid " + field.type().typeName()
                        : e.getMessage();
                violations.add(new Violation(field.name(), "parse", why + " (" + origin + ")"));
            }
        }
        if (violations.isEmpty()) {
            pending.add(new Typed(origin, values));
        } else {
            Map<String, String> original = new LinkedHashMap<>();
            cells.forEach((k, v) -> {
                if (v != null) {
                    original.put(k, v);
                }
            });
            pending.add(new RejectedRow(name, origin, violations, original));
        }
        return this;
    }

    private String origin() {
        return name + " row " + piped;
    }

    private void checkColumns(Iterable<String> columns) {
        for (String c : columns) {
            Objects.requireNonNull(c, "column");
            if (schema.field(c).isEmpty()) {
                throw new IllegalArgumentException("input '" + name + "' has no column '" + c + "'; its columns are "
                        + schema.fieldNames());
            }
        }
    }

    /** @return the rows piped since the last run, and forgets them */
    List<Object> drain() {
        List<Object> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** A row of typed values and where it came from. */
    record Typed(String origin, Map<String, Object> values) {
    }
}
