package dev.dataproduct.core.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A history held in memory, for tests and for applications that need no budgets across restarts. */
public final class InMemorySliHistory implements SliHistory {
    private final List<SliEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(SliEvent event) {
        events.add(Objects.requireNonNull(event, "event"));
    }

    @Override
    public synchronized List<SliEvent> events(String product, String objective, Instant since) {
        return events.stream().filter(e -> e.product().equals(product) && e.objective().equals(objective)
                && !e.at().isBefore(since)).sorted(Comparator.comparing(SliEvent::at)).toList();
    }
}
