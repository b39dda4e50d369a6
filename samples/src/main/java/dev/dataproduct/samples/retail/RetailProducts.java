package dev.dataproduct.samples.retail;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.slo.Objective;
import java.time.Duration;

/** What the retail foundations share: domain, tiers, service levels, who reads them. */
final class RetailProducts {
    /** The role the retail analytics products read their inputs as. */
    static final String ANALYST = "analyst";

    private RetailProducts() {
    }

    /**
     * A source-aligned, silver, support tier 2 product of the retail domain, refreshed daily
     * (frequency one day, data at most a day old, 99.5% of reads served).
     */
    static DataProduct.Builder foundation(String name, Owner owner, String purpose) {
        return DataProduct.builder(name)
                .domain("retail")
                .version("1.0.0")
                .owner(owner)
                .purpose(purpose)
                .alignment(Alignment.SOURCE)
                .qualityTier(QualityTier.SILVER)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.freshness(Duration.ofHours(24)),
                        Objective.availability().target(0.995));
    }

    /** @return analysts read every row and column (classified values masked as the policy's masks say) */
    static Policy.Builder analystsRead(String dataset) {
        return Policy.forDataset(dataset).grant(Grant.to(Audience.role(ANALYST)).allColumns());
    }
}
