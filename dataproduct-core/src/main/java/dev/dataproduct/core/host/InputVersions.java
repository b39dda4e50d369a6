package dev.dataproduct.core.host;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.util.Optional;

/**
 * The hook through which a host's scheduler learns that an input has a new snapshot, for products
 * scheduled with {@link dev.dataproduct.api.schedule.Schedule#onInputSnapshot}: the id of the
 * latest snapshot an input would read now. A change of that id starts a run.
 */
@FunctionalInterface
public interface InputVersions {

    /**
     * @param input an input port that reads another product ({@link InputPort#upstream()} present)
     * @return the id of the upstream's latest snapshot, or empty if it has none or cannot be known
     */
    Optional<String> latest(InputPort input);

    /**
     * The upstreams' current snapshots in a store: the upstream's product id read as a product
     * address ({@code urn:dataproduct:<domain>:<name>:v<major>}); an id that is not an address has
     * no version here.
     *
     * @param store the store the upstream products commit to
     * @return the hook
     */
    static InputVersions inStore(SnapshotStore store) {
        return input -> input.upstream().flatMap(u -> {
            try {
                return Optional.of(ProductAddress.parse(u.productId()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).flatMap(store::current).map(SnapshotManifest::id);
    }
}
