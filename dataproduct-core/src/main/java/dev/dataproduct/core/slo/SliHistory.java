package dev.dataproduct.core.slo;

import java.time.Instant;
import java.util.List;

/**
 * Where the measurements of service level indicators are kept, so that error budgets span runs
 * and restarts: {@link DirectorySliHistory} beside the snapshots, or {@link InMemorySliHistory}.
 */
public interface SliHistory {

    /**
     * @param event a measurement to keep
     * @throws java.io.UncheckedIOException if it cannot be stored
     */
    void record(SliEvent event);

    /**
     * @param product a product's address
     * @param objective one of its objectives
     * @param since the start of the window, inclusive
     * @return the measurements from then on, oldest first
     */
    List<SliEvent> events(String product, String objective, Instant since);
}
