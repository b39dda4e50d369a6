package dev.dataproduct.testkit.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A seeded generator of test values that also knows how to make a failing value smaller.
 *
 * <pre>{@code
 * Gen<List<Long>> lists = Gen.listOf(Gen.longs(0, 100), 0, 20);
 * List<Long> sample = lists.generate(new Random(42));   // the same list for the same seed
 * }</pre>
 *
 * @param <T> the type of values generated
 */
public interface Gen<T> {

    /**
     * @param random the source of randomness; the same seed gives the same value
     * @return a value
     */
    T generate(Random random);

    /**
     * Smaller variants of a value, most aggressive first, used to shrink a failing case. The
     * default has none.
     *
     * @param value a value this generator made
     * @return candidates that are simpler than {@code value}
     */
    default Stream<T> shrink(T value) {
        return Stream.empty();
    }

    /**
     * @param f a function of the value
     * @param <R> the new value type
     * @return a generator of {@code f} applied to this one's values (shrinking is lost)
     */
    default <R> Gen<R> map(Function<T, R> f) {
        Objects.requireNonNull(f, "f");
        return random -> f.apply(generate(random));
    }

    /**
     * @param min the smallest value, inclusive
     * @param max the largest value, inclusive
     * @return uniform longs, shrinking toward {@code min} (or toward 0 when 0 is in range) in
     *     halving steps
     */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        long target = min <= 0 && max >= 0 ? 0 : min;
        return new Gen<>() {
            @Override
            public Long generate(Random random) {
                if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                    return random.nextLong();
                }
                return min + (long) Math.floor(random.nextDouble() * ((double) max - (double) min + 1));
            }

            @Override
            public Stream<Long> shrink(Long value) {
                return Shrinking.toward(value, target).filter(v -> v >= min && v <= max);
            }
        };
    }

    /**
     * @param choices the values to pick from, at least one
     * @param <T> the value type
     * @return a uniform choice, shrinking toward the first choice
     */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... choices) {
        List<T> list = List.of(choices);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("oneOf needs at least one choice");
        }
        return new Gen<>() {
            @Override
            public T generate(Random random) {
                return list.get(random.nextInt(list.size()));
            }

            @Override
            public Stream<T> shrink(T value) {
                return value.equals(list.get(0)) ? Stream.empty() : Stream.of(list.get(0));
            }
        };
    }

    /**
     * @param element the generator of elements
     * @param minSize the fewest elements
     * @param maxSize the most elements
     * @param <T> the element type
     * @return lists of elements, shrinking by dropping halves, then single elements, then by
     *     shrinking elements
     */
    static <T> Gen<List<T>> listOf(Gen<T> element, int minSize, int maxSize) {
        Objects.requireNonNull(element, "element");
        return new Gen<>() {
            @Override
            public List<T> generate(Random random) {
                int size = minSize + random.nextInt(maxSize - minSize + 1);
                List<T> out = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    out.add(element.generate(random));
                }
                return out;
            }

            @Override
            public Stream<List<T>> shrink(List<T> value) {
                return Shrinking.list(value, minSize, element::shrink);
            }
        };
    }
}
