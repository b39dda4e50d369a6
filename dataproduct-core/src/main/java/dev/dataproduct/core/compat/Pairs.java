package dev.dataproduct.core.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pairs the elements of two versions of a list: first by key (a name), then the leftovers by a
 * rename test. Pairs come in the order of the old list, then the additions in the order of the new.
 */
final class Pairs {
    private Pairs() {
    }

    /** Whether an old element at one position and a new one at another are the same element renamed. */
    @FunctionalInterface
    interface RenameTest<T> {
        boolean renamed(T before, int beforeIndex, T after, int afterIndex);
    }

    /**
     * @param before the old element, or null if added
     * @param after the new element, or null if removed
     * @param renamed whether the key changed
     */
    record Pair<T>(T before, T after, boolean renamed) {
    }

    static <T> List<Pair<T>> pair(List<T> before, List<T> after, Function<T, String> key) {
        return pair(before, after, key, (b, i, a, j) -> false);
    }

    static <T> List<Pair<T>> pair(List<T> before, List<T> after, Function<T, String> key, RenameTest<T> test) {
        int[] partner = new int[before.size()];
        boolean[] taken = new boolean[after.size()];
        for (int i = 0; i < before.size(); i++) {
            partner[i] = -1;
            for (int j = 0; j < after.size(); j++) {
                if (!taken[j] && key.apply(before.get(i)).equals(key.apply(after.get(j)))) {
                    partner[i] = j;
                    taken[j] = true;
                    break;
                }
            }
        }
        boolean[] renamed = new boolean[before.size()];
        for (int i = 0; i < before.size(); i++) {
            for (int j = 0; j < after.size() && partner[i] < 0; j++) {
                if (!taken[j] && test.renamed(before.get(i), i, after.get(j), j)) {
                    partner[i] = j;
                    taken[j] = true;
                    renamed[i] = true;
                }
            }
        }
        List<Pair<T>> pairs = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            pairs.add(new Pair<>(before.get(i), partner[i] < 0 ? null : after.get(partner[i]), renamed[i]));
        }
        for (int j = 0; j < after.size(); j++) {
            if (!taken[j]) {
                pairs.add(new Pair<>(null, after.get(j), false));
            }
        }
        return pairs;
    }
}
