package dev.dataproduct.ports.http.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
    static GraphLayout.Node node(String id, String domain) {
        return new GraphLayout.Node(id, id, domain, Optional.empty(), false);
    }

    @Test
    void placesAProductAfterEveryProductItReads() {
        List<GraphLayout.Edge> edges = List.of(new GraphLayout.Edge("a", "b"), new GraphLayout.Edge("b", "c"),
                new GraphLayout.Edge("a", "c"), new GraphLayout.Edge("d", "c"));
        Map<String, Integer> layer = GraphLayout.layers(new LinkedHashSet<>(List.of("c", "b", "a", "d")), edges);
        assertEquals(0, layer.get("a"));
        assertEquals(1, layer.get("b"));
        assertEquals(2, layer.get("c"));
        assertEquals(0, layer.get("d"));
    }

    @Test
    void endsOnACycle() {
        List<GraphLayout.Edge> edges = List.of(new GraphLayout.Edge("a", "b"), new GraphLayout.Edge("b", "a"));
        Map<String, Integer> layer = GraphLayout.layers(new LinkedHashSet<>(List.of("a", "b")), edges);
        assertEquals(2, layer.size());
    }

    @Test
    void groupsProductsInOneBandPerDomain() {
        String svg = GraphLayout.svg("g", "map", List.of(node("a", "retail"), node("b", "retail"),
                node("c", "finance")), List.of(new GraphLayout.Edge("a", "c"), new GraphLayout.Edge("x", "a")));
        assertEquals(2, SvgChartTest.count(svg, "<g class=\"domain\""));
        assertEquals(3, SvgChartTest.count(svg, "<g class=\"node\""));
        assertEquals(1, SvgChartTest.count(svg, "<path class=\"edge\""), "an edge to an unknown product is left out");
        assertTrue(svg.indexOf("data-domain=\"finance\"") < svg.indexOf("data-domain=\"retail\""));
    }
}
