package dev.dataproduct.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dataproduct.api.error.PortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends audit records to a file, one JSON object per line (JSON Lines), each line written and
 * flushed whole, so a crash loses at most the line being written:
 *
 * <pre>{@code
 * {"time":"2026-12-01T10:00:00Z","principal":"ana","product":"urn:dataproduct:k12:students:v1",
 *  "dataset":"students","snapshot":"00000003","port":"rest","decision":"ALLOWED",
 *  "columns":["student_id","email"],"maskedColumns":["email"],"rows":42}
 * }</pre>
 */
public final class JsonLinesAuditSink implements AuditSink {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Path file;

    private JsonLinesAuditSink(Path file) {
        this.file = file;
    }

    /**
     * @param file the file to append to; created with its directories when needed
     * @return the sink
     */
    public static JsonLinesAuditSink at(Path file) {
        return new JsonLinesAuditSink(Objects.requireNonNull(file, "file").toAbsolutePath());
    }

    /** @return the file appended to */
    public Path file() {
        return file;
    }

    /**
     * @throws PortException if the file cannot be written
     */
    @Override
    public synchronized void record(AuditRecord record) {
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new PortException("cannot append to the audit file " + file + ": " + e.getMessage()
                    + "; check that it is writable", e);
        }
    }
}
