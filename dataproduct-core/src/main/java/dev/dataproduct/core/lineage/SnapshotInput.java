package dev.dataproduct.core.lineage;

import dev.dataproduct.api.product.ProductAddress;
import java.util.Optional;

/**
 * An input port that reads a dataset of another product. Lineage names the input by that product's
 * address and dataset, the same names the other product's own events give its output, so the graph
 * of the mesh joins up; and records the snapshot read, once the port knows it, as the input's
 * dataset version.
 */
public interface SnapshotInput {

    /** @return the address of the product read */
    ProductAddress readProduct();

    /** @return the name of the dataset read */
    String readDataset();

    /** @return the id of the snapshot the run read, once the port has opened it */
    Optional<String> readSnapshot();
}
