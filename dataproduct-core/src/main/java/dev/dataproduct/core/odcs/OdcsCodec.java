package dev.dataproduct.core.odcs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.core.yaml.SourceParser.Syntax;
import dev.dataproduct.core.yaml.YamlSource;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes data contracts in the Open Data Contract Standard (ODCS), as YAML or JSON.
 *
 * <p>Reading accepts {@code apiVersion} v3.1.0 and v3.0.0 to v3.0.2 (a v3.0.x document using the
 * v3.1 logical types {@code timestamp} or {@code time} with a warning for each, as datacontract-cli
 * writes them; a newer v3 version, such as v3.2.0, read as v3.1.0 with a warning that says so and
 * one for each key and value v3.1.0 does not define, all kept; a strict reader refuses both; v4 and
 * v2 are refused) and checks the document
 * against the standard: required fields (per server type too), enumerations, field types (a key
 * written without a value is not a value), the logical type options each type allows, what each
 * kind of quality rule needs, relationships, and duplicate object names, property names and key
 * positions. Every problem is reported at once, each with its path and line, in an
 * {@link dev.dataproduct.api.error.InvalidDefinitionException}; a broken document never yields a
 * contract. Keys the standard does not define are warnings, each with the nearest key it does
 * define ("did you mean 'required'?"): they are kept in the {@code extensions} of the element they
 * belong to and written back; a {@linkplain OdcsReader#strict() strict} reader refuses them. YAML
 * anchors, aliases and merge keys ({@code <<}) are resolved as YAML defines them; an alias before
 * its anchor is refused with its line and column. Documents are held to {@link DocumentLimits} (16 MiB,
 * values of 1 MiB, YAML lines of 64 KiB, 64 levels by default) before and while they are parsed.
 *
 * <p>Writing puts the fields in the order of the standard's examples and leaves out empty and
 * default values, except the defaults the author wrote ({@code required: false}), which a contract
 * read from a document remembers. Reading what was written gives an equal contract. Values of free
 * form (custom property values, examples, arguments, operator values, logical type options) are
 * plain Java values: {@code String}, {@code Boolean}, {@code List}, {@code Map}, null, and numbers
 * as written: {@code Long} for integers (a {@code BigDecimal} of scale 0 beyond the long range) and
 * {@code BigDecimal} with the written scale otherwise, so {@code 1.0} reads, and is written back, as
 * {@code 1.0}; a decimal read from a document is written back in the form written ({@code 1e3}).
 *
 * <pre>{@code
 * DataContract contract = OdcsCodec.read(Path.of("orders.odcs.yaml"));
 * String yaml = OdcsCodec.toYaml(contract);
 * assert OdcsCodec.readYaml(yaml).equals(contract);
 * }</pre>
 */
public final class OdcsCodec {
    private static final JsonFactory YAML_OUT = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .stringQuotingChecker(new Quoting())
            .build();
    private static final JsonFactory JSON_OUT = new JsonFactory();

    private OdcsCodec() {
    }

    /**
     * @return the lenient reader with the default {@link DocumentLimits}, to read with warnings, or to
     *     make a {@linkplain OdcsReader#strict() strict} reader or one with other limits
     */
    public static OdcsReader reader() {
        return OdcsReader.defaults();
    }

    /**
     * Reads a contract from ODCS YAML with the {@linkplain #reader() default reader}, logging its
     * warnings.
     *
     * @param yaml the document
     * @return the contract
     * @throws InvalidDefinitionException listing every problem if the text is not valid YAML or
     *     not a valid ODCS v3.1.0 or v3.0.x contract
     */
    public static DataContract readYaml(String yaml) {
        return reader().readYaml(yaml).contract();
    }

    /**
     * Reads a contract from ODCS JSON with the {@linkplain #reader() default reader}, logging its
     * warnings.
     *
     * @param json the document
     * @return the contract
     * @throws InvalidDefinitionException listing every problem if the text is not valid JSON or
     *     not a valid ODCS v3.1.0 or v3.0.x contract
     */
    public static DataContract readJson(String json) {
        return reader().readJson(json).contract();
    }

    /**
     * Reads a contract from a file, as JSON if its name ends in {@code .json}, otherwise as YAML,
     * with the {@linkplain #reader() default reader}, logging its warnings.
     *
     * @param file the file, in UTF-8
     * @return the contract
     * @throws InvalidDefinitionException listing every problem of the document, naming the file
     * @throws DataProductException if the file cannot be read
     */
    public static DataContract read(Path file) {
        return reader().read(file).contract();
    }

    /**
     * Writes a contract as ODCS YAML. An empty {@code apiVersion} is written as
     * {@value DataContract#CURRENT_API_VERSION}, an empty {@code kind} as {@code DataContract}.
     *
     * @param contract the contract
     * @return the YAML document
     * @throws IllegalArgumentException if a free-form value is not a plain Java value
     */
    public static String toYaml(DataContract contract) {
        return write(YAML_OUT, contract, false);
    }

    /**
     * Writes a contract as ODCS JSON, indented. Defaults as in {@link #toYaml(DataContract)}.
     *
     * @param contract the contract
     * @return the JSON document
     * @throws IllegalArgumentException if a free-form value is not a plain Java value
     */
    public static String toJson(DataContract contract) {
        return write(JSON_OUT, contract, true);
    }

    /**
     * Writes a contract to a file, as JSON if its name ends in {@code .json}, otherwise as YAML.
     *
     * @param contract the contract
     * @param file the file, written in UTF-8 and replaced if it exists
     * @throws DataProductException if the file cannot be written
     */
    public static void write(DataContract contract, Path file) {
        String text = Syntax.of(file) == Syntax.JSON ? toJson(contract) : toYaml(contract);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new DataProductException("Cannot write the ODCS contract " + file + ": " + e.getMessage(), e);
        }
    }

    private static String write(JsonFactory factory, DataContract contract, boolean indent) {
        Objects.requireNonNull(contract, "contract");
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = factory.createGenerator(out)) {
            if (indent) {
                DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
                gen.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                        .withObjectIndenter(indenter).withArrayIndenter(indenter));
            }
            TreeWriter.write(gen, ContractWriter.contract(contract));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indent ? out + "\n" : out.toString();
    }

    /**
     * Quotes, besides what Jackson quotes, exactly the text that a YAML reader would take for
     * something else: what the ODCS reader resolves to a number, boolean or null ({@code 1E3},
     * {@code 0x1F}, {@code 1_000}, {@code yes}), and what other YAML 1.1 readers take for a float,
     * a sexagesimal number or a date ({@code .inf}, {@code 1:20}, {@code 2022-08-02}). Other text,
     * such as a version {@code 1.0.0}, stays plain as authors write it.
     */
    private static final class Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final java.util.regex.Pattern OTHER_READERS = java.util.regex.Pattern.compile(
                "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|0o[0-7]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                        + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || name.equals("<<"); // plain, it would be a merge key
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !(YamlSource.resolve(value) instanceof String)
                    || OTHER_READERS.matcher(value).matches();
        }
    }
}
