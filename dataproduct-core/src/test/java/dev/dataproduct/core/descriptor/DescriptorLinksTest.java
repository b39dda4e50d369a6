package dev.dataproduct.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.odps.OdpsDocument;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DescriptorLinksTest {
    private static DataProduct product() {
        OutputPort files = new OutputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor("files", "file", "arrow-ipc", "/srv/stock");
            }

            @Override
            public void publish(CommittedSnapshot snapshot) {
            }
        };
        return DataProduct.builder("stock-levels")
                .domain("supply").version("3.2.1")
                .owner(Owner.person("Bo Lind", "bo.lind@example.com"))
                .purpose("Stock per store.")
                .output(DatasetSpec.named("stock").field("sku", LogicalType.STRING, f -> f.required()))
                .serve(files)
                .transform(ctx -> ctx.input("none"))
                .build();
    }

    @Test
    void theDescriptorAndTheContractNameEachOtherByIdAndVersionThroughTheirDocuments() {
        DataProduct p = product();
        DataContract contract = OdcsCodec.readYaml(OdcsCodec.toYaml(p.contract()));
        OdpsDocument descriptor = OdpsCodec.readYaml(OdpsCodec.toYaml(p), id -> id.equals(contract.id()) ? contract : null);
        PortEntry out = descriptor.descriptor().outputPorts().get(0);
        assertEquals(contract.id(), out.contractId());
        assertEquals(contract.version(), out.version());
        assertEquals(Optional.of(descriptor.id()), DescriptorLinks.productIdOf(contract));
        assertEquals(descriptor.descriptor().version(), contract.version());
        assertEquals(descriptor.descriptor().name(), contract.dataProduct());
    }

    @Test
    void theOpenApiDocumentIdIsTheProductAddressFollowedByOpenapi() {
        assertEquals("urn:dataproduct:supply:stock-levels:v3:openapi",
                DescriptorLinks.openApiId(product().address().urn()));
        assertThrows(IllegalArgumentException.class, () -> DescriptorLinks.openApiId("5d0c6a52-9a57"));
    }
}
