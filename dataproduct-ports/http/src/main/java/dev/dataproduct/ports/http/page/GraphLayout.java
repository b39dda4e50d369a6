package dev.dataproduct.ports.http.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays out a graph of products as SVG: layered by dependency (a product stands in the column after
 * every product it reads, left to right) and grouped by domain (one horizontal band per domain).
 * Used for a product's lineage and for the interaction map of the whole mesh.
 */
final class GraphLayout {
    private static final int NODE_W = 170;
    private static final int NODE_H = 30;
    private static final int COL_GAP = 60;
    private static final int ROW_GAP = 12;
    private static final int BAND_PAD = 10;
    private static final int LABEL_W = 90;
    private static final String[] COLOURS = {"#2f6fd0", "#1b7f3b", "#9a6700", "#8e3ab8", "#b3261e", "#00838f"};

    /**
     * A product in the graph.
     *
     * @param id its address
     * @param label what is written in its box
     * @param domain its domain, its band
     * @param href where its box links to, if anywhere
     * @param focus whether it is the product the page is about
     */
    record Node(String id, String label, String domain, Optional<String> href, boolean focus) {
        Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(href, "href");
        }
    }

    /** An edge from the product read to the product reading it. */
    record Edge(String from, String to) {
    }

    private GraphLayout() {
    }

    /**
     * @param id the graph's id in {@code data-graph}
     * @param title its accessible name
     * @param nodes the products, each once
     * @param edges who reads whom; edges naming an unknown product are left out
     * @return the SVG
     */
    static String svg(String id, String title, List<Node> nodes, List<Edge> edges) {
        Map<String, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.putIfAbsent(n.id(), n));
        List<Edge> kept = edges.stream().filter(e -> byId.containsKey(e.from()) && byId.containsKey(e.to())
                && !e.from().equals(e.to())).distinct().toList();
        Map<String, Integer> layer = layers(byId.keySet(), kept);
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        // one band per domain, as tall as its fullest column
        Map<String, List<Node>> byDomain = new TreeMap<>();
        byId.values().forEach(n -> byDomain.computeIfAbsent(n.domain(), d -> new ArrayList<>()).add(n));
        Map<String, double[]> at = new HashMap<>();
        StringBuilder bands = new StringBuilder();
        StringBuilder boxes = new StringBuilder();
        double y = 8;
        int colour = 0;
        int width = LABEL_W + layers * (NODE_W + COL_GAP);
        for (Map.Entry<String, List<Node>> d : byDomain.entrySet()) {
            String c = COLOURS[colour++ % COLOURS.length];
            int[] filled = new int[layers];
            List<Node> members = new ArrayList<>(d.getValue());
            members.sort((a, b) -> a.label().compareTo(b.label()));
            for (Node n : members) {
                int l = layer.get(n.id());
                int row = filled[l]++;
                at.put(n.id(), new double[] {LABEL_W + l * (NODE_W + COL_GAP),
                        y + BAND_PAD + row * (NODE_H + ROW_GAP)});
            }
            int rows = 0;
            for (int f : filled) {
                rows = Math.max(rows, f);
            }
            double h = BAND_PAD * 2 + rows * NODE_H + (rows - 1) * ROW_GAP;
            bands.append("<g class=\"domain\" data-domain=\"").append(Html.esc(d.getKey())).append("\">")
                    .append("<rect class=\"domain-band\" x=\"2\" y=\"").append(Html.num(y)).append("\" width=\"")
                    .append(width - 4).append("\" height=\"").append(Html.num(h)).append("\" fill=\"").append(c)
                    .append("\" stroke=\"").append(c).append("\"/>")
                    .append("<text x=\"8\" y=\"").append(Html.num(y + 18)).append("\" font-weight=\"600\">")
                    .append(Html.esc(d.getKey())).append("</text>");
            for (Node n : members) {
                double[] p = at.get(n.id());
                String box = "<rect x=\"" + Html.num(p[0]) + "\" y=\"" + Html.num(p[1]) + "\" width=\"" + NODE_W
                        + "\" height=\"" + NODE_H + "\" fill=\"" + (n.focus() ? "#fff3c4" : "#ffffff") + "\"/>"
                        + "<text x=\"" + Html.num(p[0] + 8) + "\" y=\"" + Html.num(p[1] + 19) + "\">"
                        + Html.esc(n.label().length() > 26 ? n.label().substring(0, 25) + "\u2026" : n.label())
                        + "</text><title>" + Html.esc(n.id()) + "</title>";
                bands.append("<g class=\"node\" data-node=\"").append(Html.esc(n.id())).append('"')
                        .append(n.focus() ? " data-focus=\"true\"" : "").append('>');
                if (n.href().isPresent()) {
                    bands.append("<a href=\"").append(Html.esc(n.href().get())).append("\">").append(box)
                            .append("</a>");
                } else {
                    bands.append(box);
                }
                bands.append("</g>");
            }
            bands.append("</g>");
            y += h + 8;
        }
        for (Edge e : kept) {
            double[] a = at.get(e.from());
            double[] b = at.get(e.to());
            double x1 = a[0] + NODE_W;
            double y1 = a[1] + NODE_H / 2.0;
            double x2 = b[0];
            double y2 = b[1] + NODE_H / 2.0;
            double mid = (x1 + x2) / 2;
            boxes.append("<path class=\"edge\" data-from=\"").append(Html.esc(e.from())).append("\" data-to=\"")
                    .append(Html.esc(e.to())).append("\" marker-end=\"url(#arrow-").append(Html.esc(id))
                    .append(")\" d=\"M").append(Html.num(x1)).append(' ').append(Html.num(y1)).append(" C")
                    .append(Html.num(mid)).append(' ').append(Html.num(y1)).append(' ').append(Html.num(mid))
                    .append(' ').append(Html.num(y2)).append(' ').append(Html.num(x2)).append(' ')
                    .append(Html.num(y2)).append("\"/>");
        }
        double height = Math.max(y, 40);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" data-graph=\"" + Html.esc(id)
                + "\" width=\"" + width + "\" height=\"" + Html.num(height) + "\" viewBox=\"0 0 " + width + " "
                + Html.num(height) + "\" role=\"img\" aria-label=\"" + Html.esc(title) + "\"><title>"
                + Html.esc(title) + "</title><defs><marker id=\"arrow-" + Html.esc(id) + "\" viewBox=\"0 0 10 10\" "
                + "refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#8a96a3\"/></marker></defs>" + bands + boxes + "</svg>";
    }

    /**
     * The column of each node: one past the deepest product it reads. A cycle (which a mesh should
     * not have) is cut where it closes, so the layout still ends.
     */
    static Map<String, Integer> layers(Set<String> ids, List<Edge> edges) {
        Map<String, List<String>> readers = new HashMap<>();
        for (Edge e : edges) {
            readers.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        Map<String, Integer> layer = new LinkedHashMap<>();
        ids.forEach(i -> layer.put(i, 0));
        for (String start : ids) {
            walk(start, readers, layer, new LinkedHashSet<>());
        }
        return layer;
    }

    private static void walk(String node, Map<String, List<String>> readers, Map<String, Integer> layer,
                             Set<String> path) {
        if (!path.add(node)) {
            return;
        }
        for (String next : readers.getOrDefault(node, List.of())) {
            if (!path.contains(next) && layer.get(next) < layer.get(node) + 1) {
                layer.put(next, layer.get(node) + 1);
                walk(next, readers, layer, path);
            }
        }
        path.remove(node);
    }
}
