package dev.dataproduct.testkit.property;

import dev.dataproduct.testkit.gen.Gen;
import java.util.Iterator;
import java.util.Objects;
import java.util.Random;

/**
 * Checks that a property holds for many generated values. Runs are seeded and reproducible: a
 * failure reports the seed, the trial, and the smallest failing value found by shrinking, and
 * re-running with {@code -Ddataproduct.seed=<seed>} repeats it.
 *
 * <pre>{@code
 * PropertyRunner.forAll(Gen.listOf(Gen.longs(0, 9), 0, 50))
 *     .trials(200)
 *     .check(list -> list.stream().mapToLong(x -> x).sum() >= 0);
 * }</pre>
 *
 * @param <T> the type of values checked
 */
public final class PropertyRunner<T> {
    /** The system property that fixes the seed of every run. */
    public static final String SEED_PROPERTY = "dataproduct.seed";
    private static final int MAX_SHRINK_STEPS = 2000;

    /** A property of one value. */
    @FunctionalInterface
    public interface Property<T> {
        /**
         * @param value a generated value
         * @return whether the property holds; throwing counts as failing
         * @throws Exception for a failure with a cause
         */
        boolean holds(T value) throws Exception;
    }

    private final Gen<T> gen;
    private long seed;
    private int trials = 100;

    private PropertyRunner(Gen<T> gen) {
        this.gen = Objects.requireNonNull(gen, "gen");
        String fixed = System.getProperty(SEED_PROPERTY);
        this.seed = fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
    }

    /**
     * @param gen the generator of values
     * @param <T> the value type
     * @return a runner with 100 trials and a random seed (or the one fixed by {@value #SEED_PROPERTY})
     */
    public static <T> PropertyRunner<T> forAll(Gen<T> gen) {
        return new PropertyRunner<>(gen);
    }

    /** @param value the seed @return this runner */
    public PropertyRunner<T> seed(long value) {
        this.seed = value;
        return this;
    }

    /** @param count how many values to try, at least 1 @return this runner */
    public PropertyRunner<T> trials(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("trials must be at least 1");
        }
        this.trials = count;
        return this;
    }

    /** @return the seed this runner uses */
    public long seed() {
        return seed;
    }

    /**
     * Runs the trials.
     *
     * @param property the property
     * @throws AssertionError naming the seed, the trial and the shrunk failing value if the
     *     property fails for some value
     */
    public void check(Property<T> property) {
        Random random = new Random(seed);
        for (int trial = 0; trial < trials; trial++) {
            T value = gen.generate(random);
            Throwable failure = failure(property, value);
            if (failure != NO_FAILURE) {
                Shrunk<T> shrunk = shrink(property, value, failure);
                AssertionError error = new AssertionError("property failed at trial " + (trial + 1) + " of " + trials
                        + " with seed " + seed + " (re-run with -D" + SEED_PROPERTY + "=" + seed + ")"
                        + System.lineSeparator() + "  shrunk in " + shrunk.steps + " steps to: " + shrunk.value
                        + System.lineSeparator() + "  original: " + value
                        + (shrunk.failure == null ? "" : System.lineSeparator() + "  cause: " + shrunk.failure));
                if (shrunk.failure != null) {
                    error.initCause(shrunk.failure);
                }
                throw error;
            }
        }
    }

    private static final Throwable NO_FAILURE = new Throwable("no failure");

    /** Returns {@link #NO_FAILURE} if the property holds, null if it returned false, else the throwable. */
    private Throwable failure(Property<T> property, T value) {
        try {
            return property.holds(value) ? NO_FAILURE : null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }

    private record Shrunk<T>(T value, Throwable failure, int steps) {
    }

    private Shrunk<T> shrink(Property<T> property, T value, Throwable failure) {
        T current = value;
        Throwable currentFailure = failure;
        int steps = 0;
        boolean progress = true;
        while (progress && steps < MAX_SHRINK_STEPS) {
            progress = false;
            Iterator<T> candidates = gen.shrink(current).iterator();
            while (candidates.hasNext() && steps < MAX_SHRINK_STEPS) {
                T candidate = candidates.next();
                steps++;
                Throwable f = failure(property, candidate);
                if (f != NO_FAILURE) {
                    current = candidate;
                    currentFailure = f;
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }
}
