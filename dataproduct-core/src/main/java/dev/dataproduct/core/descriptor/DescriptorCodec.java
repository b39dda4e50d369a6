package dev.dataproduct.core.descriptor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.yaml.DocumentLimits;
import dev.dataproduct.core.yaml.ParsedSource;
import dev.dataproduct.core.yaml.SourceParser.Syntax;
import dev.dataproduct.core.yaml.SourceParser;
import dev.dataproduct.core.yaml.Where;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link ProductDescriptor} as JSON or YAML and reads it back equal. Field types are
 * written by their canonical names ({@code decimal(12,2)}), enums in lower case, and empty values
 * and default values (empty text and lists, {@code false}, 0) are left out.
 *
 * <pre>{@code
 * String yaml = DescriptorCodec.toYaml(product.describe());
 * ProductDescriptor back = DescriptorCodec.fromYaml(yaml);   // equal to product.describe()
 * }</pre>
 */
public final class DescriptorCodec {
    private static final String KIND = "a product descriptor";
    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(DescriptorYaml.factory())).build();

    private DescriptorCodec() {
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(
            B builder) {
        SimpleModule types = new SimpleModule("dataproduct-types");
        types.addSerializer(LogicalType.class, new JsonSerializer<>() {
            @Override
            public void serialize(LogicalType value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.typeName());
            }
        });
        types.addDeserializer(LogicalType.class, new JsonDeserializer<>() {
            @Override
            public LogicalType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return LogicalType.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ctxt.weirdStringException(text, LogicalType.class, e.getMessage());
                }
            }
        });
        return builder.withConfigOverride(Constraints.class, o -> o.setInclude(JsonInclude.Value.construct(
                        JsonInclude.Include.CUSTOM, JsonInclude.Include.ALWAYS, NoConstraints.class, null)))
                .addModule(new Jdk8Module())
                .addModule(types)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .serializationInclusion(JsonInclude.Include.NON_DEFAULT)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(SerializationFeature.INDENT_OUTPUT, true);
    }

    /** Jackson's value filter that leaves out a field's constraints when there are none. */
    static final class NoConstraints {
        @Override
        public boolean equals(Object value) {
            return value == null || (value instanceof Constraints c && c.isEmpty());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /**
     * @param descriptor a descriptor
     * @return it as indented JSON
     */
    public static String toJson(ProductDescriptor descriptor) {
        return write(JSON, descriptor);
    }

    /**
     * @param descriptor a descriptor
     * @return it as YAML
     */
    public static String toYaml(ProductDescriptor descriptor) {
        return write(YAML, descriptor);
    }

    /**
     * @param json a descriptor as JSON
     * @return the descriptor
     * @throws InvalidDefinitionException saying where the document is wrong
     */
    public static ProductDescriptor fromJson(String json) {
        return read(Syntax.JSON, json, "in JSON", DocumentLimits.defaults());
    }

    /**
     * Reads YAML as YAML defines it (anchors, aliases and merge keys resolved; an alias before its
     * anchor refused with its line and column), held to the default {@link DocumentLimits}.
     *
     * @param yaml a descriptor as YAML
     * @return the descriptor
     * @throws InvalidDefinitionException saying where the document is wrong
     */
    public static ProductDescriptor fromYaml(String yaml) {
        return read(Syntax.YAML, yaml, "in YAML", DocumentLimits.defaults());
    }

    /**
     * Reads a file as JSON if its name ends in {@code .json}, otherwise as YAML, with the default
     * {@link DocumentLimits}.
     *
     * @param file a descriptor in UTF-8
     * @return the descriptor
     * @throws InvalidDefinitionException saying where the document is wrong, naming the file; for a
     *     file that is not UTF-8, the byte offset of the first bad byte
     * @throws dev.dataproduct.api.error.DataProductException if the file cannot be read
     */
    public static ProductDescriptor read(Path file) {
        return read(file, DocumentLimits.defaults());
    }

    /**
     * As {@link #read(Path)}, held to the given limits.
     *
     * @param file a descriptor in UTF-8
     * @param limits the limits on size and shape
     * @return the descriptor
     * @throws InvalidDefinitionException as {@link #read(Path)}
     * @throws dev.dataproduct.api.error.DataProductException if the file cannot be read
     */
    public static ProductDescriptor read(Path file, DocumentLimits limits) {
        String text = SourceParser.readFile(file, limits, KIND + " " + file);
        return read(Syntax.of(file), text, file.toString(), limits);
    }

    private static String write(ObjectMapper mapper, ProductDescriptor descriptor) {
        try {
            return mapper.writeValueAsString(descriptor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the descriptor of " + descriptor.address(), e);
        }
    }

    private static ProductDescriptor read(Syntax syntax, String text, String source, DocumentLimits limits) {
        String subject = KIND + " " + source;
        ParsedSource parsed = SourceParser.parseClean(syntax, text, limits, KIND, subject);
        try {
            return JSON.treeToValue(parsed.tree(), ProductDescriptor.class);
        } catch (JsonProcessingException e) {
            String what = e.getCause() instanceof NullPointerException npe && npe.getMessage() != null
                    ? "required property '" + npe.getMessage() + "' is missing"
                    : e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
            throw new InvalidDefinitionException(subject, List.of(what + where(e, parsed)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidDefinitionException(subject, List.of(e.getMessage()));
        }
    }

    /** @return where in the document binding failed, from the path Jackson reports */
    private static String where(JsonProcessingException e, ParsedSource parsed) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        Where where = Where.ROOT;
        for (JsonMappingException.Reference ref : m.getPath()) {
            where = ref.getFieldName() != null ? where.field(ref.getFieldName()) : where.index(ref.getIndex());
        }
        int line = parsed.lineOf(where.pointer());
        return " at " + where.display() + (line > 0 ? " (line " + line + ")" : "");
    }
}
