package dev.dataproduct.core.odps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.descriptor.DescriptorYaml;
import dev.dataproduct.core.yaml.DocumentLimits;
import dev.dataproduct.core.yaml.SourceParser.Syntax;
import dev.dataproduct.core.yaml.SourceParser;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a product's descriptor as an Open Data Product Standard (ODPS) v1.0.0 document and reads
 * any document valid against the official ODPS schema (v1.0.0, and v0.9.0), whichever tool wrote it.
 *
 * <p><b>Writing.</b> {@code id} is the product's address; {@code description.purpose} its purpose
 * and {@code description.usage} its description; {@code team} holds the owner with role
 * {@code owner}; each output port names the output contract by {@code contractId} and
 * {@code version}; an input port that reads another product names that product's contract and
 * version, any other input port names itself. Links whose title is an ODPS definition type
 * ({@code businessDefinition}, {@code tutorial}, ...) are {@code authoritativeDefinitions}. What
 * ODPS has no field for goes to {@code customProperties}: {@code alignment}, {@code kind},
 * {@code pattern}, {@code qualityTier}, {@code supportTier}, other {@code links},
 * {@code outputContract} (the id and version of the output contract, named even when no output
 * port serves it yet), and
 * {@code inputPortDetails}/{@code outputPortDetails} (each port's address, kind, format and
 * location). The result validates against the official v1.0.0 schema.
 *
 * <p><b>Reading.</b> Only a document that breaks the ODPS schema is invalid: an
 * {@link InvalidDefinitionException} lists every violation at once, each with its JSON path. What
 * the SDK needs and a valid document does not say is missing SDK metadata, reported as an
 * {@link OdpsNote} with the default taken:
 * <ul>
 *   <li>an {@code id} that is not an SDK address (a UUID, any string): the address is derived from
 *       domain, name and major version, lower-cased with other characters as {@code -}, and the
 *       document's id is kept ({@link OdpsDocument#id()});</li>
 *   <li>no {@code domain}: {@code unassigned}; no {@code name}: taken from the id; no
 *       {@code version}: {@code 0.0.0};</li>
 *   <li>no {@code alignment}, {@code qualityTier} or {@code supportTier} custom property:
 *       {@code source}, {@code bronze}, {@code 4}; no {@code kind}: {@code foundational} (no
 *       note);</li>
 *   <li>no team member with role {@code owner}, or one whose username is no e-mail address: the
 *       owner {@code unknown owner <owner@unknown.invalid>};</li>
 *   <li>a status other than draft, active, deprecated, retired (such as {@code proposed}):
 *       {@code draft};</li>
 *   <li>an output contract the lookup does not find: its datasets are left out.</li>
 * </ul>
 * Every field of the document, modelled or not, is kept in {@link OdpsDocument#tree()}, and
 * {@link #toJson(OdpsDocument)} writes it back unchanged.
 *
 * <pre>{@code
 * OdpsDocument doc = OdpsCodec.readYaml(yaml, contractId -> registry.find(contractId));
 * doc.notes().forEach(n -> log.info("missing SDK metadata: {}", n));
 * ProductDescriptor view = doc.descriptor();
 * String same = OdpsCodec.toYaml(doc);     // every field of the original
 * }</pre>
 */
public final class OdpsCodec {
    /** The ODPS version written. */
    public static final String API_VERSION = "v1.0.0";
    /** The ODPS versions read. */
    public static final List<String> API_VERSIONS = OdpsSchema.API_VERSIONS;

    private static final String KIND = "an ODPS document";
    /** The custom property holding a product's metric definitions. */
    public static final String METRICS = "metrics";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(DescriptorYaml.factory()).build();

    private OdpsCodec() {
    }

    /**
     * @param product a product
     * @return its ODPS document as the SDK writes it, with nothing missing
     */
    public static OdpsDocument document(DataProduct product) {
        ProductDescriptor d = product.describe();
        return new OdpsDocument(d.address(), API_VERSION, d, List.of(), tree(product));
    }

    /**
     * The product's tree; a product with metric definitions carries them as the custom property
     * {@code metrics} (ODPS has no field for them; readers that do not know it ignore it).
     */
    private static com.fasterxml.jackson.databind.node.ObjectNode tree(DataProduct product) {
        com.fasterxml.jackson.databind.node.ObjectNode root = OdpsWriter.tree(product.describe(), product.contract());
        if (!product.semanticModels().isEmpty()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("customProperties")).addObject()
                    .put("property", METRICS)
                    .set("value", JSON.valueToTree(product.semanticModels().stream()
                            .map(dev.dataproduct.core.metric.MetricDefinitions::tree).toList()));
        }
        return root;
    }

    /**
     * @param product a product
     * @return its ODPS document as YAML
     */
    public static String toYaml(DataProduct product) {
        return write(YAML, tree(product));
    }

    /**
     * @param product a product
     * @return its ODPS document as JSON
     */
    public static String toJson(DataProduct product) {
        return write(JSON, tree(product));
    }

    /**
     * @param document a document read or made by this codec
     * @return the document as YAML, every field it had kept
     */
    public static String toYaml(OdpsDocument document) {
        return write(YAML, document.tree());
    }

    /**
     * @param document a document read or made by this codec
     * @return the document as JSON, every field it had kept
     */
    public static String toJson(OdpsDocument document) {
        return write(JSON, document.tree());
    }

    /**
     * Reads YAML as YAML defines it (anchors, aliases and merge keys resolved; an alias before its
     * anchor refused with its line and column), held to the default {@link DocumentLimits}.
     *
     * @param yaml an ODPS document, written by the SDK or any other tool
     * @param contracts finds an output contract by its id; may return {@code null} for one it does not know
     * @return the document with its typed view and notes about missing SDK metadata
     * @throws InvalidDefinitionException listing every way the document breaks the ODPS schema, with
     *     JSON paths, or why it cannot be parsed (a syntax error, a key given twice, a limit exceeded),
     *     with its line
     */
    public static OdpsDocument readYaml(String yaml, Function<String, DataContract> contracts) {
        return read(Syntax.YAML, yaml, "in YAML", contracts, DocumentLimits.defaults());
    }

    /**
     * @param json an ODPS document, written by the SDK or any other tool
     * @param contracts finds an output contract by its id; may return {@code null} for one it does not know
     * @return the document with its typed view and notes about missing SDK metadata
     * @throws InvalidDefinitionException listing every way the document breaks the ODPS schema, with JSON paths
     */
    public static OdpsDocument readJson(String json, Function<String, DataContract> contracts) {
        return read(Syntax.JSON, json, "in JSON", contracts, DocumentLimits.defaults());
    }

    /**
     * Reads a file as JSON if its name ends in {@code .json}, otherwise as YAML, with the default
     * {@link DocumentLimits}.
     *
     * @param file an ODPS document in UTF-8
     * @param contracts finds an output contract by its id; may return {@code null} for one it does not know
     * @return the document with its typed view and notes about missing SDK metadata
     * @throws InvalidDefinitionException as {@link #readYaml}, naming the file; also for a file that
     *     is not UTF-8, naming the byte offset of the first bad byte
     * @throws dev.dataproduct.api.error.DataProductException if the file cannot be read
     */
    public static OdpsDocument read(Path file, Function<String, DataContract> contracts) {
        return read(file, contracts, DocumentLimits.defaults());
    }

    /**
     * As {@link #read(Path, Function)}, held to the given limits.
     *
     * @param file an ODPS document in UTF-8
     * @param contracts finds an output contract by its id; may return {@code null} for one it does not know
     * @param limits the limits on size and shape
     * @return the document with its typed view and notes about missing SDK metadata
     * @throws InvalidDefinitionException as {@link #read(Path, Function)}
     * @throws dev.dataproduct.api.error.DataProductException if the file cannot be read
     */
    public static OdpsDocument read(Path file, Function<String, DataContract> contracts, DocumentLimits limits) {
        String text = SourceParser.readFile(file, limits, KIND + " " + file);
        return read(Syntax.of(file), text, file.toString(), contracts, limits);
    }

    /**
     * The typed view alone of {@link #readYaml}, defaults taken where SDK metadata is missing.
     *
     * @param yaml an ODPS document
     * @param contracts finds an output contract by its id; may return {@code null}
     * @return the product descriptor, with datasets from the contracts found
     * @throws InvalidDefinitionException listing every way the document breaks the ODPS schema
     */
    public static ProductDescriptor fromYaml(String yaml, Function<String, DataContract> contracts) {
        return readYaml(yaml, contracts).descriptor();
    }

    /**
     * The typed view alone of {@link #readJson}, defaults taken where SDK metadata is missing.
     *
     * @param json an ODPS document
     * @param contracts finds an output contract by its id; may return {@code null}
     * @return the product descriptor, with datasets from the contracts found
     * @throws InvalidDefinitionException listing every way the document breaks the ODPS schema
     */
    public static ProductDescriptor fromJson(String json, Function<String, DataContract> contracts) {
        return readJson(json, contracts).descriptor();
    }

    private static String write(ObjectMapper mapper, JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an ODPS document", e);
        }
    }

    private static OdpsDocument read(Syntax syntax, String text, String source,
                                     Function<String, DataContract> contracts, DocumentLimits limits) {
        String subject = KIND + " " + source;
        JsonNode root = SourceParser.parseClean(syntax, text, limits, KIND, subject).tree();
        List<String> violations = OdpsSchema.violations(root);
        if (!violations.isEmpty()) {
            throw new InvalidDefinitionException(subject + " (schema " + API_VERSIONS + ")",
                    violations);
        }
        return OdpsReader.read((ObjectNode) root, contracts);
    }
}
