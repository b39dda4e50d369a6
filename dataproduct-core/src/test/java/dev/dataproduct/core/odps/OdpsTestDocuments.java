package dev.dataproduct.core.odps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written ODPS documents under {@code src/test/resources/odps}, for tests of every package. */
public final class OdpsTestDocuments {
    private OdpsTestDocuments() {
    }

    /**
     * @param path a class path resource, such as {@code /odps/foreign/01-minimal.odps.yaml}
     * @return its text
     */
    public static String text(String path) {
        try (InputStream in = OdpsTestDocuments.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name the file name of a document under {@code /odps/foreign/}
     * @return its text
     */
    public static String foreign(String name) {
        return text("/odps/foreign/" + name);
    }
}
