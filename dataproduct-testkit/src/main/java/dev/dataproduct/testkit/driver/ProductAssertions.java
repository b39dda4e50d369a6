package dev.dataproduct.testkit.driver;

import dev.dataproduct.core.quality.QualityReport;

/**
 * Fluent assertions over runs and quality reports, whose failure messages show the rows.
 *
 * <pre>{@code
 * import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
 *
 * assertThat(run).published(98).quarantined(2, "quantity:maximum").passed("unique purchase ids");
 * assertThat(run.quality().get(0)).passed("unique purchase ids");
 * }</pre>
 */
public final class ProductAssertions {
    private ProductAssertions() {
    }

    /**
     * @param run a run of the driver
     * @return assertions over it
     */
    public static RunAssert assertThat(TestRun run) {
        return new RunAssert(run);
    }

    /**
     * @param report the quality report of one dataset
     * @return assertions over it
     */
    public static QualityAssert assertThat(QualityReport report) {
        return new QualityAssert(report);
    }
}
