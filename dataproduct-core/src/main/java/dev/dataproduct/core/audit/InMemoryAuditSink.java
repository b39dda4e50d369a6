package dev.dataproduct.core.audit;

import java.util.ArrayList;
import java.util.List;

/** Keeps audit records in memory, in order, for tests and small programs. */
public final class InMemoryAuditSink implements AuditSink {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(AuditRecord record) {
        records.add(record);
    }

    /** @return a copy of the records kept so far, oldest first */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }
}
