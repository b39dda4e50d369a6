package dev.dataproduct.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a test class, without parameters, that returns the
 * {@link dev.dataproduct.api.product.DataProduct} under test. With {@link TestkitExtension}, each
 * test method that declares a {@link dev.dataproduct.testkit.driver.ProductTestDriver} parameter
 * gets a new driver over that product, closed after the test (an Arrow leak fails the test).
 *
 * <pre>{@code
 * @ExtendWith(TestkitExtension.class)
 * class PurchasesTest {
 *     @TestProduct
 *     DataProduct product() { return Purchases.define(Path.of("orders.csv")); }
 *
 *     @Test
 *     void publishesValidOrders(ProductTestDriver driver) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TestProduct {
}
