package dev.dataproduct.api.product;

import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.Team;
import dev.dataproduct.api.contract.TeamMember;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.slo.Indicator;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.api.transform.TransformSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A data product: metadata, input ports, output datasets with their contracts, the transforms that
 * build them, and the output ports that serve them. Immutable once built; run it with the core
 * runtime.
 *
 * <pre>{@code
 * DataProduct purchases = DataProduct.builder("historical-purchases")
 *     .domain("retail")
 *     .version("1.2.0")
 *     .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
 *     .purpose("A list of historical purchases (SKUs) for each customer.")
 *     .input(ordersCsv)
 *     .output(DatasetSpec.named("purchases")
 *         .field("purchase_id", LogicalType.STRING, f -> f.required().primaryKey())
 *         .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000)))
 *     .transform(ctx -> ctx.input("orders"))
 *     .build();
 * }</pre>
 */
public final class DataProduct {
    private final ProductMetadata metadata;
    private final List<InputPort> inputs;
    private final List<DatasetSpec> outputs;
    private final List<TransformSpec> transforms;
    private final List<OutputPort> outputPorts;
    private final Optional<DataContract> declaredContract;
    private final List<ManagementPort> managementPorts;
    private final List<Check> checks;
    private final List<Policy> policies;
    private final List<Objective> objectives;
    private final Optional<DataProduct> restrictedSource;
    // set once by the builder, before the product is shared
    private Optional<Schedule> schedule = Optional.empty();
    private List<dev.dataproduct.api.metric.SemanticModel> semanticModels = List.of();
    private final Set<String> principalRoles;
    private final List<String> qualityEarnedBy;
    private final Set<String> requiredPorts;

    private DataProduct(ProductMetadata metadata, List<InputPort> inputs, List<DatasetSpec> outputs,
                        List<TransformSpec> transforms, List<OutputPort> outputPorts,
                        Optional<DataContract> declaredContract, List<ManagementPort> managementPorts,
                        List<Check> checks, List<Policy> policies, List<Objective> objectives,
                        Optional<DataProduct> restrictedSource, Set<String> principalRoles,
                        List<String> qualityEarnedBy, Set<String> requiredPorts) {
        this.metadata = metadata;
        this.principalRoles = Set.copyOf(principalRoles);
        this.qualityEarnedBy = List.copyOf(qualityEarnedBy);
        this.requiredPorts = Set.copyOf(requiredPorts);
        this.restrictedSource = restrictedSource;
        this.policies = List.copyOf(policies);
        this.objectives = List.copyOf(objectives);
        this.checks = List.copyOf(checks);
        this.managementPorts = List.copyOf(managementPorts);
        this.declaredContract = declaredContract;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.transforms = List.copyOf(transforms);
        this.outputPorts = List.copyOf(outputPorts);
    }

    /**
     * Starts the definition of a product.
     *
     * @param name the product name: lower-case letters, digits and {@code -}, starting with a letter
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts the definition of a <em>restricted</em> product: a view of another product through a
     * fixed policy, optionally narrowed to some columns and a fixed row filter. It stores no data
     * and has no transform: every read of it reads the source's snapshot through its policy.
     *
     * <pre>{@code
     * DataProduct directory = DataProduct.restricted("student-directory")
     *     .over(studentMaster)
     *     .domain("education").version("1.0.0").owner(owner).purpose("...")
     *     .project("students", "student_id", "name", "grade", "school_id", "email")
     *     .where("students", Expr.col("enrolled").eq(true))
     *     .access(Policy.forDataset("students").grant(...).build())
     *     .build();
     * }</pre>
     *
     * <p>Its outputs are the source datasets its policies govern, without the columns no grant
     * shows; a column some grant masks is documented as masked in its contract and loses its
     * constraints and examples there. Its only input names the source product.
     *
     * @param name the product name
     * @return a builder of kind derived, pattern restricted
     */
    public static Builder restricted(String name) {
        return new Builder(name).kind(ProductKind.derived(DerivedPattern.RESTRICTED));
    }

    /**
     * @return for a restricted product, the product whose snapshots it serves; empty for any other
     */
    public Optional<DataProduct> restrictedSource() {
        return restrictedSource;
    }

    /** @return what the product says about itself */
    public ProductMetadata metadata() {
        return metadata;
    }

    /** @return the product's permanent address */
    public ProductAddress address() {
        return metadata.address();
    }

    /**
     * Who the product is when it reads another product through a {@link ProductInput}: a
     * principal whose id is the product's address ({@code urn:dataproduct:<domain>:<name>:v<major>}),
     * with the roles declared by {@link Builder#principalRoles(String...)} and the attributes
     * {@code domain} and {@code product} (its name). Upstream policies grant it access like any
     * other consumer: to one of its roles, or to its id.
     *
     * @return the product's own principal
     */
    public Principal principal() {
        return new Principal(address().urn(), principalRoles, java.util.Map.of("domain", metadata.domain(),
                "product", metadata.name()));
    }

