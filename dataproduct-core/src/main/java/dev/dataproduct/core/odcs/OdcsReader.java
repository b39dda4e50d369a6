package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.core.yaml.DocumentLimits;
import dev.dataproduct.core.yaml.ParsedSource;
import dev.dataproduct.core.yaml.SourceException;
import dev.dataproduct.core.yaml.SourceParser.Syntax;
import dev.dataproduct.core.yaml.SourceParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ODCS contracts with chosen settings: lenient (the default) or {@linkplain #strict() strict}
 * about keys the standard does not define, and within {@linkplain #limits(DocumentLimits) limits} on
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
    private static final OdcsReader DEFAULT = new OdcsReader(false, DocumentLimits.defaults());

    private final boolean strict;
    private final DocumentLimits limits;

    private OdcsReader(boolean strict, DocumentLimits limits) {
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
    public OdcsReader limits(DocumentLimits limits) {
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
        String text = SourceParser.readFile(file, limits, "ODCS contract " + source);
        return read(Syntax.of(file), text, source);
    }

    private OdcsReadResult read(Syntax syntax, String text, String source) {
        String subject = "ODCS contract " + source;
        Problems problems = new Problems(strict);
        ParsedSource parsed;
        try {
            parsed = SourceParser.parse(syntax, text, limits, "an ODCS contract");
        } catch (SourceException e) {
            throw new InvalidDefinitionException(subject, List.of(e.getMessage()));
        }
        problems.source(parsed);
        DataContract contract = ContractReader.read(parsed.root(), problems);
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
