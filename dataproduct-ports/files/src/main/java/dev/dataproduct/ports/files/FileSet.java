package dev.dataproduct.ports.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layout of a directory a {@link FileSetOutput} delivers to, for the programs that read it.
 * Each delivered snapshot is one <em>set</em>: a directory of its own holding one file per dataset
 * and {@value #MANIFEST}; the file {@value #POINTER} names the current set, and is replaced in one
 * atomic rename when the next set is complete.
 *
 * <pre>
 * out/
 *   CURRENT                          "snapshot-7-3fa94c1e"
 *   snapshot-7-3fa94c1e/
 *     _snapshot.json                 the snapshot, format, audience, files and row counts
 *     purchases.csv
 *   snapshot-6-0b51d2aa/             superseded, removed once it has been for the port's grace period
 * </pre>
 *
 * <p>A reader resolves {@value #POINTER} once, with {@link #current(Path)}, and opens every file it
 * needs from that set: it never sees the data file of one snapshot beside the manifest of another.
 */
public final class FileSet {
    /** The file that names the current set. */
    public static final String POINTER = "CURRENT";
    /** The file in each set that describes it. */
    public static final String MANIFEST = "_snapshot.json";
    /** The name of a set's directory: the snapshot's sequence and a random part, so a redelivery is a new set. */
    static final Pattern SET_NAME = Pattern.compile("snapshot-\\d+-[0-9a-f]{8}");

    private FileSet() {
    }

    /**
     * The current set of a delivery directory.
     *
     * <pre>{@code
     * Path set = FileSet.current(Path.of("out")).orElseThrow();
     * Path purchases = set.resolve("purchases.csv");
     * }</pre>
     *
     * @param directory the directory a file port delivers to
     * @return the directory of the current set; empty if nothing was delivered yet
     * @throws IOException if the pointer cannot be read, or names no set of this layout
     */
    public static Optional<Path> current(Path directory) throws IOException {
        String name;
        try {
            name = Files.readString(directory.resolve(POINTER), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        // a pointer is only ever a set's name: anything else must not lead a reader elsewhere
        if (!SET_NAME.matcher(name).matches()) {
            throw new IOException("'" + directory.resolve(POINTER) + "' does not name a set of files; it was not "
                    + "written by a file port, or was changed by hand");
        }
        return Optional.of(directory.resolve(name));
    }
}
