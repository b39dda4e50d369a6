package dev.dataproduct.core.audit;

/**
 * Where audit records of reads go. Every read through the read path, allowed or not, produces
 * one record. Implementations must be safe for use by several threads at once. A sink that
 * cannot keep a record throws, and the read fails with it: an unaudited read is not served.
 */
@FunctionalInterface
public interface AuditSink {

    /** @param record a record to keep */
    void record(AuditRecord record);

    /** @return a sink that keeps nothing */
    static AuditSink discard() {
        return r -> { };
    }
}
