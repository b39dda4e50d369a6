package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ManagementPort;
import dev.dataproduct.api.product.ProductMetadata;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.transform.TransformSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The product as one test run sees it: the same definition with its inputs replaced by the
 * driver's, its checks (its own and its declared contract's quality rules) as the test adjusted
 * them, its quarantine limits relaxed where asked, and no output ports (the driver reads the
 * committed snapshot; nothing is written anywhere).
 */
final class ProductUnderTest {
    private ProductUnderTest() {
    }

    static DataProduct of(DataProduct product, Function<InputPort, InputPort> inputs, List<Check> checks,
                          Map<String, Double> maxQuarantinedShares) {
        ProductMetadata m = product.metadata();
        DataProduct.Builder b = DataProduct.builder(m.name())
                .domain(m.domain())
                .version(m.version().toString())
                .owner(m.owner())
                .purpose(m.purpose())
                .description(m.description())
                .alignment(m.alignment())
                .kind(m.kind())
                .qualityTier(m.qualityTier())
                .supportTier(m.supportTier())
                .status(m.status())
                .tags(m.tags().toArray(String[]::new));
        for (Link link : m.links()) {
            b.link(link.title(), link.href().toString());
        }
        // the declared contract's quality rules are among the driver's checks, which the test may change; its schema
        // rules are the outputs' own, checked by the gate as before
        product.inputs().forEach(port -> b.input(inputs.apply(port)));
        for (DatasetSpec d : product.outputs()) {
            Double share = maxQuarantinedShares.getOrDefault(d.name(), maxQuarantinedShares.get(""));
            b.output(share == null ? d : new DatasetSpec(d.name(), d.description(), d.schema(), share, d.updateMode()));
        }
        for (TransformSpec t : product.transforms()) {
            b.transform(t);
        }
        for (ManagementPort p : product.managementPorts()) {
            b.managementPort(p);
        }
        b.check(checks.toArray(Check[]::new));
        b.access(product.policies().toArray(dev.dataproduct.api.access.Policy[]::new));
        b.objective(product.objectives().toArray(dev.dataproduct.api.slo.Objective[]::new));
        return b.build();
    }
}
