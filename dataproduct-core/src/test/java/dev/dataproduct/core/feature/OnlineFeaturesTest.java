package dev.dataproduct.core.feature;

import static dev.dataproduct.core.feature.Histories.day;
import static dev.dataproduct.core.feature.Histories.entity;
import static dev.dataproduct.core.feature.Histories.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.LogicalType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The online path on values and keys a clean history lacks: NaN features, keys holding the separator. */
class OnlineFeaturesTest {
    private final BufferAllocator allocator = new RootAllocator();
    private final List<VectorSchemaRoot> owned = new ArrayList<>();

    @AfterEach
    void closeWhatTheTestHeld() {
        owned.forEach(VectorSchemaRoot::close);
        allocator.close();
    }

    private OnlineFeatures materialised(FeatureView view, List<Map<String, Object>> rows) {
        OnlineFeatures online = OnlineFeatures.of(view, new InMemoryOnlineStore());
        try (var cursor = Histories.dataset(view.name(), view.dataset().schema(), rows, 3, allocator, owned).open()) {
            online.apply(cursor);
        }
        return online;
    }

    @Test
    void aNanFeatureIsPresentOnlineAndOfflineAlike() {
        List<Map<String, Object>> rows = List.of(feature("s1", day(1), day(1), Double.NaN, "A"),
                feature("s2", day(1), day(1), Double.POSITIVE_INFINITY, "B"));
        OnlineFeatures online = materialised(Histories.VIEW, rows);
        Dataset table = Histories.table(rows, allocator, owned);
        Dataset labels = Histories.dataset("labels", Histories.ENTITY,
                List.of(entity(0, "s1", day(2)), entity(1, "s2", day(2))), 2, allocator, owned);
        List<Map<String, Object>> offline = Histories.rows(AsOfJoin.of(Histories.VIEW).join(labels, "as_of", table,
                allocator));
        for (int i = 0; i < 2; i++) {
            String student = "s" + (i + 1);
            FeatureValue got = online.lookup(List.of(student), day(2)).get("score");
            assertEquals(offline.get(i).get("score_status"), got.status().name(), student);
            assertEquals(FeatureStatus.PRESENT, got.status(), student);
            assertEquals(offline.get(i).get("score"), got.value().orElseThrow(), student);
        }
    }

    @Test
    void compositeKeysWhosePartsHoldTheSeparatorNameDifferentEntities() {
        FeatureView view = FeatureView.builder("enrolments")
                .source(ProductInput.of("urn:dataproduct:k12:enrolments", 1).dataset("enrolments"))
                .entity(Entity.of("enrolment", "school_id", "student_id"))
                .eventTime("event_time")
                .feature(Feature.column("score", LogicalType.FLOAT64))
                .maxAge(Duration.ofDays(10))
                .build();
        String sep = "\u001f";
        List<Map<String, Object>> rows = List.of(row("a" + sep + "b", "c", 1.0), row("a", "b" + sep + "c", 2.0));
        assertNotEquals(OnlineFeatures.key(List.of("a" + sep + "b", "c")), OnlineFeatures.key(List.of("a", "b" + sep + "c")));
        OnlineFeatures online = materialised(view, rows);
        assertEquals(1.0, online.lookup(List.of("a" + sep + "b", "c"), day(2)).get("score").value().orElseThrow());
        assertEquals(2.0, online.lookup(List.of("a", "b" + sep + "c"), day(2)).get("score").value().orElseThrow());
        assertEquals("a" + sep + "b", OnlineFeatures.key(List.of("a", "b")), "keys without the separator are as before");
    }

    private static Map<String, Object> row(String school, String student, double score) {
        Map<String, Object> m = new HashMap<>();
        m.put("school_id", school);
        m.put("student_id", student);
        m.put("event_time", day(1));
        m.put("score", score);
        return m;
    }
}
