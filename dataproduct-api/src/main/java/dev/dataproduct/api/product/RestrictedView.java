package dev.dataproduct.api.product;

import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a restricted product's definition resolves to: its policies narrowed by the fixed
 * projection and filter, the datasets they expose (the source's, minus the columns no grant
 * shows) and its one input, the source product.
 */
record RestrictedView(List<InputPort> inputs, List<DatasetSpec> outputs, List<Policy> policies) {

    /** Appended to the description of a field some grant masks, so the contract says so. */
    static final String MASKED_NOTE = "Masked for readers whose grant does not show it in the clear; "
            + "its constraints hold only for values in the clear.";

    static RestrictedView of(DataProduct source, List<InputPort> inputs, List<Object> outputs,
                             List<TransformSpec> transforms, List<Policy> policies,
                             Map<String, Set<String>> projections, Map<String, Expr> fixedRows, List<String> problems) {
        if (source == null) {
            problems.add("a restricted product needs the product it restricts: call over(source)");
            return new RestrictedView(List.of(), List.of(), List.of());
        }
        if (source.restrictedSource().isPresent()) {
            // a view of a view would need two policies on one read; restrict the foundation instead
            problems.add("product '" + source.metadata().name() + "' is itself restricted; restrict the product it "
                    + "serves, " + source.restrictedSource().get().address().urn());
        }
        if (!inputs.isEmpty()) {
            problems.add("a restricted product reads only the product named by over(...); remove input(...)");
        }
        if (!outputs.isEmpty()) {
            problems.add("a restricted product's datasets are the source datasets its policies govern; remove output(...)");
        }
        if (!transforms.isEmpty()) {
            problems.add("a restricted product has no transform: it serves its source's snapshots through its "
                    + "policy; remove transform(...)");
        }
        if (policies.isEmpty()) {
            problems.add("a restricted product needs an access policy over a dataset of its source: call "
                    + "access(Policy.forDataset(...)...); the source's datasets are " + names(source));
        }
        for (String d : projections.keySet()) {
            if (policies.stream().noneMatch(p -> p.dataset().equals(d))) {
                problems.add("project(\"" + d + "\", ...) names a dataset no policy of the product governs");
            }
        }
        for (String d : fixedRows.keySet()) {
            if (policies.stream().noneMatch(p -> p.dataset().equals(d))) {
                problems.add("where(\"" + d + "\", ...) names a dataset no policy of the product governs");
            }
        }
        List<DatasetSpec> views = new ArrayList<>();
        List<Policy> narrowed = new ArrayList<>();
        for (Policy p : policies) {
            Optional<DatasetSpec> spec = source.output(p.dataset());
            if (spec.isEmpty()) {
                problems.add("an access policy governs dataset '" + p.dataset() + "', which product '"
                        + source.metadata().name() + "' does not publish; its datasets are " + names(source));
                continue;
            }
            int before = problems.size();
            problems.addAll(p.problems(spec.get()));
            Set<String> columns = projections.getOrDefault(p.dataset(), Set.of());
            for (String c : columns) {
                if (spec.get().schema().field(c).isEmpty()) {
                    problems.add("project(\"" + p.dataset() + "\", ...) keeps column '" + c + "', which the dataset "
                            + "does not have; its columns are " + spec.get().schema().fieldNames());
                }
            }
            Optional<Expr> rows = Optional.ofNullable(fixedRows.get(p.dataset()));
            rows.ifPresent(r -> r.columns().stream().filter(c -> spec.get().schema().field(c).isEmpty())
                    .forEach(c -> problems.add("where(\"" + p.dataset() + "\", ...) reads column '" + c
                            + "', which the dataset does not have; its columns are "
                            + spec.get().schema().fieldNames())));
            if (problems.size() > before) {
                continue;
            }
            Policy view = p.narrowed(rows, columns);
            narrowed.add(view);
            views.add(view(spec.get(), view));
        }
        Upstream upstream = new Upstream(source.address().urn(), source.contract().id(), source.contract().version());
        return new RestrictedView(List.of(new SourceInput(source.metadata().name(), source.address().urn(), upstream)),
                views, narrowed);
    }

    /** The dataset as the restricted product publishes it: the columns some grant shows, masked ones so marked. */
    static DatasetSpec view(DatasetSpec source, Policy policy) {
        List<Field> fields = new ArrayList<>();
        for (Field f : source.schema().fields()) {
            boolean shown = false;
            boolean masked = false;
            for (Grant g : policy.grants()) {
                if (g.shows(f.name())) {
                    shown = true;
                    masked |= policy.maskFor(g, f).isPresent();
                }
            }
            if (!shown) {
                continue;
            }
            // a masked value breaks the field's constraints and key, and an example could be a clear value
            fields.add(masked ? new Field(f.name(), f.type(), false, (f.description().isEmpty() ? ""
                    : f.description() + " ") + MASKED_NOTE, f.classification(), f.personalData(), 0,
                    f.conformedKey(), Constraints.NONE, List.of()) : f);
        }
        return new DatasetSpec(source.name(), source.description(), new Schema(fields), source.maxQuarantinedShare());
    }

    private static List<String> names(DataProduct source) {
        return source.outputs().stream().map(DatasetSpec::name).toList();
    }

    /** The input port of a restricted product: names its source; never opened, since the product is never run. */
    private record SourceInput(String name, String urn, Upstream source) implements InputPort {
        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor(name, "product", "arrow", urn);
        }

        @Override
        public Optional<Upstream> upstream() {
            return Optional.of(source);
        }

        @Override
        public Dataset open(InputContext context) {
            throw new DataProductException("a restricted product stores no data and is never run; read it with "
                    + "a ProductReader over the store of " + urn);
        }
    }
}
