package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which product reads which, derived from the products' descriptors alone (an input port naming
 * another product by address, or the contract of one it reads) and from restricted products' sources.
 */
final class Mesh {
    private final Map<String, Subject> products = new LinkedHashMap<>();
    private final List<GraphLayout.Edge> edges = new ArrayList<>();

    Mesh(List<Subject> subjects) {
        subjects.forEach(s -> products.putIfAbsent(s.address(), s));
        for (Subject s : products.values()) {
            for (PortEntry in : s.descriptor().inputPorts()) {
                upstream(in).ifPresent(up -> edges.add(new GraphLayout.Edge(up, s.address())));
            }
            s.product().flatMap(DataProduct::restrictedSource)
                    .ifPresent(src -> edges.add(new GraphLayout.Edge(src.address().urn(), s.address())));
        }
    }

    /** The product an input port reads: by its address in the location, or by the contract it names. */
    private Optional<String> upstream(PortEntry in) {
        for (String ref : List.of(in.location(), in.contractId())) {
            if (ref.isEmpty()) {
                continue;
            }
            if (products.containsKey(ref)) {
                return Optional.of(ref);
            }
            for (Subject s : products.values()) {
                boolean serves = s.descriptor().outputPorts().stream().anyMatch(p -> p.contractId().equals(ref));
                if (serves || s.product().map(p -> p.contract().id().equals(ref)).orElse(false)) {
                    return Optional.of(s.address());
                }
            }
            if (in.kind().equals("product")) {
                try {
                    return Optional.of(ProductAddress.parse(ref).urn());
                } catch (IllegalArgumentException e) {
                    // not an SDK address: a product of another tool, named by its own id
                    return Optional.of(ref);
                }
            }
        }
        return Optional.empty();
    }

    List<Subject> products() {
        return List.copyOf(products.values());
    }

    List<GraphLayout.Edge> edges() {
        return List.copyOf(edges);
    }

    /** @return the addresses of the products the given one reads */
    List<String> inputsOf(String address) {
        return edges.stream().filter(e -> e.to().equals(address)).map(GraphLayout.Edge::from).distinct().toList();
    }

    /** @return the addresses of the products that read the given one */
    List<String> consumersOf(String address) {
        return edges.stream().filter(e -> e.from().equals(address)).map(GraphLayout.Edge::to).distinct().toList();
    }

    /** @return the map of the whole mesh, or of one product's neighbours when {@code focus} is given */
    String svg(String id, String title, Optional<String> focus, Links links) {
        List<String> ids = new ArrayList<>();
        if (focus.isPresent()) {
            ids.addAll(inputsOf(focus.get()));
            ids.add(focus.get());
            ids.addAll(consumersOf(focus.get()));
        } else {
            ids.addAll(products.keySet());
            edges.forEach(e -> {
                ids.add(e.from());
                ids.add(e.to());
            });
        }
        List<GraphLayout.Node> nodes = new ArrayList<>();
        for (String a : ids.stream().distinct().toList()) {
            Subject s = products.get(a);
            ProductDescriptor d = s == null ? null : s.descriptor();
            String domain = d != null ? d.domain() : domainOf(a);
            String label = d != null ? d.name() + " v" + majorOf(d) : a;
            Optional<String> href = focus.isPresent() && focus.get().equals(a) ? Optional.empty()
                    : s == null ? Optional.empty() : links.sheet(a);
            nodes.add(new GraphLayout.Node(a, label, domain, href, focus.map(a::equals).orElse(false)));
        }
        return GraphLayout.svg(id, title, nodes, edges);
    }

    private static String domainOf(String address) {
        try {
            return ProductAddress.parse(address).domain();
        } catch (IllegalArgumentException e) {
            return "other";
        }
    }

    private static String majorOf(ProductDescriptor d) {
        int dot = d.version().indexOf('.');
        return dot < 0 ? d.version() : d.version().substring(0, dot);
    }
}
