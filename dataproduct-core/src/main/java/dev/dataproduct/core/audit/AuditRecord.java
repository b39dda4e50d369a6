package dev.dataproduct.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one read did, without any value read: who, what, which snapshot, through which port,
 * which columns came back and which of them masked, how many rows, and the decision.
 *
 * @param time when the read ended (or was refused)
 * @param principal the reader's id
 * @param product the address of the product served (a restricted product, or the product read)
 * @param source the address of the product whose snapshot was read: the same as {@code product},
 *     or the source a restricted product serves
 * @param dataset the dataset asked for
 * @param snapshot the snapshot id read; empty if none was resolved
 * @param port the port the read came through
 * @param decision what became of the read
 * @param columns the columns returned
 * @param maskedColumns the returned columns whose values may be masked for this reader
 * @param rows the rows returned
 */
public record AuditRecord(Instant time, String principal, String product, String source, String dataset,
                          String snapshot,
                          String port, Decision decision, List<String> columns, List<String> maskedColumns,
                          long rows) {

    /** Validates and copies the components. */
    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(product, "product");
        source = source == null || source.isEmpty() ? product : source;
        Objects.requireNonNull(dataset, "dataset");
        snapshot = snapshot == null ? "" : snapshot;
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(decision, "decision");
        columns = List.copyOf(columns);
        maskedColumns = List.copyOf(maskedColumns);
    }

    /**
     * The record of a read of a product's own snapshot.
     *
     * @param time when the read ended (or was refused)
     * @param principal the reader's id
     * @param product the product's address
     * @param dataset the dataset asked for
     * @param snapshot the snapshot id read; empty if none was resolved
     * @param port the port the read came through
     * @param decision what became of the read
     * @param columns the columns returned
     * @param maskedColumns the returned columns whose values may be masked for this reader
     * @param rows the rows returned
     */
    public AuditRecord(Instant time, String principal, String product, String dataset, String snapshot, String port,
                       Decision decision, List<String> columns, List<String> maskedColumns, long rows) {
        this(time, principal, product, product, dataset, snapshot, port, decision, columns, maskedColumns, rows);
    }

    /** What became of a read. */
    public enum Decision {
        /** The policy allowed it and rows were returned. */
        ALLOWED,
        /** No grant is for the principal. */
        DENIED,
        /** The request was invalid (an unknown or hidden column, a foreign cursor, ...). */
        REFUSED,
        /** It was allowed but failed while reading (I/O, a broken policy). */
        FAILED
    }
}
