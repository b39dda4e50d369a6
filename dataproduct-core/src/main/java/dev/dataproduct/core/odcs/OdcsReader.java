package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.core.odcs.SourceParser.Syntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ODCS contracts with chosen settings: lenient (the default) or {@linkplain #strict() strict}
 * about keys the standard does not define, and within {@linkplain #limits(OdcsLimits) limits} on
 * size and shape. Each read returns the contract with its warnings, which are also logged at WARN.
 * A reader is immutable and can be shared.
 *
 * <pre>{@code
 * OdcsReadResult result = OdcsCodec.reader().read(Path.of("orders.odcs.yaml"));
 * result.warnings().forEach(System.out::println);   // "schema[0].properties[2]: 'requird' is not a
 *                                                    // field of ODCS here; did you mean 'required'? ..."
 * DataContract contract = OdcsCodec.reader().strict().read(Path.of("orders.odcs.yaml")).contract();
 * }</pre>
 */
public final class OdcsReader {
    private static final Logger LOG = LoggerFactory.getLogger(OdcsReader.class);
    private static final OdcsReader DEFAULT = new OdcsReader(false, OdcsLimits.defaults());

    private final boolean strict;
    private final OdcsLimits limits;

    private OdcsReader(boolean strict, OdcsLimits limits) {
        this.strict = strict;
        this.limits = limits;
    }

    /** @return the lenient reader with the default limits */
    static OdcsReader defaults() {
        return DEFAULT;
    }

    /**
     * @return a reader that refuses keys the standard does not define (custom data belongs under
     *     {@code customProperties}), listing each with the nearest key it does define
     */
    public OdcsReader strict() {
        return new OdcsReader(true, limits);
    }

    /**
     * @param limits the limits on size and shape to hold documents to
     * @return a reader with those limits
     */
    public OdcsReader limits(OdcsLimits limits) {
        return new OdcsReader(strict, Objects.requireNonNull(limits, "limits"));
    }

    /**
     * @param yaml the document
     * @return the contract and the warnings about it
     * @throws InvalidDefinitionException listing every problem if the text is not valid YAML, not a
     *     valid ODCS v3.1.0 or v3.0.x contract, exceeds a limit, or (strict) has unknown keys
     */
    public OdcsReadResult readYaml(String yaml) {
        return read(Syntax.YAML, Objects.requireNonNull(yaml, "yaml"), "(YAML text)");
    }

    /**
     * @param json the document
     * @return the contract and the warnings about it
     * @throws InvalidDefinitionException as {@link #readYaml(String)}
     */
    public OdcsReadResult readJson(String json) {
        return read(Syntax.JSON, Objects.requireNonNull(json, "json"), "(JSON text)");
    }

    /**
     * Reads a file as JSON if its name ends in {@code .json}, otherwise as YAML. Its size is checked
     * before it is read.
     *
     * @param file the file, in UTF-8
     * @return the contract and the warnings about it
     * @throws InvalidDefinitionException as {@link #readYaml(String)}, naming the file; also for
     *     a file that is not UTF-8, naming the byte offset
     * @throws DataProductException if the file cannot be read
     */
    public OdcsReadResult read(Path file) {
        String source = file.toString();
        String text;
        try {
            SourceParser.checkSize(Files.size(file), limits);
            text = Utf8.decode(Files.readAllBytes(file));
        } catch (SourceException e) {
            throw new InvalidDefinitionException("ODCS contract " + source, List.of(e.getMessage()));
        } catch (IOException e) {
            throw new DataProductException("Cannot read the ODCS contract " + file + ": " + e
                    + "; check that the file exists and is readable", e);
        }
        return read(isJson(file) ? Syntax.JSON : Syntax.YAML, text, source);
    }

    static boolean isJson(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private OdcsReadResult read(Syntax syntax, String text, String source) {
        String subject = "ODCS contract " + source;
        Problems problems = new Problems(strict);
        Object root;
        try {
            root = SourceParser.parse(syntax, text, problems, limits);
        } catch (SourceException e) {
            throw new InvalidDefinitionException(subject, List.of(e.getMessage()));
        }
        DataContract contract = ContractReader.read(root, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(subject, problems.messages());
        }
        List<String> warnings = problems.warnings();
        for (String warning : warnings) {
            LOG.warn("{}: {}", subject, warning);
        }
        return new OdcsReadResult(contract, warnings);
    }
}
