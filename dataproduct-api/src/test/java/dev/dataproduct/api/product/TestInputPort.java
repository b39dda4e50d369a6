package dev.dataproduct.api.product;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.List;

/** An input port over an empty in-memory dataset; it counts how often it was opened and closed. */
public final class TestInputPort implements InputPort {
    static final Schema SCHEMA = Schema.of(Field.of("id", LogicalType.STRING, true));

    private final PortDescriptor descriptor;
    int opened;
    int closed;

    public TestInputPort(String name) {
        this(new PortDescriptor(name, "memory", "arrow", ""));
    }

    TestInputPort(PortDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public PortDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Dataset open(InputContext context) {
        opened++;
        return Dataset.of(descriptor.name(), SCHEMA, List.of());
    }

    @Override
    public void close() {
        closed++;
    }
}
