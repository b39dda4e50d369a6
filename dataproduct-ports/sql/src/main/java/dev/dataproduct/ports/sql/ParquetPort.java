package dev.dataproduct.ports.sql;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.SnapshotSelector;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A delivery port writing each committed snapshot as Parquet files for an audience: what that
 * principal may read, through the product's read path (see {@link ParquetWriter}). There is no
 * unfiltered side door: the files hold exactly what the audience would read on any other port.
 *
 * {@snippet :
 * ParquetPort parquet = ParquetPort.at(Path.of("out/parquet"))
 *     .audience(Principal.of("analytics", "analyst"))
 *     .readingThrough(() -> host.product(address).orElseThrow().reader())
 *     .build();
 * }
 */
public final class ParquetPort implements OutputPort {
    private final Path directory;
    private final Principal audience;
    private final Supplier<ProductReader> reader;
    private final String name;
    private volatile OutputContext context;

    private ParquetPort(Builder b) {
        this.directory = b.directory;
        this.audience = Objects.requireNonNull(b.audience, "audience: call audience(...)");
        this.reader = Objects.requireNonNull(b.reader, "reader: call readingThrough(...)");
        this.name = b.name;
    }

    /**
     * @param directory where the files go, {@code <dataset>.parquet} each
     * @return a builder
     */
    public static Builder at(Path directory) {
        return new Builder(directory);
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "delivery", "parquet", directory.toString());
    }

    /** @return the principal the files are written for: the runtime hands the port what it may read */
    @Override
    public Principal audience() {
        return audience;
    }

    @Override
    public void open(OutputContext value) {
        this.context = Objects.requireNonNull(value, "context");
    }

    /**
     * Writes the snapshot's datasets that the audience may read.
     *
     * @throws dev.dataproduct.api.error.PortException if a file cannot be written
     * @throws IllegalStateException if the port was not opened
     */
    @Override
    public void publish(CommittedSnapshot snapshot) {
        OutputContext c = context;
        if (c == null) {
            throw new IllegalStateException("the Parquet port '" + name + "' was not opened; open it before a run");
        }
        ParquetWriter.builder(reader.get(), List.copyOf(snapshot.datasetNames())).audience(audience).name(name)
                .allocator(c.allocator()).build().write(SnapshotSelector.id(snapshot.info().id()), directory);
    }

    /** Builds a {@link ParquetPort}. */
    public static final class Builder {
        private final Path directory;
        private Principal audience;
        private Supplier<ProductReader> reader;
        private String name = ParquetWriter.DEFAULT_NAME;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** @param value the principal the files are written for (required) @return this builder */
        public Builder audience(Principal value) {
            this.audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /**
         * @param value the product's read path, asked for at each publication (required)
         * @return this builder
         */
        public Builder readingThrough(Supplier<ProductReader> value) {
            this.reader = Objects.requireNonNull(value, "reader");
            return this;
        }

        /** @param value the port name (default {@value ParquetWriter#DEFAULT_NAME}) @return this builder */
        public Builder name(String value) {
            this.name = SqlSessions.checkedName(value);
            return this;
        }

        /** @return the port */
        public ParquetPort build() {
            return new ParquetPort(this);
        }
    }
}
