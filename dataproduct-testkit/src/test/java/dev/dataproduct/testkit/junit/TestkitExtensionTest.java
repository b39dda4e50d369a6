package dev.dataproduct.testkit.junit;

import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.testkit.FixtureRuns;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.ProductTestDriverTest;
import dev.dataproduct.testkit.gen.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class TestkitExtensionTest {
    static final List<Long> SEEDS = new ArrayList<>();
    static final AtomicInteger TRIES = new AtomicInteger();

    private static List<Throwable> run(Class<?> fixture) {
        return new ArrayList<>(FixtureRuns.run(fixture).values());
    }

    static class FixedSeed {
        @PropertyTest(tries = 7, seed = "42")
        void triesAsManyAsAsked(Trials trials) {
            SEEDS.add(trials.seed());
            trials.forAll(Gen.longs(0, 9)).check(x -> TRIES.incrementAndGet() > 0);
        }
    }

    static class Failing {
        @PropertyTest(tries = 50, seed = "1234")
        void failsForLargeValues(Trials trials) {
            trials.forAll(Gen.longs(0, 1000)).check(x -> x < 500);
        }

        @PropertyTest(seed = "99")
        void failsOutsideTheRunner(Trials trials) {
            throw new AssertionError("boom");
        }
    }

    @Test
    void aPropertyTestTriesAsOftenAsItsAnnotationSaysWithItsSeed() {
        SEEDS.clear();
        TRIES.set(0);
        List<Throwable> outcomes = run(FixedSeed.class);
        assertEquals(1, outcomes.size());
        assertEquals(null, outcomes.get(0));
        assertEquals(List.of(42L), SEEDS);
        assertEquals(7, TRIES.get());
    }

    @Test
    void aFailingPropertyTestNamesItsSeedAndTheShrunkValue() {
        List<Throwable> outcomes = run(Failing.class);
        assertEquals(2, outcomes.size());
        for (Throwable failure : outcomes) {
            assertTrue(failure instanceof AssertionError, String.valueOf(failure));
            String text = failure.getMessage() + List.of(failure.getSuppressed());
            assertTrue(text.contains("1234") || text.contains("seed 99"), text);
        }
        Throwable shrunk = outcomes.stream().filter(t -> t.getMessage().contains("1234")).findFirst().orElseThrow();
        assertTrue(shrunk.getMessage().contains("shrunk") && shrunk.getMessage().contains(": 500"), shrunk.getMessage());
    }

    @ExtendWith(TestkitExtension.class)
    static class WithDriver {
        @TestProduct
        DataProduct product() {
            return ProductTestDriverTest.purchases();
        }

        @Test
        void runsTheProduct(ProductTestDriver driver) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            assertThat(driver.run()).published(1);
        }

        @Test
        void leaks(ProductTestDriver driver) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            BatchCursor cursor = driver.run().arrow("purchases").open();
            cursor.next();
        }
    }

    @Test
    void aDriverIsInjectedOverTheTestProductAndALeakFailsTheTest() {
        List<Throwable> outcomes = run(WithDriver.class);
        assertEquals(2, outcomes.size());
        assertEquals(1, outcomes.stream().filter(t -> t == null).count(), outcomes.toString());
        Throwable leak = outcomes.stream().filter(t -> t != null).findFirst().orElseThrow();
        assertTrue(leak.getMessage().contains("Arrow memory leaked"), leak.getMessage());
    }
}
