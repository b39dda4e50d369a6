package dev.dataproduct.ports.http.page;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.product.DataProduct;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data sheet shows every metric definition of a product, once, as defined. */
class SheetMetricsTest {

    static String sheet(DataProduct p) {
        Subject s = new Subject(p.describe(), Optional.of(p), Optional.empty(), List.of(), Optional.empty(), List.of());
        return new SheetRenderer(Pages.builder().build(), s, new Mesh(List.of(s)), Principal.of("x"), Links.SERVED)
                .render();
    }

    @Test
    void showsAMetricsSectionWithEachDefinition() {
        DataProduct p = StaticSiteTest.cities("cities")
                .semanticModel(SemanticModel.builder("geo", "cities")
                        .dimension(Dimension.categorical("country"), Dimension.time("founded"))
                        .measure(Measure.sum("people", Expr.col("population")), Measure.count("city_count"))
                        .metric(Metric.simple("population", "people").describedAs("People living in the cities."),
                                Metric.simple("cities", "city_count"),
                                Metric.ratio("people_per_city", "population", "cities")
                                        .where(Expr.col("country").ne("XX")),
                                Metric.cumulative("cities_to_date", "city_count").toDate(TimeGrain.YEAR))
                        .build())
                .build();
        String page = sheet(p);
        assertTrue(page.contains("<section id=\"metrics\"><h2>Metrics</h2><h3>geo <small>over cities</small></h3>"),
                page);
        assertTrue(page.contains("<tr id=\"metric-population\"><td><code>population</code></td><td>simple</td>"
                + "<td>measure: people</td><td>People living in the cities.</td></tr>"), page);
        assertTrue(page.contains("<tr id=\"metric-people_per_city\"><td><code>people_per_city</code></td><td>ratio</td>"
                + "<td>numerator: population; denominator: cities; filter: country &lt;&gt; &#39;XX&#39;</td>"), page);
        assertTrue(page.contains("<td>measure: city_count; grainToDate: year</td>"), page);
        assertTrue(page.contains("Measures: people = sum(population), city_count = count(1)."), page);
    }

    @Test
    void showsNoMetricsSectionForAProductWithoutMetrics() {
        assertFalse(sheet(StaticSiteTest.cities("cities").build()).contains("id=\"metrics\""));
    }
}
