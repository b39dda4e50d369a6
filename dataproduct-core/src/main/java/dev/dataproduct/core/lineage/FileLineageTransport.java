package dev.dataproduct.core.lineage;

import dev.dataproduct.core.io.JsonLinesFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event as one line of a JSON Lines file, which a lineage tool can import and from
 * which the lineage graph of the products that share the file can be rebuilt. Several runtimes and
 * processes may share one file. A write that fails is logged and the event dropped: lineage never
 * fails a run.
 */
public final class FileLineageTransport implements LineageTransport {
    private static final Logger LOG = LoggerFactory.getLogger(FileLineageTransport.class);
    private final JsonLinesFile file;

    private FileLineageTransport(Path file) {
        this.file = JsonLinesFile.at(file);
    }

    /**
     * @param file the JSON Lines file; created with its directory on the first event
     * @return the transport
     */
    public static FileLineageTransport at(Path file) {
        return new FileLineageTransport(Objects.requireNonNull(file, "file"));
    }

    /** @return the file the events are appended to */
    public Path file() {
        return file.path();
    }

    @Override
    public void send(String event) {
        try {
            file.append(event);
        } catch (UncheckedIOException e) {
            LOG.warn("lineage event not written: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "FileLineageTransport[" + file.path() + "]";
    }
}
