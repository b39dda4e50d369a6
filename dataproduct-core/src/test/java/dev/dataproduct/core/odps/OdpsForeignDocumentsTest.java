package dev.dataproduct.core.odps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ODPS documents in the shapes other tools write, written by hand after the standard's documented
 * examples: each is valid against the official schema, the SDK reads it, and writing it back loses
 * no field.
 */
class OdpsForeignDocumentsTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    static Stream<String> documents() {
        return Stream.of("01-minimal.odps.yaml", "02-uuid-id.odps.yaml", "03-v0.9.0.odps.yaml",
                "04-port-versions.odps.yaml", "05-input-contracts.odps.yaml", "06-sbom.odps.yaml",
                "07-management-ports.odps.yaml", "08-custom-properties.odps.yaml",
                "09-authoritative-definitions.odps.yaml", "10-support-channels.odps.yaml",
                "11-team-any-roles.odps.yaml", "12-owner-without-email.odps.yaml",
                "13-with-sdk-metadata.odps.yaml", "14-everything.odps.json");
    }

    private static String resource(String name) {
        return OdpsTestDocuments.foreign(name);
    }

    private static boolean isJson(String name) {
        return name.endsWith(".json");
    }

    private static JsonNode tree(String name, String text) throws IOException {
        return (isJson(name) ? JSON : YAML).readTree(text);
    }

    private static OdpsDocument read(String name) {
        String text = resource(name);
        return isJson(name) ? OdpsCodec.readJson(text, id -> null) : OdpsCodec.readYaml(text, id -> null);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void eachTestDocumentIsValidAgainstTheOfficialSchema(String name) throws IOException {
        JsonNode doc = tree(name, resource(name));
        assertEquals(List.of(), OfficialOdpsSchema.violations(JSON.writeValueAsString(doc),
                doc.path("apiVersion").asText()), name);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsTheDocumentAndWritesBackEveryFieldAsYamlAndJson(String name) throws IOException {
        JsonNode original = tree(name, resource(name));
        OdpsDocument doc = read(name);
        assertEquals(original, YAML.readTree(OdpsCodec.toYaml(doc)), name);
        assertEquals(original, JSON.readTree(OdpsCodec.toJson(doc)), name);
        assertEquals(original.path("id").asText(), doc.id());
        assertEquals(original.path("apiVersion").asText(), doc.apiVersion());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readingTheWrittenDocumentAgainGivesTheSameViewAndNotes(String name) {
        OdpsDocument doc = read(name);
        OdpsDocument again = OdpsCodec.readYaml(OdpsCodec.toYaml(doc), id -> null);
        assertEquals(doc, again, name);
    }

    @Test
    void aMinimalDocumentIsReadWithDefaultsAndANoteForEachMissingPieceOfSdkMetadata() {
        OdpsDocument doc = read("01-minimal.odps.yaml");
        ProductDescriptor d = doc.descriptor();
        assertEquals("urn:dataproduct:unassigned:shipments-feed:v0", d.address());
        assertEquals("shipments-feed", d.name());
        assertEquals("0.0.0", d.version());
        assertEquals(Alignment.SOURCE, d.alignment());
        assertEquals(QualityTier.BRONZE, d.qualityTier());
        assertEquals(4, d.supportTier());
        assertEquals("foundational", d.kind());
        assertEquals(ProductStatus.DRAFT, d.status());
        assertEquals(OdpsReader.UNKNOWN_OWNER, d.owner());
        List<String> paths = doc.notes().stream().map(OdpsNote::path).toList();
        assertEquals(List.of("$.version", "$.domain", "$.id", "$.name", "$.description.purpose",
                "$.customProperties[alignment]", "$.customProperties[qualityTier]",
                "$.customProperties[supportTier]", "$.status", "$.team"), paths);
        assertTrue(doc.notes().get(2).message().contains("'shipments-feed' is not an SDK address"),
                doc.notes().toString());
    }

    @Test
    void aUuidIdIsKeptAndTheAddressIsDerivedFromDomainNameAndMajorVersion() {
        OdpsDocument doc = read("02-uuid-id.odps.yaml");
        assertEquals("5d0c6a52-9a57-4b0e-8f35-2f2b7c1de0aa", doc.id());
        assertEquals("urn:dataproduct:sales-marketing:customer-360-view:v0", doc.descriptor().address());
        assertEquals("Customer 360 View", doc.descriptor().name());
        assertEquals("sales & marketing", doc.descriptor().domain());
        assertEquals(List.of("customer", "crm", "gold-source"), doc.descriptor().tags());
        assertEquals("One consolidated record per customer.", doc.descriptor().purpose());
        assertEquals(ProductStatus.ACTIVE, doc.descriptor().status());
    }

    @Test
    void everyVersionOfAnOutputPortIsKeptWithItsContract() {
        ProductDescriptor d = read("04-port-versions.odps.yaml").descriptor();
        String port = "urn:dataproduct:finance:payments-ledger:v2:port:transactions";
        assertEquals(List.of(
                new PortEntry("transactions", port, "tables", "", "", "payments-transactions-contract", "1.0.0"),
                new PortEntry("transactions", port, "tables", "", "", "payments-transactions-contract", "2.0.0"),
                new PortEntry("transactions", port, "topic", "", "", "payments-transactions-stream-contract", "2.1.0")),
                d.outputPorts());
    }

    @Test
    void inputPortsOfAForeignDocumentKeepTheirContractsAndVersions() {
        ProductDescriptor d = read("05-input-contracts.odps.yaml").descriptor();
        assertEquals(List.of("0b9d2a8e-5c6f-4a71-b3d4-1e2f3a4b5c6d@3.0.0", "forecast-daily@1.1.0"),
                d.inputPorts().stream().map(p -> p.contractId() + "@" + p.version()).toList());
    }

    @Test
    void authoritativeDefinitionsBecomeLinksTitledByTheirDescriptionOrType() {
        ProductDescriptor d = read("09-authoritative-definitions.odps.yaml").descriptor();
        assertEquals(new Link("What counts as a product.", URI.create("https://wiki.example.com/product-master")),
                d.links().get(0));
        assertEquals(List.of("What counts as a product.", "transformationImplementation", "videoTutorial",
                "tutorial", "implementation"), d.links().stream().map(Link::title).toList());
    }

    @Test
    void managementPortsOfEveryContentAreRead() {
        ProductDescriptor d = read("07-management-ports.odps.yaml").descriptor();
        assertEquals(List.of("discoverability", "observability", "control", "dictionary"),
                d.managementPorts().stream().map(m -> m.content()).toList());
        assertEquals("topic", d.managementPorts().get(1).type());
    }

    @Test
    void aTeamWithoutAnOwnerRoleIsMissingSdkMetadataNotAnInvalidDocument() {
        OdpsDocument doc = read("11-team-any-roles.odps.yaml");
        assertEquals(OdpsReader.UNKNOWN_OWNER, doc.descriptor().owner());
        assertEquals(ProductStatus.DEPRECATED, doc.descriptor().status());
        assertTrue(doc.notes().stream().anyMatch(n -> n.path().equals("$.team")
                && n.message().contains("role owner")), doc.notes().toString());
    }

    @Test
    void anOwnerKnownOnlyByUserNameIsNotedAndTheOwnerRoleMatchesInAnyCase() {
        OdpsDocument doc = read("12-owner-without-email.odps.yaml");
        assertEquals(OdpsReader.UNKNOWN_OWNER, doc.descriptor().owner());
        assertTrue(doc.notes().stream().anyMatch(n -> n.path().equals("$.team[0]")
                && n.message().contains("'jdoe' is not an e-mail address")), doc.notes().toString());
    }

    @Test
    void sdkMetadataGivenByAnotherToolIsUsedAndOnlyTheAddressIsNoted() {
        OdpsDocument doc = read("13-with-sdk-metadata.odps.yaml");
        ProductDescriptor d = doc.descriptor();
        assertEquals(Alignment.AGGREGATE, d.alignment());
        assertEquals(QualityTier.GOLD, d.qualityTier());
        assertEquals(2, d.supportTier());
        assertEquals("ana.ruiz@example.com", d.owner().email());
        assertEquals("urn:dataproduct:retail:customer-orders:v2", d.address());
        assertEquals(List.of("$.id", "$.outputPorts[0].contractId"),
                doc.notes().stream().map(OdpsNote::path).toList());
    }

    @Test
    void anSdkValueTheSdkDoesNotKnowIsNotedWithTheAllowedValues() {
        OdpsDocument doc = read("14-everything.odps.json");
        assertEquals(QualityTier.BRONZE, doc.descriptor().qualityTier());
        assertTrue(doc.notes().stream().anyMatch(n -> n.path().equals("$.customProperties[qualityTier]")
                && n.message().contains("'platinum' is not one of [bronze, silver, gold]")), doc.notes().toString());
        assertEquals("Kim Sato", doc.descriptor().owner().name());
        assertEquals(List.of("2.0.0", "3.0.0"), doc.descriptor().inputPorts().stream().map(PortEntry::version).toList());
    }
}
