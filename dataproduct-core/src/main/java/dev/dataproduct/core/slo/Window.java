package dev.dataproduct.core.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The measurements of one objective within its rolling window, counted per minute, so that memory
 * and the cost of a status stay bounded by the window's length however many reads are measured.
 * The window's edges are therefore exact to the minute.
 */
final class Window {
    private final Duration length;
    private final TreeMap<Long, long[]> minutes = new TreeMap<>(); // minute -> {good, all}
    private SliEvent last;

    Window(Duration length) {
        this.length = length;
    }

    void add(SliEvent e) {
        long[] counts = minutes.computeIfAbsent(minute(e.at()), m -> new long[2]);
        if (e.good()) {
            counts[0]++;
        }
        counts[1]++;
        if (last == null || !e.at().isBefore(last.at())) {
            last = e;
        }
        minutes.headMap(minute(last.at().minus(length))).clear();
    }

    /** @return {good, all} of the minutes from {@code since} to {@code until}, both included */
    long[] counts(Instant since, Instant until) {
        long[] sum = new long[2];
        for (Map.Entry<Long, long[]> m : minutes.subMap(minute(since), true, minute(until), true).entrySet()) {
            sum[0] += m.getValue()[0];
            sum[1] += m.getValue()[1];
        }
        return sum;
    }

    /** @return the latest measurement, even one older than the window */
    Optional<SliEvent> last() {
        return Optional.ofNullable(last);
    }

    private static long minute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }
}
