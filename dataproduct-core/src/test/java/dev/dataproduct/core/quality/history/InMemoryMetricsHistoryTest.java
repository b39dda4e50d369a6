package dev.dataproduct.core.quality.history;

class InMemoryMetricsHistoryTest extends MetricsHistoryContract {
    @Override
    MetricsHistory history() {
        return new InMemoryMetricsHistory();
    }
}
