package dev.dataproduct.core.runtime;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;

/** A test output that records what it was given, reading the data while it may, or fails on purpose. */
final class RecordingOutput implements OutputPort {
    enum Failure { NONE, ON_OPEN, ON_PUBLISH }

    private final String name;
    private final Failure failure;
    final List<SnapshotInfo> published = new ArrayList<>();
    final List<Long> rowsSeen = new ArrayList<>();
    int opened;
    int closed;

    RecordingOutput(String name, Failure failure) {
        this.name = name;
        this.failure = failure;
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "memory", "arrow", "");
    }

    /** Holds the role the test products grant every column and row to. */
    @Override
    public Principal audience() {
        return Principal.of(name, ProductRuntimeTest.READER);
    }

    @Override
    public void open(OutputContext context) {
        opened++;
        if (failure == Failure.ON_OPEN) {
            throw new PortException("cannot reach the warehouse");
        }
    }

    @Override
    public void publish(CommittedSnapshot snapshot) {
        if (failure == Failure.ON_PUBLISH) {
            throw new PortException("disk full");
        }
        published.add(snapshot.info());
        long rows = 0;
        for (String dataset : snapshot.datasetNames()) {
            rows += snapshot.dataset(dataset).countRows();
        }
        rowsSeen.add(rows);
    }

    @Override
    public void close() {
        closed++;
    }
}
