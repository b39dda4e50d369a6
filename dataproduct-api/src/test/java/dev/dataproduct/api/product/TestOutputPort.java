package dev.dataproduct.api.product;

import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import java.util.ArrayList;
import java.util.List;

/** An output port that remembers the snapshots it was given. */
final class TestOutputPort implements OutputPort {
    private final PortDescriptor descriptor;
    final List<CommittedSnapshot> published = new ArrayList<>();

    TestOutputPort(String name) {
        this(new PortDescriptor(name, "file", "csv", "/tmp/" + name));
    }

    TestOutputPort(PortDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public PortDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void publish(CommittedSnapshot snapshot) {
        published.add(snapshot);
    }
}
