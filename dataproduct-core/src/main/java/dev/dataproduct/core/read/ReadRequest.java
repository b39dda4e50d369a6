package dev.dataproduct.core.read;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.core.snapshot.SnapshotRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One read of a dataset: which snapshot, which columns, which rows, in which order, how many,
 * from where on, and through which port (for the audit).
 *
 * <pre>{@code
 * ReadRequest first = ReadRequest.of("students")
 *     .columns("student_id", "grade")
 *     .where(Expr.col("grade").ge(9))
 *     .orderBy(SortKey.asc("student_id"))
 *     .limit(100)
 *     .via("rest")
 *     .build();
 * ReadRequest next = first.after(result.resumeCursor().orElseThrow());
 * }</pre>
 *
 * @param dataset the dataset
 * @param snapshot the snapshot; ignored when a cursor is given (the cursor names its snapshot)
 * @param columns the columns returned, in this order; empty for every column the reader sees
 * @param filter the rows returned (on masked values); empty for every row the reader sees
 * @param order the order; empty for stored order
 * @param limit the most rows returned; empty for no limit
 * @param cursor where a previous read of the same request stopped; empty to start at the top
 * @param port the port the read comes through, for the audit
 * @param rows which rows of the snapshot: all, or those it added or removed relative to its parent
 *     (a delivery of changes); the policy applies to them as to any read
 */
public record ReadRequest(String dataset, SnapshotSelector snapshot, List<String> columns, Optional<Expr> filter,
                          List<SortKey> order, OptionalLong limit, Optional<String> cursor, String port,
                          SnapshotRows rows) {

    /** Validates and copies the components. */
    public ReadRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(snapshot, "snapshot");
        columns = List.copyOf(columns);
        Objects.requireNonNull(filter, "filter");
        order = List.copyOf(order);
        Objects.requireNonNull(limit, "limit");
        limit.ifPresent(l -> {
            if (l < 0) {
                throw new IllegalArgumentException("a limit must not be negative, got " + l);
            }
        });
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(rows, "rows");
    }

    /**
     * A read of every row of the snapshot.
     *
     * @param dataset the dataset
     * @param snapshot the snapshot
     * @param columns the columns returned
     * @param filter the rows returned
     * @param order the order
     * @param limit the most rows returned
     * @param cursor where a previous read stopped
     * @param port the port the read comes through
     */
    public ReadRequest(String dataset, SnapshotSelector snapshot, List<String> columns, Optional<Expr> filter,
                       List<SortKey> order, OptionalLong limit, Optional<String> cursor, String port) {
        this(dataset, snapshot, columns, filter, order, limit, cursor, port, SnapshotRows.ALL);
    }

    /**
     * @param dataset a dataset name
     * @return a builder for a read of the current snapshot, every visible column and row
     */
    public static Builder of(String dataset) {
        return new Builder(dataset);
    }

    /**
     * @param resumeCursor a cursor from {@link ReadResult#resumeCursor()} of this request
     * @return this request, resuming there
     */
    public ReadRequest after(String resumeCursor) {
        return new ReadRequest(dataset, snapshot, columns, filter, order, limit,
                Optional.of(Objects.requireNonNull(resumeCursor, "resumeCursor")), port, rows);
    }

    /** Builds a {@link ReadRequest}. */
    public static final class Builder {
        private final String dataset;
        private SnapshotSelector snapshot = SnapshotSelector.current();
        private final List<String> columns = new ArrayList<>();
        private Expr filter;
        private final List<SortKey> order = new ArrayList<>();
        private Long limit;
        private String cursor;
        private String port = "direct";
        private SnapshotRows rows = SnapshotRows.ALL;

        private Builder(String dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** @param value the snapshot to read @return this builder */
        public Builder snapshot(SnapshotSelector value) {
            this.snapshot = Objects.requireNonNull(value, "snapshot");
            return this;
        }

        /** @param names the columns returned, in order @return this builder */
        public Builder columns(String... names) {
            columns.addAll(Arrays.asList(names));
            return this;
        }

        /** @param predicate the rows returned, evaluated on masked values @return this builder */
        public Builder where(Expr predicate) {
            this.filter = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /** @param keys the order, most significant first @return this builder */
        public Builder orderBy(SortKey... keys) {
            order.addAll(Arrays.asList(keys));
            return this;
        }

        /** @param rows the most rows returned @return this builder */
        public Builder limit(long rows) {
            this.limit = rows;
            return this;
        }

        /** @param resumeCursor where a previous read stopped @return this builder */
        public Builder after(String resumeCursor) {
            this.cursor = Objects.requireNonNull(resumeCursor, "resumeCursor");
            return this;
        }

        /** @param portName the port the read comes through @return this builder */
        public Builder via(String portName) {
            this.port = Objects.requireNonNull(portName, "port");
            return this;
        }

        /**
         * @param value which rows of the snapshot: {@link SnapshotRows#ADDED} or
         *     {@link SnapshotRows#REMOVED} for what it changed relative to its parent
         * @return this builder
         */
        public Builder rows(SnapshotRows value) {
            this.rows = Objects.requireNonNull(value, "rows");
            return this;
        }

        /** @return the request */
        public ReadRequest build() {
            return new ReadRequest(dataset, snapshot, columns, Optional.ofNullable(filter), order,
                    limit == null ? OptionalLong.empty() : OptionalLong.of(limit), Optional.ofNullable(cursor), port, rows);
        }
    }
}
