package dev.dataproduct.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The bill of materials names every module users depend on, at the build's version. */
class BomTest {
    /** Modules of the reactor that are not published for users. */
    private static final Set<String> NOT_PUBLISHED = Set.of("samples", "benchmarks", "dataproduct-bom");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomManagesEveryPublishedModuleAtTheBuildVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("dataproduct-bom/pom.xml"));
        assertEquals(text(parent.getDocumentElement(), "version"), text(bom.getDocumentElement(), "version"),
                "the BOM's version must be the build's version");

        Set<String> published = new TreeSet<>();
        collectPublished(ROOT, parent, published);
        assertTrue(published.contains("dataproduct-core") && published.contains("dataproduct-ports-files"),
                "the reactor's modules, nested ones included, were read: " + published);
        Set<String> managed = new TreeSet<>();
        for (Element d : managedDependencies(bom)) {
            if (text(d, "groupId").equals("dev.dataproduct")) {
                assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
                managed.add(text(d, "artifactId"));
            }
        }
        assertEquals(published, managed, "the BOM must list exactly the published modules");
    }

    @Test
    void bomPinsTheArrowMemoryImplementationToTheSdksArrowVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("dataproduct-bom/pom.xml"));
        assertEquals(property(parent, "arrow.version"), property(bom, "arrow.version"));
        assertTrue(managedDependencies(bom).stream().anyMatch(d -> text(d, "artifactId").equals("arrow-memory-netty")
                && text(d, "version").equals("${arrow.version}")));
    }

    /**
     * Adds the artifact ids of the modules an aggregator lists, descending into nested aggregators
     * (dataproduct-ports holds one module per port technology); an aggregator itself is not published.
     */
    private static void collectPublished(Path dir, Document aggregator, Set<String> published) throws Exception {
        NodeList modules = aggregator.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Path moduleDir = dir.resolve(modules.item(i).getTextContent().strip());
            Document pom = read(moduleDir.resolve("pom.xml"));
            if (pom.getElementsByTagName("modules").getLength() > 0) {
                collectPublished(moduleDir, pom, published);
                continue;
            }
            String module = text(pom.getDocumentElement(), "artifactId");
            if (!NOT_PUBLISHED.contains(module) && !deploySkipped(pom)) {
                published.add(module);
            }
        }
    }

    /** A test-only module (interop/spark-readback) declares that it is never deployed. */
    private static boolean deploySkipped(Document pom) {
        NodeList skip = pom.getElementsByTagName("maven.deploy.skip");
        return skip.getLength() > 0 && skip.item(0).getTextContent().strip().equals("true");
    }

    private static Document read(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom + " exists");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static List<Element> managedDependencies(Document pom) {
        List<Element> out = new ArrayList<>();
        Element management = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
        NodeList deps = management.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            out.add((Element) deps.item(i));
        }
        return out;
    }

    private static String property(Document pom, String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().strip();
    }

    /** The text of a direct child element. */
    private static String text(Element parent, String child) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + child + ">");
    }
}
