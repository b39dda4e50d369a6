package dev.dataproduct.core.metric;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import java.util.List;
import java.util.Optional;

/**
 * A dataset read through the read path as a principal, a pass at a time: a join may read a side
 * twice, and every pass after the first reads the snapshot the first one read.
 */
final class ReadDataset implements Dataset {
    private final ProductReader reader;
    private final Principal principal;
    private final String dataset;
    private final List<String> columns;
    private final Optional<Expr> filter;
    private SnapshotSelector snapshot;

    ReadDataset(ProductReader reader, Principal principal, String dataset, List<String> columns,
                Optional<Expr> filter, SnapshotSelector snapshot) {
        this.reader = reader;
        this.principal = principal;
        this.dataset = dataset;
        this.columns = List.copyOf(columns);
        this.filter = filter;
        this.snapshot = snapshot;
    }

    /** @return the names of the columns of the dataset the principal may see */
    static List<String> visible(ProductReader reader, Principal principal, String dataset) {
        return reader.schema(principal, dataset).getFields().stream().map(f -> f.getName()).toList();
    }

    @Override
    public String name() {
        return dataset;
    }

    @Override
    public Schema schema() {
        org.apache.arrow.vector.types.pojo.Schema all = reader.schema(principal, dataset);
        return Schema.fromArrow(new org.apache.arrow.vector.types.pojo.Schema(columns.isEmpty() ? all.getFields()
                : columns.stream().map(all::findField).toList()));
    }

    @Override
    public BatchCursor open() {
        ReadRequest.Builder request = ReadRequest.of(dataset).snapshot(snapshot);
        if (!columns.isEmpty()) {
            request.columns(columns.toArray(String[]::new));
        }
        filter.ifPresent(request::where);
        ReadResult result = reader.read(principal, request.build());
        snapshot = SnapshotSelector.id(result.snapshot().id());
        return result;
    }
}
