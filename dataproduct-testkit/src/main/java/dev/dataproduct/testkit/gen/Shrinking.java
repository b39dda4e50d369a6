package dev.dataproduct.testkit.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Shrink candidates of lists: shorter lists first, then lists with one element shrunk. */
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
        Stream<List<T>> shrinkOne = IntStream.range(0, n).boxed().flatMap(i -> element.apply(value.get(i)).limit(3)
                .map(smaller -> {
                    List<T> copy = new ArrayList<>(value);
                    copy.set(i, smaller);
                    return copy;
                }));
        return Stream.concat(Stream.concat(halves, dropOne), shrinkOne);
    }
}