    /**
     * @return the names of the product's own blocking checks that earn it a quality tier above its
     *     inputs' ({@link Builder#qualityEarnedBy(String...)}); empty if none is declared
     */
    public List<String> qualityEarnedBy() {
        return qualityEarnedBy;
    }

    /**
     * @return the metric definitions of the product ({@link Builder#semanticModel}), each over one
     *     of its inputs or outputs; empty for a product that defines no metric
     */
    public List<dev.dataproduct.api.metric.SemanticModel> semanticModels() {
        return semanticModels;
    }

    /** @return the inputs that read other products, in declaration order */
    public List<ProductInput> productInputs() {
        return inputs.stream().filter(ProductInput.class::isInstance).map(ProductInput.class::cast).toList();
    }

    /** @return the input ports, in declaration order */
    public List<InputPort> inputs() {
        return inputs;
    }

    /** @return the output datasets, in declaration order */
    public List<DatasetSpec> outputs() {
        return outputs;
    }

    /**
     * @param name an output dataset name
     * @return that dataset's definition
     */
    public Optional<DatasetSpec> output(String name) {
        return outputs.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * @return one transform per output dataset, in the order of the outputs, each with the inputs
     *     it reads spelled out
     */
    public List<TransformSpec> transforms() {
        return transforms;
    }

    /** @return the output ports, in declaration order */
    public List<OutputPort> outputPorts() {
        return outputPorts;
    }

    /**
     * @return the names of the output ports declared with {@link Builder#serveRequired}: a run
     *     whose delivery to one of them fails is a failed run, though its snapshot stays committed
     */
    public Set<String> requiredPorts() {
        return requiredPorts;
    }

    /**
     * @return the quality checks declared with {@link Builder#check}, each with its dataset spelled
     *     out, in declaration order
     */
    public List<Check> checks() {
        return checks;
    }

    /**
     * @return when a product host runs the product, if the product says
     *     ({@link Builder#schedule(Schedule)})
     */
    public Optional<Schedule> schedule() {
        return schedule;
    }

    /**
     * @return the service level objectives declared with {@link Builder#objective}, in declaration
     *     order; the runtime adds those the contract's {@code slaProperties} promise
     */
    public List<Objective> objectives() {
        return objectives;
    }

    /** @return the management ports, in declaration order */
    public List<ManagementPort> managementPorts() {
        return managementPorts;
    }

    /**
     * @return the access policies declared with {@link Builder#access}, one per dataset at most,
     *     in declaration order; a dataset without one is read by no one
     */
    public List<Policy> policies() {
        return policies;
    }

    /**
     * @param dataset an output dataset name
     * @return its access policy, if one is declared
     */
    public Optional<Policy> policy(String dataset) {
        return policies.stream().filter(p -> p.dataset().equals(dataset)).findFirst();
    }

    /**
     * The contract the product publishes its outputs under: the one given to
     * {@link Builder#contract(DataContract)}, or else one generated from the outputs, with the
     * product's version, status, purpose, tags and owner, and a stable id from its domain and name.
     *
     * @return the output contract in the shape of ODCS v3.1
     */
    public DataContract contract() {
        if (declaredContract.isPresent()) {
            return declaredContract.get();
        }
        ProductMetadata m = metadata;
        List<SchemaObject> schema = new ArrayList<>();
        outputs.forEach(d -> schema.add(ContractSchemas.toSchemaObject(d)));
        TeamMember owner = new TeamMember("", m.owner().email(), m.owner().name(), "", "owner", "", "", "", List.of(),
                List.of(), List.of(), java.util.Map.of());
        Team team = new Team("", m.domain(), "", List.of(owner), List.of(), List.of(), List.of(), false,
                java.util.Map.of());
        return new DataContract(DataContract.CURRENT_API_VERSION, "DataContract", contractId(m.domain(), m.name()),
                m.version().toString(), m.status().name().toLowerCase(Locale.ROOT), m.name(), m.domain(), m.name(), "",
                List.copyOf(new TreeSet<>(m.tags())), new ContractDescription(m.purpose(), "", m.description(),
                List.of(), List.of(), java.util.Map.of()), schema, List.of(), AccessRoles.roles(policies, m.owner()),
                Optional.of(team), List.of(),
                Optional.empty(), List.of(), "", List.of(productLink()), List.of(), "", java.util.Map.of());
    }

    /** The contract's link back to the product by its stable address; ODCS names the product only by name. */
    private CustomProperty productLink() {
        return new CustomProperty("", PRODUCT_ID_PROPERTY, address().urn(),
                "The address of the data product that publishes under this contract.", java.util.Map.of());
    }

    /**
     * @return the contract given to {@link Builder#contract(DataContract)}, if the product was
     *     defined with one rather than generating it from its outputs
     */
    public Optional<DataContract> declaredContract() {
        return declaredContract;
    }

    /**
     * The custom property of a generated contract that names the product by its address, so that a
     * consumer holding only the contract finds the product's descriptor (ODCS {@code dataProduct}
     * holds the product's name).
     */
    public static final String PRODUCT_ID_PROPERTY = "dataProductId";

    /**
     * @param domain a product's domain
     * @param name a product's name
     * @return the stable id of the contracts the SDK generates for that product, the same for every version
     */
    public static String contractId(String domain, String name) {
        return ProductAddress.PREFIX + domain + ":" + name + ":contract";
    }

    /** @return the product's self-description, ready to serialise */
    public ProductDescriptor describe() {
        ProductAddress address = address();
        List<DatasetDescriptor> datasets = new ArrayList<>();
        for (DatasetSpec d : outputs) {
            datasets.add(new DatasetDescriptor(d.name(), address.dataset(d.name()), d.description(),
                    d.schema().fields()));
        }
        List<PortEntry> in = new ArrayList<>();
        for (InputPort p : inputs) {
            PortDescriptor d = p.descriptor();
            Optional<Upstream> up = p.upstream();
            in.add(new PortEntry(d.name(), address.port(d.name()), d.kind(), d.format(), d.location(),
                    up.map(Upstream::contractId).orElse(""), up.map(Upstream::version).orElse("")));
        }
        List<PortEntry> out = new ArrayList<>();
        DataContract contract = outputPorts.isEmpty() ? null : contract();
        for (OutputPort p : outputPorts) {
            PortDescriptor d = p.descriptor();
            out.add(new PortEntry(d.name(), address.port(d.name()), d.kind(), d.format(), d.location(), contract.id(),
                    contract.version()));
        }
        ProductMetadata m = metadata;
        return new ProductDescriptor(address.urn(), m.name(), m.domain(), m.version().toString(), m.owner(),
                m.purpose(), m.description(), m.alignment(), m.kind().isDerived() ? "derived" : "foundational",
                m.kind().pattern().map(p -> p.name().toLowerCase(Locale.ROOT)).orElse(""), m.qualityTier(),
                m.supportTier().level(), m.status(), List.copyOf(new TreeSet<>(m.tags())), m.links(), datasets, in,
                out, managementPorts, AccessRoles.options(policies));
    }

    @Override
    public String toString() {
        return "DataProduct[" + address() + ", version " + metadata.version() + "]";
    }

    /**
     * Builds a {@link DataProduct}. {@link #build()} checks the whole definition and reports every
     * problem at once.
     */
    public static final class Builder {
        private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*");

        private final String name;
        private String domain;
        private String version;
        private Owner owner;
        private String purpose;
        private String description = "";
        private Alignment alignment = Alignment.SOURCE;
        private ProductKind kind = ProductKind.FOUNDATIONAL;
        private QualityTier qualityTier = QualityTier.BRONZE;
        private SupportTier supportTier = SupportTier.TIER_4;
        private ProductStatus status = ProductStatus.DRAFT;
        private final Set<String> tags = new LinkedHashSet<>();
        private final List<Link> links = new ArrayList<>();
        private final List<InputPort> inputs = new ArrayList<>();
        private final List<Object> outputs = new ArrayList<>();
        private final List<TransformSpec> transforms = new ArrayList<>();
        private final List<OutputPort> outputPorts = new ArrayList<>();
        private final Set<String> requiredPorts = new LinkedHashSet<>();
        private final List<String> early = new ArrayList<>();
        private DataContract contract;
        private final List<ManagementPort> managementPorts = new ArrayList<>();
        private final List<Check> checks = new ArrayList<>();
        private final List<Policy> policies = new ArrayList<>();
        private final List<Objective> objectives = new ArrayList<>();
        private DataProduct over;
        private Schedule schedule;
        private final java.util.Map<String, Set<String>> projections = new java.util.LinkedHashMap<>();
        private final java.util.Map<String, Expr> fixedRows = new java.util.LinkedHashMap<>();
        private final Set<String> principalRoles = new LinkedHashSet<>();
        private final List<String> qualityEarnedBy = new ArrayList<>();
        private final List<dev.dataproduct.api.metric.SemanticModel> semanticModels = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @param value the owning domain, such as {@code retail} @return this builder */
        public Builder domain(String value) {
            this.domain = value;
            return this;
        }

        /** @param value a semantic version such as {@code 1.2.0} @return this builder */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** @param value the accountable person @return this builder */
        public Builder owner(Owner value) {
            this.owner = value;
            return this;
        }

        /** @param text what the product is for, in one or two sentences @return this builder */
        public Builder purpose(String text) {
            this.purpose = text;
            return this;
        }

        /** @param text a longer description @return this builder */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /** @param value what the product is aligned to; {@code SOURCE} by default @return this builder */
        public Builder alignment(Alignment value) {
            this.alignment = Objects.requireNonNull(value, "alignment");
            return this;
        }

        /** @param value foundational (the default) or derived @return this builder */
        public Builder kind(ProductKind value) {
            this.kind = Objects.requireNonNull(value, "kind");
            return this;
        }

        /** @param value the quality promised; {@code BRONZE} by default @return this builder */
        public Builder qualityTier(QualityTier value) {
            this.qualityTier = Objects.requireNonNull(value, "qualityTier");
            return this;
        }

        /** @param value the support promised; tier 4 by default @return this builder */
        public Builder supportTier(SupportTier value) {
            this.supportTier = Objects.requireNonNull(value, "supportTier");
            return this;
        }

        /**
         * @param level the support promised, 1 (most) to 4 (best effort); anything else is
         *     reported by {@link #build()}
         * @return this builder
         */
        public Builder supportTier(int level) {
            try {
                this.supportTier = SupportTier.of(level);
            } catch (IllegalArgumentException e) {
                early.add(e.getMessage());
            }
            return this;
        }

        /** @param value where the product is in its life; {@code DRAFT} by default @return this builder */
        public Builder status(ProductStatus value) {
            this.status = Objects.requireNonNull(value, "status");
            return this;
        }

        /** @param values keywords for discovery @return this builder */
        public Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /**
         * @param title what the link leads to
         * @param href where it leads; an invalid URI is reported by {@link #build()}
         * @return this builder
         */
        public Builder link(String title, String href) {
            try {
                links.add(Link.of(title, href));
            } catch (IllegalArgumentException e) {
                early.add("link '" + title + "': " + e.getMessage());
            }
            return this;
        }

        /**
         * The roles of the product's own {@linkplain DataProduct#principal() principal}, which
         * upstream policies grant access to when the product reads them through a
         * {@link ProductInput}. None by default: then only a grant to the product's address reads.
         *
         * @param roles role names, such as {@code analyst}
         * @return this builder
         */
        public Builder principalRoles(String... roles) {
            for (String r : roles) {
                principalRoles.add(Objects.requireNonNull(r, "role"));
            }
            return this;
        }

        /**
         * Declares the product's own checks as the reason for a quality tier above its inputs'
         * (a gold product built from bronze data, say). Each named check must be a check of the
         * product with severity error, so that a run whose data fails it publishes nothing. Without
         * this, a product's quality tier may be no higher than the lowest tier of the products it
         * reads.
         *
         * @param checkNames names of the product's checks
         * @return this builder
         */
        public Builder qualityEarnedBy(String... checkNames) {
            for (String c : checkNames) {
                qualityEarnedBy.add(Objects.requireNonNull(c, "check name"));
            }
            return this;
        }

        /** @param port an input port; transforms read it by its name @return this builder */
        public Builder input(InputPort port) {
            inputs.add(Objects.requireNonNull(port, "input"));
            return this;
        }

        /** @param dataset an output dataset being defined @return this builder */
        public Builder output(DatasetSpec.Builder dataset) {
            outputs.add(Objects.requireNonNull(dataset, "output"));
            return this;
        }

        /** @param dataset an output dataset @return this builder */
        public Builder output(DatasetSpec dataset) {
            outputs.add(Objects.requireNonNull(dataset, "output"));
            return this;
        }

        /**
         * Publishes the outputs under an existing contract, for example one read from an ODCS file.
         * Without {@link #output} calls, the outputs are the contract's schema objects; with them,
         * each output must be an object of the contract. The contract's major version must be the
         * product's.
         *
         * @param value the output contract
         * @return this builder
         */
        public Builder contract(DataContract value) {
            this.contract = Objects.requireNonNull(value, "contract");
            return this;
        }

        /**
         * @param port a port for managing or observing the product, such as where its data sheet is
         * @return this builder
         */
        public Builder managementPort(ManagementPort port) {
            managementPorts.add(Objects.requireNonNull(port, "management port"));
            return this;
        }

        /**
         * Adds quality checks, computed on every run over the published rows. A check without a
         * dataset applies to the product's only output. An error-severity failure stops publication.
         *
         * @param values the checks
         * @return this builder
         */
        public Builder check(Check... values) {
            for (Check c : values) {
                checks.add(Objects.requireNonNull(c, "check"));
            }
            return this;
        }

        /**
         * Declares service level objectives, measured by the runtime on every run (and by the
         * serving ports on every read, for availability).
         *
         * @param values the objectives; names must be unique within the product
         * @return this builder
         */
        public Builder objective(Objective... values) {
            for (Objective o : values) {
                objectives.add(Objects.requireNonNull(o, "objective"));
            }
            return this;
        }

        /**
         * When a product host runs the product: at an interval, at the times of a cron expression,
         * or when an input has a new snapshot. Without one, the product runs when asked.
         *
         * @param value the schedule
         * @return this builder
         */
        public Builder schedule(Schedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /**
         * Declares delivery ports, each handed every committed snapshot as its
         * {@linkplain OutputPort#audience() audience} may read it. A port that fails is reported in
         * the run's result; the run still succeeds.
         *
         * @param ports the delivery ports
         * @return this builder
         */
        public Builder serve(OutputPort... ports) {
            for (OutputPort p : ports) {
                outputPorts.add(Objects.requireNonNull(p, "output port"));
            }
            return this;
        }

        /**
         * Declares delivery ports whose failure fails the run: the snapshot stays committed and
         * current (a commit is durable and is never undone), but the run's result is failed and the
         * runtime throws, so that the failure cannot go unnoticed; redeliver the snapshot once the
         * port works again.
         *
         * @param ports the delivery ports that must deliver every snapshot
         * @return this builder
         */
        public Builder serveRequired(OutputPort... ports) {
            serve(ports);
            for (OutputPort p : ports) {
                requiredPorts.add(p.descriptor().name());
            }
            return this;
        }

        /**
         * The transform of a product with one output dataset; it may read every input.
         *
         * @param transform the user code
         * @return this builder
         */
        public Builder transform(Transform transform) {
            transforms.add(new TransformSpec("", Set.of(), transform));
            return this;
        }

        /**
         * The transform of a product with one output dataset, returning the output as a dataset;
         * it may read every input.
         *
         * @param function returns the output, for example {@code ctx -> ctx.input("orders")}
         * @return this builder
         */
        public Builder transform(Function<TransformContext, Dataset> function) {
            return transform(Transform.of(function));
        }

        /**
         * A transform for a named output dataset, reading named inputs.
         *
         * @param spec the transform with its output and inputs
         * @return this builder
         */
        public Builder transform(TransformSpec spec) {
            transforms.add(Objects.requireNonNull(spec, "transform"));
            return this;
        }

        /**
         * Declares metric definitions over one of the product's inputs or outputs: they are
         * exported with the product (descriptor, data sheet, YAML) and answer metric queries. A
         * metric product also publishes datasets of them (see {@code core.metric.MetricProduct}).
         *
         * @param model the definitions
         * @return this builder
         */
        public Builder semanticModel(dev.dataproduct.api.metric.SemanticModel model) {
            semanticModels.add(Objects.requireNonNull(model, "model"));
            return this;
        }

        /**
         * Declares who may read which rows and values of output datasets. Every read goes through
         * them; a dataset without a policy is read by no one (deny by default).
         *
         * @param values one policy per dataset
         * @return this builder
         */
        public Builder access(Policy... values) {
            for (Policy p : values) {
                policies.add(Objects.requireNonNull(p, "policy"));
            }
            return this;
        }

        /**
         * The product a {@linkplain DataProduct#restricted(String) restricted} product serves.
         *
         * @param source the product restricted
         * @return this builder
         */
        public Builder over(DataProduct source) {
            this.over = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Narrows a restricted product's view of a dataset to some columns; the others are
         * hidden from every grant and absent from its contract.
         *
         * @param dataset a dataset of the source
         * @param columns the columns kept
         * @return this builder
         */
        public Builder project(String dataset, String... columns) {
            projections.computeIfAbsent(Objects.requireNonNull(dataset, "dataset"), k -> new LinkedHashSet<>())
                    .addAll(List.of(columns));
            return this;
        }

        /**
         * Narrows a restricted product's view of a dataset to a fixed slice of rows, for every
         * grant alike (it is combined with each grant's own filter by AND).
         *
         * @param dataset a dataset of the source
         * @param rows a predicate over its columns (and principal attributes)
         * @return this builder
         */
        public Builder where(String dataset, Expr rows) {
            fixedRows.put(Objects.requireNonNull(dataset, "dataset"), Objects.requireNonNull(rows, "rows"));
            return this;
        }

        /**
         * Checks the whole definition and builds the product.
         *
         * @return the product
         * @throws InvalidDefinitionException listing every problem found
         */
        public DataProduct build() {
            List<String> problems = new ArrayList<>(early);
            if (!NAME.matcher(name).matches()) {
                problems.add("name '" + name + "' must be lower-case letters, digits and '-', starting with a letter");
            }
            if (domain == null || domain.isBlank()) {
                problems.add("no domain: call domain(\"...\") with the owning domain, such as \"retail\"");
            } else if (!NAME.matcher(domain).matches()) {
                problems.add("domain '" + domain + "' must be lower-case letters, digits and '-', starting with a letter");
            }
            SemanticVersion semver = null;
            if (version == null) {
                problems.add("no version: call version(\"1.0.0\")");
            } else {
                try {
                    semver = SemanticVersion.parse(version);
                } catch (IllegalArgumentException e) {
                    problems.add("version: " + e.getMessage());
                }
            }
            if (owner == null) {
                problems.add("no owner: call owner(Owner.person(name, email)) with the accountable person");
            }
            if (purpose == null || purpose.isBlank()) {
                problems.add("no purpose: say in one or two sentences what the product is for");
            } else if (purpose.length() > ProductMetadata.MAX_PURPOSE_LENGTH) {
                problems.add("purpose is " + purpose.length() + " characters long; keep it to "
                        + ProductMetadata.MAX_PURPOSE_LENGTH + " and put the rest in description(...)");
            }
            boolean restricted = kind.pattern().equals(Optional.of(DerivedPattern.RESTRICTED));
            RestrictedView view = restricted ? RestrictedView.of(over, inputs, outputs, transforms, policies,
                    projections, fixedRows, problems) : null;
            if (restricted && contract != null) {
                problems.add("a restricted product's contract is derived from its source's; remove contract(...)");
            }
            if (!restricted && (over != null || !projections.isEmpty() || !fixedRows.isEmpty())) {
                problems.add("over(...), project(...) and where(...) define a restricted product; start it with "
                        + "DataProduct.restricted(name)");
            }
            List<InputPort> inputs = restricted ? view.inputs() : this.inputs;
            List<Object> outputs = restricted ? new ArrayList<>(view.outputs()) : this.outputs;
            if (kind.isDerived() && inputs.isEmpty() && !restricted) {
                problems.add("a derived product (" + kind + ") needs at least one input");
            }

            List<DatasetSpec> datasets = new ArrayList<>();
            Set<String> datasetNames = new LinkedHashSet<>();
            for (Object o : outputs) {
                String datasetName;
                if (o instanceof DatasetSpec.Builder b) {
                    datasetName = b.name();
                    List<String> datasetProblems = b.problems();
                    problems.addAll(datasetProblems);
                    if (datasetProblems.isEmpty()) {
                        datasets.add(b.build());
                    }
                } else {
                    DatasetSpec d = (DatasetSpec) o;
                    datasetName = d.name();
                    datasets.add(d);
                }
                if (!datasetNames.add(datasetName)) {
                    problems.add("dataset '" + datasetName + "' is declared more than once");
                }
            }
            if (contract != null) {
                checkContract(semver, datasets, datasetNames, problems);
            }
            if (datasets.isEmpty() && datasetNames.isEmpty() && !restricted) {
                problems.add("no output dataset: declare at least one with output(DatasetSpec.named(...))");
            }

            Set<String> inputNames = new LinkedHashSet<>();
            Set<String> portNames = new LinkedHashSet<>();
            for (InputPort p : inputs) {
                String portName = p.descriptor().name();
                if (!inputNames.add(portName)) {
                    problems.add("input '" + portName + "' is declared more than once");
                }
                portNames.add(portName);
            }
            List<String> outputAndManagement = new ArrayList<>();
            outputPorts.forEach(p -> outputAndManagement.add(p.descriptor().name()));
            managementPorts.forEach(p -> outputAndManagement.add(p.name()));
            for (String portName : outputAndManagement) {
                if (!portNames.add(portName)) {
                    problems.add("port name '" + portName + "' is used by more than one port; each port needs its "
                            + "own name for its address");
                }
            }

            List<TransformSpec> resolved = restricted ? List.of() : resolveTransforms(datasetNames, inputNames, problems);
            List<Check> resolvedChecks = resolveChecks(datasets, inputNames, problems);
            if (!restricted) {
                checkPolicies(datasets, datasetNames, problems);
            }
            checkObjectives(datasetNames, resolvedChecks, problems);
            checkSchedule(restricted, inputs, problems);
            checkEarnedQuality(resolvedChecks, problems);
            for (dev.dataproduct.api.metric.SemanticModel m : semanticModels) {
                if (!inputNames.contains(m.dataset()) && !datasetNames.contains(m.dataset())) {
                    problems.add("semantic model '" + m.name() + "' is over '" + m.dataset() + "', which is neither "
                            + "an input " + inputNames + " nor an output " + datasetNames);
                }
            }

            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException("product '" + name + "'", problems);
            }
            ProductMetadata metadata = new ProductMetadata(name, domain, semver, owner, purpose, description,
                    alignment, kind, qualityTier, supportTier, status, tags, links);
            DataProduct product = new DataProduct(metadata, inputs, datasets, resolved, outputPorts,
                    Optional.ofNullable(contract), managementPorts, resolvedChecks,
                    restricted ? view.policies() : policies, objectives, Optional.ofNullable(over).filter(o -> restricted),
                    principalRoles, qualityEarnedBy, requiredPorts);
            product.schedule = Optional.ofNullable(schedule);
            product.semanticModels = List.copyOf(semanticModels);
            return product;
        }

        private void checkSchedule(boolean restricted, List<InputPort> inputs, List<String> problems) {
            if (schedule == null) {
                return;
            }
            if (restricted) {
                problems.add("a restricted product is a view of its source and is never run; remove schedule(...) "
                        + "and schedule the source instead");
                return;
            }
            if (!(schedule instanceof Schedule.OnInputSnapshot trigger)) {
                return;
            }
            List<String> reading = inputs.stream().filter(p -> p.upstream().isPresent())
                    .map(p -> p.descriptor().name()).toList();
            if (trigger.inputs().isEmpty() && reading.isEmpty()) {
                problems.add("schedule: runs on a new input snapshot, but no input reads another product (none has "
                        + "an upstream()); schedule it with Schedule.every(...) or Schedule.cron(...)");
            }
            for (String name : trigger.inputs()) {
                boolean declared = inputs.stream().anyMatch(p -> p.descriptor().name().equals(name));
                if (!declared) {
                    problems.add("schedule: runs on a new snapshot of input '" + name + "', which is not an input; "
                            + "inputs are " + inputs.stream().map(p -> p.descriptor().name()).toList());
                } else if (!reading.contains(name)) {
                    problems.add("schedule: input '" + name + "' reads no other product (its upstream() is empty), "
                            + "so it has no snapshots to run on; watch inputs " + reading + " or use a clock schedule");
                }
            }
        }

        /** The checks that earn a quality tier must exist and stop publication when they fail. */
        private void checkEarnedQuality(List<Check> resolvedChecks, List<String> problems) {
            for (String name : qualityEarnedBy) {
                List<Check> named = resolvedChecks.stream().filter(c -> c.name().equals(name)).toList();
                if (named.isEmpty()) {
                    problems.add("qualityEarnedBy names check '" + name + "', which the product does not declare; "
                            + "its checks are " + resolvedChecks.stream().map(Check::name).distinct().toList());
                } else if (named.stream().anyMatch(c -> c.severity() != Severity.ERROR)) {
                    problems.add("qualityEarnedBy names check '" + name + "', which is not blocking: a check that "
                            + "earns a quality tier needs severity error, so that failing data is not published");
                }
            }
        }

        private void checkPolicies(List<DatasetSpec> datasets, Set<String> datasetNames, List<String> problems) {
            Set<String> governed = new LinkedHashSet<>();
            for (Policy p : policies) {
                if (!governed.add(p.dataset())) {
                    problems.add("dataset '" + p.dataset() + "' has more than one access policy; merge their grants");
                }
                Optional<DatasetSpec> spec = datasets.stream().filter(d -> d.name().equals(p.dataset())).findFirst();
                if (spec.isPresent()) {
                    problems.addAll(p.problems(spec.get()));
                } else if (!datasetNames.contains(p.dataset())) {
                    problems.add("an access policy governs dataset '" + p.dataset() + "', which is not an output; "
                            + "outputs are " + datasetNames);
                }
            }
        }

        /**
         * An objective names a dataset of the product, or for availability one of its output ports;
         * a freshness objective on {@code dataset.column} reads that column's freshness check.
         */
        private void checkObjectives(Set<String> datasetNames, List<Check> resolvedChecks, List<String> problems) {
            Set<String> names = new LinkedHashSet<>();
            Set<String> ports = new LinkedHashSet<>();
            outputPorts.forEach(p -> ports.add(p.descriptor().name()));
            for (Objective o : objectives) {
                if (!names.add(o.name())) {
                    problems.add("objective '" + o.name() + "' is declared more than once; give one a name with "
                            + "named(...)");
                }
                if (o.scope().isEmpty()) {
                    continue;
                }
                Set<String> known = o.indicator() == Indicator.AVAILABILITY ? ports : datasetNames;
                int dot = o.scope().indexOf('.');
                if (o.indicator() == Indicator.FRESHNESS && dot > 0) {
                    String dataset = o.scope().substring(0, dot);
                    String column = o.scope().substring(dot + 1);
                    boolean checked = resolvedChecks.stream().anyMatch(c -> c.dataset().equals(dataset)
                            && c.metric().equals(new Metric.Freshness(column)));
                    if (!checked) {
                        problems.add("objective '" + o.name() + "' measures the newest event time of " + o.scope()
                                + ", which needs a freshness check on it: add check(Check.freshness(\"" + column
                                + "\").on(\"" + dataset + "\")...)");
                    }
                } else if (!known.contains(o.scope())) {
                    problems.add("objective '" + o.name() + "' is on '" + o.scope() + "', which is no "
                            + (o.indicator() == Indicator.AVAILABILITY ? "output port" : "output dataset")
                            + " of the product; it has " + known);
                }
            }
        }

        private List<Check> resolveChecks(List<DatasetSpec> datasets, Set<String> inputNames, List<String> problems) {
            List<Check> resolved = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (Check c : checks) {
                String where = "check '" + c.name() + "'";
                Optional<DatasetSpec> dataset;
                if (c.dataset().isEmpty()) {
                    if (datasets.size() != 1) {
                        problems.add(where + " names no dataset but the product has " + datasets.size()
                                + " outputs; say which with on(\"dataset\")");
                        continue;
                    }
                    dataset = Optional.of(datasets.get(0));
                } else {
                    dataset = datasets.stream().filter(d -> d.name().equals(c.dataset())).findFirst();
                    if (dataset.isEmpty()) {
                        problems.add(where + " checks dataset '" + c.dataset() + "', which is not an output; outputs are "
                                + datasets.stream().map(DatasetSpec::name).toList());
                        continue;
                    }
                }
                DatasetSpec d = dataset.get();
                for (String column : c.metric().columns()) {
                    if (d.schema().field(column).isEmpty()) {
                        problems.add(where + " reads column '" + column + "', which dataset '" + d.name()
                                + "' does not have; its columns are " + d.schema().fieldNames());
                    }
                }
                if (c.metric() instanceof Metric.OrphanCount o && !inputNames.contains(o.referenceDataset())
                        && datasets.stream().noneMatch(x -> x.name().equals(o.referenceDataset()))) {
                    problems.add(where + " refers to dataset '" + o.referenceDataset()
                            + "', which is neither an input nor an output of the product");
                }
                Check withDataset = c.on(d.name());
                if (!names.add(d.name() + "/" + c.name())) {
                    problems.add(where + " on dataset '" + d.name() + "' is declared twice; give one another name with "
                            + "named(...)");
                }
                resolved.add(withDataset);
            }
            return resolved;
        }

        private void checkContract(SemanticVersion semver, List<DatasetSpec> datasets, Set<String> datasetNames,
                                   List<String> problems) {
            String which = "contract '" + contract.id() + "' version " + contract.version();
            try {
                SemanticVersion contractVersion = SemanticVersion.parse(contract.version());
                if (semver != null && contractVersion.major() != semver.major()) {
                    problems.add(which + " has major version " + contractVersion.major() + " but the product version "
                            + semver + " has " + semver.major() + "; a product's major version follows the major "
                            + "version of its output contract");
                }
            } catch (IllegalArgumentException e) {
                problems.add(which + ": " + e.getMessage());
            }
            if (this.outputs.isEmpty()) {
                for (DatasetSpec d : ContractSchemas.toDatasets(contract, problems)) {
                    datasets.add(d);
                    datasetNames.add(d.name());
                }
                if (contract.schema().isEmpty()) {
                    problems.add(which + " has no schema objects to publish");
                }
            } else {
                for (String d : datasetNames) {
                    if (contract.object(d).isEmpty()) {
                        problems.add("dataset '" + d + "' is not an object of " + which + "; its objects are "
                                + contract.schema().stream().map(SchemaObject::name).toList());
                    }
                }
            }
        }

        private List<TransformSpec> resolveTransforms(Set<String> datasetNames, Set<String> inputNames,
                                                      List<String> problems) {
            List<TransformSpec> resolved = new ArrayList<>();
            Set<String> built = new LinkedHashSet<>();
            Set<String> read = new LinkedHashSet<>();
            for (TransformSpec t : transforms) {
                String output = t.output();
                if (output.isEmpty()) {
                    if (datasetNames.size() != 1) {
                        problems.add("a transform without a named output needs exactly one output dataset, but there are "
                                + datasetNames.size() + "; use transform(TransformSpec.to(\"dataset\")...)");
                        continue;
                    }
                    output = datasetNames.iterator().next();
                }
                if (!datasetNames.contains(output)) {
                    problems.add("a transform builds dataset '" + output + "', which is not an output; outputs are "
                            + datasetNames);
                }
                if (!built.add(output)) {
                    problems.add("dataset '" + output + "' is built by more than one transform");
                }
                Set<String> reads = t.inputs().isEmpty() ? inputNames : t.inputs();
                for (String in : reads) {
                    if (!inputNames.contains(in)) {
                        problems.add("the transform of '" + output + "' reads input '" + in
                                + "', which is not declared; inputs are " + inputNames);
                    }
                }
                read.addAll(reads);
                resolved.add(new TransformSpec(output, reads, t.transform()));
            }
            for (String d : datasetNames) {
                if (!built.contains(d)) {
                    problems.add("no transform builds dataset '" + d + "'; add transform(...) for it");
                }
            }
            for (String in : inputNames) {
                if (!read.contains(in)) {
                    problems.add("input '" + in + "' is not read by any transform; read it or remove it");
                }
            }
            resolved.sort(java.util.Comparator.comparingInt(t -> new ArrayList<>(datasetNames).indexOf(t.output())));
            return resolved;
        }
    }
}
