package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;

/**
 * The OpenAPI 3.1 document of one product's REST interface, generated from its definition and
 * contract: a row schema per dataset from the field types, required flags, constraints and
 * descriptions; the rows query parameters; the error responses as problem details; the bearer
 * security scheme.
 */
final class OpenApiDocument {
    static final String VERSION = "3.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    static ObjectNode of(DataProduct product, String serverUrl, String productPath) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", product.address().domain() + "/" + product.address().name());
        info.put("version", product.metadata().version().toString());
        info.put("description", "The REST interface of data product " + product.address().urn()
                + ". " + product.metadata().purpose());
        doc.putArray("servers").addObject().put("url", serverUrl);
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "A bearer token, checked by the host's authenticator (static token or "
                        + "HS256 JWT).");
        schemas.set("Problem", problemSchema());
        ObjectNode responses = components.putObject("responses");
        error(responses, "BadRequest", "The query is malformed; the problem names the parameter at fault.");
        error(responses, "Unauthorized", "No credentials, or credentials that are not valid.");
        error(responses, "Forbidden", "The principal may not read this; no detail of the policy is given.");
        error(responses, "NotFound", "No such product, dataset or snapshot.");
        error(responses, "NotAcceptable", "None of the media types in Accept is served.");

        simple(paths, productPath, "The product's descriptor (ODPS)", "descriptor", true);
        simple(paths, productPath + "/contract", "The product's data contract (ODCS)", "contract", true);
        simple(paths, productPath + "/openapi.json", "This document", "openapi", false);
        simple(paths, productPath + "/snapshots", "The committed snapshots: id, time, row counts", "snapshots",
                false);
        simple(paths, productPath + "/quality", "The quality report of the latest run", "quality", false);
        simple(paths, productPath + "/usage", "Usage metrics of the product's ports", "usage", false);
        for (DatasetSpec d : product.outputs()) {
            String rowName = schemaName(d.name());
            schemas.set(rowName, rowSchema(d));
            paths.set(productPath + "/datasets/" + d.name(), rowsPath(d, rowName));
        }
        if (!product.semanticModels().isEmpty()) {
            paths.set(productPath + "/metrics", metricsPath(product));
        }
        return doc;
    }

    /** Ad hoc metric queries of the product's semantic models, answered as rows. */
    private static ObjectNode metricsPath(DataProduct product) {
        ObjectNode item = JSON.createObjectNode();
        ObjectNode get = item.putObject("get");
        get.put("summary", "Metrics by dimensions, computed from the rows the caller may read");
        get.put("operationId", "metrics");
        ArrayNode params = get.putArray("parameters");
        param(params, "metrics", "Metrics to compute, separated by commas; one of "
                + product.semanticModels().stream().flatMap(m -> m.metrics().stream()).map(m -> m.name()).toList())
                .put("required", true);
        param(params, "by", "Groups separated by commas: a dimension, or a time dimension and its grain "
                + "(ordered_at__month; day, week, month, quarter or year).");
        param(params, "model", "The semantic model, when the product has several; the first otherwise.");
        // any column of the model's rows filters; the dimensions' columns are the ones worth naming
        java.util.Set<String> columns = new java.util.LinkedHashSet<>();
        product.semanticModels().forEach(m -> m.dimensions().forEach(d -> columns.addAll(d.expr().columns())));
        columns.removeAll(java.util.List.of("metrics", "by", "model"));
        for (String c : columns) {
            param(params, c, "Filter on the rows' column " + c + " before the metrics are computed, as on the rows "
                    + "endpoint: op.value with op one of eq, neq, gt, gte, lt, lte, like (text, * as wildcard), "
                    + "in.(a,b), is.null; not. negates. Any column of the model's rows filters the same way; "
                    + "filters combine with AND and with the caller's row policy.");
        }
        ObjectNode responses = get.putObject("responses");
        ObjectNode content = responses.putObject("200").put("description", "One row per group, then its metrics.")
                .putObject("content");
        content.putObject("application/json").putObject("schema").put("type", "array").putObject("items")
                .put("type", "object");
        content.putObject("text/csv").putObject("schema").put("type", "string");
        content.putObject("application/vnd.apache.arrow.stream").putObject("schema").put("type", "string")
                .put("contentMediaType", "application/vnd.apache.arrow.stream");
        ref(responses, "400", "BadRequest");
        ref(responses, "401", "Unauthorized");
        ref(responses, "403", "Forbidden");
        ref(responses, "404", "NotFound");
        ref(responses, "406", "NotAcceptable");
        error(responses, "409", "The rows repeat a key on the side of a dimension join declared one row per key, "
                + "so that metrics would count rows twice; the problem gives counts, never key values.");
        return item;
    }

    /**
     * Adds the online feature lookup of a feature product to its document.
     *
     * @param doc a document made by {@link #of}
     * @param productPath the product's path
     * @param view the feature view served
     */
    static void features(ObjectNode doc, String productPath, dev.dataproduct.api.feature.FeatureView view) {
        ObjectNode get = ((ObjectNode) doc.get("paths")).putObject(productPath + "/features").putObject("get");
        get.put("summary", "Online features of entities '" + view.entity().name() + "' now, as the caller may see them");
        get.put("operationId", "features");
        get.put("description", "The latest value of each feature of view '" + view.name() + "' with event_time <= now "
                + "and event_time > now - " + view.maxAge() + ", and its status: PRESENT, NULL_VALUE, NOT_FOUND "
                + "(also for a row the caller may not see) or EXPIRED. Features the caller may not see are left out.");
        param(get.putArray("parameters"), "keys", "The entities' keys (" + String.join(", ", view.entity()
                .keyColumns()) + "), separated by commas; the parts of a composite key joined by '|'; at most "
                + FeatureAnswers.MAX_KEYS + ".").put("required", true);
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "One entry per key, in order.");
        ObjectNode schema = ok.putObject("content").putObject("application/json").putObject("schema");
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("view").put("type", "string");
        props.putObject("at").put("type", "string").put("format", "date-time");
        ObjectNode entity = props.putObject("entities").put("type", "array").putObject("items").put("type", "object");
        ObjectNode entityProps = entity.putObject("properties");
        entityProps.putObject("key").put("type", "array").putObject("items").put("type", "string");
        ObjectNode value = JSON.createObjectNode().put("type", "object");
        ObjectNode valueProps = value.putObject("properties");
        valueProps.putObject("value");
        ArrayNode statuses = valueProps.putObject("status").put("type", "string").putArray("enum");
        for (dev.dataproduct.api.feature.FeatureStatus s : dev.dataproduct.api.feature.FeatureStatus.values()) {
            statuses.add(s.name());
        }
        valueProps.putObject("eventTime").put("type", "string").put("format", "date-time");
        entityProps.putObject("features").put("type", "object").set("additionalProperties", value);
        ref(responses, "400", "BadRequest");
        ref(responses, "401", "Unauthorized");
        ref(responses, "403", "Forbidden");
        ref(responses, "404", "NotFound");
        ref(responses, "406", "NotAcceptable");
    }

    private static void simple(ObjectNode paths, String path, String summary, String id, boolean yaml) {
        ObjectNode get = paths.putObject(path).putObject("get");
        get.put("summary", summary);
        get.put("operationId", id);
        ObjectNode ok = get.putObject("responses").putObject("200");
        ok.put("description", summary);
        ObjectNode content = ok.putObject("content");
        content.putObject("application/json").putObject("schema").put("type", "object");
        if (yaml) {
            content.putObject("application/yaml").putObject("schema").put("type", "string");
        }
        ObjectNode responses = (ObjectNode) get.get("responses");
        ref(responses, "401", "Unauthorized");
        ref(responses, "404", "NotFound");
        ref(responses, "406", "NotAcceptable");
    }

    private static ObjectNode rowsPath(DatasetSpec d, String rowName) {
        ObjectNode item = JSON.createObjectNode();
        ObjectNode get = item.putObject("get");
        get.put("summary", "Rows of dataset " + d.name() + ", as the caller may see them");
        get.put("operationId", "rows_" + d.name().replaceAll("[^A-Za-z0-9_]", "_"));
        if (!d.description().isEmpty()) {
            get.put("description", d.description());
        }
        ArrayNode params = get.putArray("parameters");
        param(params, "select", "Columns to return, separated by commas (select=a,b); all readable ones if absent.");
        param(params, "order", "Sort keys separated by commas, each col, col.asc or col.desc.");
        param(params, "limit", "Rows per page; follow the Link rel=\"next\" header for the next page.")
                .set("schema", JSON.createObjectNode().put("type", "integer").put("minimum", 0));
        param(params, "cursor", "The cursor of the next page, as given in the Link header.");
        param(params, "snapshot", "Read this snapshot id instead of the current one.");
        param(params, "asOf", "Read the snapshot current at this instant (RFC 3339).")
                .set("schema", JSON.createObjectNode().put("type", "string").put("format", "date-time"));
        for (Field f : d.schema().fields()) {
            param(params, f.name(), "Filter on " + f.name() + " in the PostgREST style: op.value with op one of "
                    + "eq, neq, gt, gte, lt, lte, like (text, * as wildcard), in.(a,b), is.null; not. negates.");
        }
        params.addObject().put("name", "If-None-Match").put("in", "header")
                .put("description", "An ETag of an earlier answer; 304 if unchanged.")
                .putObject("schema").put("type", "string");
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "A page of rows; a Link rel=\"next\" header when there are more.");
        ObjectNode headers = ok.putObject("headers");
        headers.putObject("ETag").put("description", "Strong validator of snapshot, query and caller's scope.")
                .putObject("schema").put("type", "string");
        headers.putObject("Link").put("description", "RFC 8288 link to the next page (rel=\"next\").")
                .putObject("schema").put("type", "string");
        ObjectNode content = ok.putObject("content");
        content.putObject("application/json").putObject("schema").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/" + rowName);
        content.putObject("text/csv").putObject("schema").put("type", "string");
        content.putObject("application/vnd.apache.arrow.stream").putObject("schema").put("type", "string")
                .put("contentMediaType", "application/vnd.apache.arrow.stream");
        responses.putObject("304").put("description", "Not modified since the ETag given in If-None-Match.");
        ref(responses, "400", "BadRequest");
        ref(responses, "401", "Unauthorized");
        ref(responses, "403", "Forbidden");
        ref(responses, "404", "NotFound");
        ref(responses, "406", "NotAcceptable");
        error(responses, "409", "The rows repeat a key on the side of a dimension join declared one row per key, "
                + "so that metrics would count rows twice; the problem gives counts, never key values.");
        return item;
    }

    private static ObjectNode param(ArrayNode params, String name, String description) {
        ObjectNode p = params.addObject();
        p.put("name", name).put("in", "query").put("required", false).put("description", description);
        p.putObject("schema").put("type", "string");
        return p;
    }

    private static void ref(ObjectNode responses, String status, String name) {
        responses.putObject(status).put("$ref", "#/components/responses/" + name);
    }

    private static void error(ObjectNode responses, String name, String description) {
        ObjectNode r = responses.putObject(name);
        r.put("description", description);
        r.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
    }

    private static ObjectNode problemSchema() {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "object").put("description", "Problem details (RFC 9457)");
        ObjectNode props = s.putObject("properties");
        props.putObject("type").put("type", "string").put("format", "uri-reference");
        props.putObject("title").put("type", "string");
        props.putObject("status").put("type", "integer");
        props.putObject("detail").put("type", "string");
        props.putObject("instance").put("type", "string").put("format", "uri-reference");
        props.putObject("parameter").put("type", "string")
                .put("description", "The query parameter or header at fault, when there is one.");
        return s;
    }

    static String schemaName(String dataset) {
        return dataset.replaceAll("[^A-Za-z0-9._-]", "_") + "Row";
    }

    private static ObjectNode rowSchema(DatasetSpec d) {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "object");
        if (!d.description().isEmpty()) {
            s.put("description", d.description());
        }
        ObjectNode props = s.putObject("properties");
        for (Field f : d.schema().fields()) {
            ObjectNode p = typeSchema(f.type(), !f.required());
            if (f.description() != null && !f.description().isEmpty()) {
                p.put("description", f.description());
            }
            constraints(p, f.type(), f.constraints());
            if (f.primaryKeyPosition() > 0) {
                p.put("x-primary-key-position", f.primaryKeyPosition());
            }
            p.put("x-classification", f.classification().name().toLowerCase(java.util.Locale.ROOT));
            props.set(f.name(), p);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode typeSchema(LogicalType type, boolean nullable) {
        ObjectNode p = JSON.createObjectNode();
        String json;
        if (type instanceof LogicalType.IntegerType it) {
            json = "integer";
            p.put("format", it.bitWidth() <= 32 ? "int32" : "int64");
        } else if (type instanceof LogicalType.FloatingType ft) {
            json = "number";
            p.put("format", ft.bitWidth() <= 32 ? "float" : "double");
        } else if (type instanceof LogicalType.DecimalType) {
            json = "number";
        } else if (type instanceof LogicalType.BooleanType) {
            json = "boolean";
        } else if (type instanceof LogicalType.DateType) {
            json = "string";
            p.put("format", "date");
        } else if (type instanceof LogicalType.TimeType) {
            json = "string";
            p.put("format", "time");
        } else if (type instanceof LogicalType.TimestampType) {
            json = "string";
            p.put("format", "date-time");
        } else if (type instanceof LogicalType.ArrayType at) {
            json = "array";
            p.set("items", typeSchema(at.elementType(), true));
        } else if (type instanceof LogicalType.StructType st) {
            json = "object";
            ObjectNode props = p.putObject("properties");
            for (Field f : st.fields()) {
                props.set(f.name(), typeSchema(f.type(), !f.required()));
            }
        } else {
            json = "string";
        }
        if (nullable) {
            p.putArray("type").add(json).add("null");
        } else {
            p.put("type", json);
        }
        return p;
    }

    private static void constraints(ObjectNode p, LogicalType type, Constraints c) {
        boolean numeric = type instanceof LogicalType.IntegerType || type instanceof LogicalType.FloatingType
                || type instanceof LogicalType.DecimalType;
        if (numeric) {
            c.minimum().ifPresent(m -> p.put("minimum", new BigDecimal(m)));
            c.maximum().ifPresent(m -> p.put("maximum", new BigDecimal(m)));
        } else {
            // bounds of dates and instants have no JSON Schema keyword: keep them as annotations
            c.minimum().ifPresent(m -> p.put("x-minimum", m));
            c.maximum().ifPresent(m -> p.put("x-maximum", m));
        }
        c.minLength().ifPresent(n -> p.put("minLength", n));
        c.maxLength().ifPresent(n -> p.put("maxLength", n));
        c.pattern().ifPresent(r -> p.put("pattern", r));
        if (!c.allowedValues().isEmpty()) {
            ArrayNode e = p.putArray("enum");
            c.allowedValues().forEach(e::add);
        }
    }
}
