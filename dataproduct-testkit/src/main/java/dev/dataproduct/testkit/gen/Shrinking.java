package dev.dataproduct.testkit.gen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Shrink candidates of lists (shorter lists first, then lists with one element shrunk) and of
 * numbers (toward a target, in halving steps).
 */
public final class Shrinking {
    private Shrinking() {
    }

    /**
     * @param value the list to shrink
     * @param minSize the fewest elements a candidate may have
     * @param element shrink candidates of one element
     * @param <T> the element type
     * @return candidates, most aggressive first
     */
    public static <T> Stream<List<T>> list(List<T> value, int minSize, Function<T, Stream<T>> element) {
        int n = value.size();
        Stream<List<T>> halves = n / 2 >= minSize && n > 1
                ? Stream.of(List.copyOf(value.subList(0, n / 2)), List.copyOf(value.subList(n / 2, n)))
                : Stream.empty();
        Stream<List<T>> dropOne = n > minSize
                ? IntStream.range(0, n).mapToObj(i -> {
                    List<T> copy = new ArrayList<>(value);
                    copy.remove(i);
                    return copy;
                })
                : Stream.empty();
        Stream<List<T>> shrinkOne = IntStream.range(0, n).boxed().flatMap(i -> element.apply(value.get(i))
                .map(smaller -> {
                    List<T> copy = new ArrayList<>(value);
                    copy.set(i, smaller);
                    return copy;
                }));
        return Stream.concat(Stream.concat(halves, dropOne), shrinkOne);
    }

    /**
     * @param value a number
     * @param target the simplest number, such as 0 or the lower bound
     * @return the target, then numbers ever nearer {@code value} (halving the distance), ending one
     *     step from it; all lie between the two, so they are in any range holding both; none when
     *     {@code value} is the target
     */
    public static Stream<Long> toward(long value, long target) {
        List<Long> out = new ArrayList<>();
        if (value != target) {
            out.add(target);
            // big integers: the distance between two longs can exceed a long
            BigInteger v = BigInteger.valueOf(value);
            BigInteger two = BigInteger.TWO;
            for (BigInteger step = v.subtract(BigInteger.valueOf(target)).divide(two); step.signum() != 0;
                 step = step.divide(two)) {
                out.add(v.subtract(step).longValueExact());
            }
        }
        return out.stream().distinct();
    }
}
