package dev.dataproduct.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of JSON Lines that records are appended to, each line in one locked write forced to disk,
 * so that several threads and processes may share it. A line cut short by a crash is left where it
 * is and the next record starts on a new line; readers skip it.
 */
public final class JsonLinesFile {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);
    /** A file lock is held per JVM, so writers in one JVM queue here before they lock the file. */
    private static final Map<Path, Object> TURNS = new ConcurrentHashMap<>();

    private final Path file;

    private JsonLinesFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /**
     * @param file the file; it and its directory are created on the first append
     * @return the file
     */
    public static JsonLinesFile at(Path file) {
        return new JsonLinesFile(Objects.requireNonNull(file, "file"));
    }

    /** @return where the file lies */
    public Path path() {
        return file;
    }

    /**
     * Appends one line.
     *
     * @param json one JSON value without a line break
     * @throws IllegalArgumentException if the text holds a line break
     * @throws UncheckedIOException if the file cannot be written
     */
    public void append(String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a JSON Lines record must be on one line");
        }
        synchronized (TURNS.computeIfAbsent(file, f -> new Object())) {
            try {
                Path dir = file.getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    long size = channel.size();
                    String prefix = "";
                    if (size > 0) {
                        ByteBuffer last = ByteBuffer.allocate(1);
                        channel.read(last, size - 1);
                        if (last.get(0) != '\n') {
                            LOG.warn("{} ends in a line cut short; readers skip it and the new record starts a line",
                                    file);
                            prefix = "\n";
                        }
                    }
                    ByteBuffer bytes = ByteBuffer.wrap((prefix + json + "\n").getBytes(StandardCharsets.UTF_8));
                    long at = size;
                    while (bytes.hasRemaining()) {
                        at += channel.write(bytes, at);
                    }
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage()
                        + "; check that the directory is writable", e);
            }
        }
    }

    /**
     * @return the non-blank lines, in file order, each with its 1-based line number; none if the
     *     file does not exist
     * @throws UncheckedIOException if the file cannot be read
     */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    out.add(new Line(number, text));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * One line of the file.
     *
     * @param number its 1-based line number
     * @param text its text
     */
    public record Line(int number, String text) {
    }

    @Override
    public String toString() {
        return "JsonLinesFile[" + file + "]";
    }
}
