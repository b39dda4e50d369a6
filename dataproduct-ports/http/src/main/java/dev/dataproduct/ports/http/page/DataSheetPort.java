package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.ProductAddress;
import java.util.Objects;

/**
 * An output port that writes the product's data sheet (and the catalog) into a {@link StaticSite}
 * after each commit, so the folder always describes the current snapshot.
 *
 * {@snippet :
 * StaticSite site = StaticSite.builder(Path.of("out/site"), store, allocator).build();
 * DataProduct purchases = DataProduct.builder("purchases")...serve(DataSheetPort.to(site)).build();
 * site.add(purchases);
 * }
 *
 * <p>The sheet is written while the run commits, before its result exists: its quality outcomes are
 * those the site was last given with {@link StaticSite#ran}. The writing itself is the site's.
 */
public final class DataSheetPort implements OutputPort {
    private final StaticSite site;
    private volatile ProductAddress product;

    private DataSheetPort(StaticSite site) {
        this.site = site;
    }

    /**
     * @param site the folder to write into; add the product to it before its first run
     * @return the port
     */
    public static DataSheetPort to(StaticSite site) {
        return new DataSheetPort(Objects.requireNonNull(site, "site"));
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor("data-sheet", "file", "html", site.directory().toString());
    }

    /** @return the site's viewer: the sheet shows what that principal may read, so the port is delivered as much */
    @Override
    public Principal audience() {
        return site.viewer();
    }

    @Override
    public void open(OutputContext context) {
        product = ProductAddress.parse(context.productAddress());
    }

    /**
     * @throws PortException if the product was not added to the site, or the sheet cannot be written
     */
    @Override
    public void publish(CommittedSnapshot snapshot) {
        ProductAddress a = product;
        if (a == null) {
            throw new IllegalStateException("the data sheet port was not opened for a run");
        }
        try {
            site.write(a);
        } catch (IllegalArgumentException e) {
            throw new PortException("data sheet port: " + e.getMessage(), e);
        }
    }
}
