package dev.dataproduct.core.odps;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official ODPS JSON schemas kept under {@code src/test/resources/odps/schema}, checked by an
 * independent validator, so that the SDK's own reading of the schema is itself under test.
 */
public final class OfficialOdpsSchema {
    private static final Schema V1_0_0 = load("/odps/schema/odps-json-schema-v1.0.0.json");
    private static final Schema V0_9_0 = load("/odps/schema/odps-json-schema-v0.9.0.json");

    private OfficialOdpsSchema() {
    }

    private static Schema load(String resource) {
        try (InputStream in = OfficialOdpsSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the test class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json a document as JSON
     * @param apiVersion the schema to validate against, {@code v1.0.0} or {@code v0.9.0}
     * @return the violations, each with its instance location; empty if valid
     */
    public static List<String> violations(String json, String apiVersion) {
        Schema schema = "v0.9.0".equals(apiVersion) ? V0_9_0 : V1_0_0;
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
