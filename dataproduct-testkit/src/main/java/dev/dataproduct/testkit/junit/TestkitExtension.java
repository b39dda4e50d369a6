package dev.dataproduct.testkit.junit;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.property.PropertyRunner;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The testkit's JUnit Jupiter extension. It gives a test method {@link Trials} (configured by
 * {@link PropertyTest}) and a {@link ProductTestDriver} over the product of the class's
 * {@link TestProduct} method, closing the driver after the test so that an Arrow leak fails it.
 * A failing test that used trials names the seed and how to re-run with it.
 */
public final class TestkitExtension implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestkitExtension.class);

    /** Made by JUnit. */
    public TestkitExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Trials.class || type == ProductTestDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (parameter.getParameter().getType() == Trials.class) {
            return store.getOrComputeIfAbsent(Trials.class, k -> trials(context), Trials.class);
        }
        return store.getOrComputeIfAbsent(ProductTestDriver.class, k -> driver(context), ProductTestDriver.class);
    }

    private static Trials trials(ExtensionContext context) {
        Optional<PropertyTest> annotation = context.getTestMethod().map(m -> m.getAnnotation(PropertyTest.class));
        int tries = annotation.map(PropertyTest::tries).orElse(100);
        String fixed = annotation.map(PropertyTest::seed).filter(s -> !s.isBlank())
                .orElse(System.getProperty(PropertyRunner.SEED_PROPERTY, ""));
        long seed;
        try {
            seed = fixed.isBlank() ? new Random().nextLong() : Long.parseLong(fixed.strip());
        } catch (NumberFormatException e) {
            throw new ParameterResolutionException("the seed '" + fixed + "' of " + context.getDisplayName()
                    + " is not a whole number");
        }
        context.publishReportEntry(PropertyRunner.SEED_PROPERTY, Long.toString(seed));
        return new Trials(tries, seed);
    }

    private static ProductTestDriver driver(ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        List<Method> found = new ArrayList<>();
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(TestProduct.class)) {
                    found.add(m);
                }
            }
        }
        if (found.size() != 1 || found.get(0).getParameterCount() != 0
                || !DataProduct.class.isAssignableFrom(found.get(0).getReturnType())) {
            throw new ParameterResolutionException(instance.getClass().getName() + " needs exactly one method "
                    + "annotated @TestProduct, without parameters, returning the DataProduct under test; found "
                    + found.stream().map(Method::getName).toList());
        }
        Method m = found.get(0);
        try {
            m.setAccessible(true);
            DataProduct product = (DataProduct) m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance);
            return ProductTestDriver.of(product);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ParameterResolutionException("@TestProduct method " + m.getName() + " failed: " + cause, cause);
        }
    }

    /** Closes the test's driver; a leak found then fails the test. */
    @Override
    public void afterEach(ExtensionContext context) {
        ProductTestDriver driver = context.getStore(NAMESPACE).remove(ProductTestDriver.class, ProductTestDriver.class);
        if (driver != null) {
            driver.close();
        }
    }

    /** Names the seed in the failure of a test that used trials, unless the failure already does. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Trials trials = context.getStore(NAMESPACE).get(Trials.class, Trials.class);
        if (trials != null && (failure.getMessage() == null
                || !failure.getMessage().contains(Long.toString(trials.seed())))) {
            failure.addSuppressed(new AssertionError("seed " + trials.seed() + ": re-run with @PropertyTest(seed = \""
                    + trials.seed() + "\") or -D" + PropertyRunner.SEED_PROPERTY + "=" + trials.seed()));
        }
        throw failure;
    }
}
