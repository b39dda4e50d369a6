package dev.dataproduct.testkit.junit;

import dev.dataproduct.testkit.gen.Gen;
import dev.dataproduct.testkit.property.PropertyRunner;

/**
 * The tries and seed of a {@link PropertyTest}, handed to the test method as a parameter: every
 * runner it makes uses them, so one seed reproduces the whole test.
 */
public final class Trials {
    private final int tries;
    private final long seed;

    Trials(int tries, long seed) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1; got " + tries);
        }
        this.tries = tries;
        this.seed = seed;
    }

    /** @return how many values each runner tries */
    public int tries() {
        return tries;
    }

    /** @return the seed of every runner */
    public long seed() {
        return seed;
    }

    /**
     * @param gen the generator of values
     * @param <T> the value type
     * @return a runner with this test's tries and seed
     */
    public <T> PropertyRunner<T> forAll(Gen<T> gen) {
        return PropertyRunner.forAll(gen).trials(tries).seed(seed);
    }
}
