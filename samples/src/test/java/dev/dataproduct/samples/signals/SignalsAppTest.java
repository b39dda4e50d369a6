package dev.dataproduct.samples.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.core.compose.MeshOutcome;
import dev.dataproduct.core.runtime.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsAppTest {

    @Test
    void scoresEveryStudentOnlineExactlyAsTheTrainingSetDoesAsOfTheSameTime(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SignalsApp.Result result = SignalsApp.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(List.of("attendance-events", "early-support-signals"),
                result.outcomes().stream().map(o -> o.product().name()).toList());
        assertEquals(List.of(MeshOutcome.Status.COMMITTED, MeshOutcome.Status.COMMITTED),
                result.outcomes().stream().map(MeshOutcome::status).toList(), result.outcomes()::toString);
        RunResult signals = result.outcomes().get(1).result().orElseThrow();
        assertEquals(signals.rowsIn(), signals.published() + signals.quarantined(), "nothing is lost");
        assertTrue(result.online().size() > 100, "students: " + result.online().size());
        assertEquals(result.offline(), result.online(), "the same definitions offline and online");
        assertTrue(result.online().values().stream().anyMatch(s -> s.points() > 20), printed);
        assertTrue(result.trainingRows() >= 10L * result.online().size(), printed);
        assertTrue(printed.contains("score exactly as in the training set"), printed);
        assertFalse(result.watermarks().isEmpty());
        assertTrue(result.watermarks().get(0).rowsRead() > 10_000, result.watermarks().toString());
    }

    @Test
    void scoresEachPartWithItsReasonAndNamesFeaturesWithoutAValue() {
        DisengagementRisk.Score score = DisengagementRisk.score(Map.of(
                "absence_rate_10d", new FeatureValue(Optional.of(0.4), FeatureStatus.PRESENT, Optional.empty()),
                "absence_rate_30d", new FeatureValue(Optional.of(0.2), FeatureStatus.PRESENT, Optional.empty()),
                "late_submissions_14d", FeatureValue.absent(FeatureStatus.EXPIRED, Optional.empty())));
        assertEquals(40.0, score.points(), 1e-9);
        assertEquals(List.of("late_submissions_14d EXPIRED: +0", "absent 40% of the last 10 days: +20.0",
                "absences rising (20% over 30 days): +20.0"), score.reasons());
    }
}
