package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.DataContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The hand-written contracts in {@code src/test/resources/odcs}. */
final class OdcsTestFiles {
    static final String FULL = "full-v3.1.odcs.yaml";
    static final String V302 = "orders-v3.0.2.odcs.yaml";
    static final String JSON = "customers.odcs.json";
    static final String BROKEN = "broken.odcs.yaml";

    private OdcsTestFiles() {
    }

    static String text(String name) {
        try (InputStream in = OdcsTestFiles.class.getResourceAsStream("/odcs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource odcs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String name) {
        try {
            return Path.of(OdcsTestFiles.class.getResource("/odcs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static DataContract read(String name) {
        return OdcsCodec.read(path(name));
    }
}
