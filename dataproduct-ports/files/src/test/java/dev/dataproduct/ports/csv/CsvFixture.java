package dev.dataproduct.ports.csv;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.quarantine.RejectedRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** A directory for CSV files, an allocator closed at the end (so a leak fails the test) and the rejects seen. */
final class CsvFixture implements AutoCloseable {
    final BufferAllocator allocator = new RootAllocator();
    final List<RejectedRow> rejects = new ArrayList<>();
    final InputContext context = new InputContext(allocator, Clock.systemUTC(), rejects::add);
    private final Path dir;

    CsvFixture(Path dir) {
        this.dir = dir;
    }

    Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    Path bytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Reads every row of every batch as a map, in order. */
    static List<Map<String, Object>> rows(Dataset dataset) {
        List<Map<String, Object>> out = new ArrayList<>();
        dataset.forEachRow(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String name : dataset.schema().fieldNames()) {
                m.put(name, row.get(name));
            }
            out.add(m);
        });
        return out;
    }

    @Override
    public void close() {
        allocator.close();
    }
}
