package dev.dataproduct.ports.http.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.schema.Field;
import java.util.List;
import java.util.Optional;

/** Writes the catalog of a mesh: the page with its interaction map, and the JSON of a search. */
final class CatalogRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogRenderer() {
    }

    static String page(Mesh mesh, Links links) {
        StringBuilder out = new StringBuilder(16 * 1024);
        PageFrame.open(out, "Data product catalog", "catalog");
        List<Subject> products = mesh.products();
        out.append("<header><h1 id=\"catalog-title\">Data product catalog</h1><div>").append(products.size())
                .append(products.size() == 1 ? " product" : " products").append("</div></header><main>");
        if (!links.files()) {
            out.append("<section id=\"search\"><h2>Search</h2><form method=\"get\" action=\"/catalog\">")
                    .append("<input name=\"q\" placeholder=\"text\"> <input name=\"domain\" placeholder=\"domain\"> ")
                    .append("<input name=\"owner\" placeholder=\"owner\"> <input name=\"tag\" placeholder=\"tag\"> ")
                    .append("<input name=\"field\" placeholder=\"field\"> ")
                    .append("<input name=\"classification\" placeholder=\"classification\"> ")
                    .append("<input name=\"status\" placeholder=\"status\"> <button>search (JSON)</button>")
                    .append("</form></section>");
        }
        out.append("<section id=\"products\"><h2>Products</h2><table class=\"products\"><thead><tr>")
                .append("<th>product</th><th>domain</th><th>owner</th><th>purpose</th><th>status</th><th>tags</th>")
                .append("</tr></thead><tbody>");
        for (Subject s : products) {
            ProductDescriptor d = s.descriptor();
            Optional<String> href = links.sheet(d.address());
            out.append("<tr class=\"product\" data-address=\"").append(Html.esc(d.address())).append("\"><td>")
                    .append(href.map(h -> "<a href=\"" + Html.esc(h) + "\">" + Html.esc(d.name()) + "</a>")
                            .orElse(Html.esc(d.name())))
                    .append(" <small>v").append(Html.esc(d.version())).append("</small></td><td>")
                    .append(Html.esc(d.domain())).append("</td><td>").append(Html.esc(d.owner().name()))
                    .append("</td><td>").append(Html.esc(d.purpose())).append("</td><td>")
                    .append(Html.esc(SheetRenderer.lower(d.status().name()))).append("</td><td>");
            d.tags().forEach(t -> out.append("<span class=\"tag\">").append(Html.esc(t)).append("</span>"));
            out.append("</td></tr>");
        }
        out.append("</tbody></table></section>");
        out.append("<section id=\"interaction-map\"><h2>Interaction map</h2>")
                .append("<p class=\"note\">Which product reads which, grouped by domain.</p>")
                .append(mesh.svg("mesh", "interaction map of the mesh", Optional.empty(), links))
                .append("</section></main>");
        PageFrame.close(out);
        return out.toString();
    }

    static ObjectNode json(Mesh mesh, CatalogQuery query, Links links) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = JSON.createArrayNode();
        for (Subject s : mesh.products()) {
            ProductDescriptor d = s.descriptor();
            if (!query.matches(d)) {
                continue;
            }
            ObjectNode p = list.addObject();
            p.put("address", d.address());
            p.put("name", d.name());
            p.put("domain", d.domain());
            p.put("version", d.version());
            p.putObject("owner").put("name", d.owner().name()).put("email", d.owner().email());
            p.put("purpose", d.purpose());
            p.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
            p.put("alignment", d.alignment().name().toLowerCase(java.util.Locale.ROOT));
            p.put("qualityTier", d.qualityTier().name().toLowerCase(java.util.Locale.ROOT));
            p.put("supportTier", d.supportTier());
            ArrayNode tags = p.putArray("tags");
            d.tags().forEach(tags::add);
            ArrayNode datasets = p.putArray("datasets");
            for (DatasetDescriptor ds : d.datasets()) {
                ObjectNode dn = datasets.addObject().put("name", ds.name());
                ArrayNode fields = dn.putArray("fields");
                for (Field f : ds.fields()) {
                    fields.addObject().put("name", f.name()).put("type", f.type().toString())
                            .put("classification", f.classification().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
            ArrayNode reads = p.putArray("reads");
            mesh.inputsOf(d.address()).forEach(reads::add);
            ObjectNode l = p.putObject("links");
            links.sheet(d.address()).ifPresent(h -> l.put("dataSheet", h));
            links.sheet(d.address()).filter(h -> !links.files()).ifPresent(h -> l.put("descriptor", h));
        }
        root.put("count", list.size());
        root.set("products", list);
        return root;
    }
}
