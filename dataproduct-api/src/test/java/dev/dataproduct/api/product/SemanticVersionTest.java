package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    @Test
    void parsesMajorMinorPatchAndPreRelease() {
        assertEquals(new SemanticVersion(1, 2, 3, ""), SemanticVersion.parse("1.2.3"));
        assertEquals(new SemanticVersion(2, 0, 0, "rc.1"), SemanticVersion.parse("2.0.0-rc.1"));
        assertEquals(new SemanticVersion(0, 10, 200, "alpha-beta.7"), SemanticVersion.parse("0.10.200-alpha-beta.7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "0.0.0", "10.20.30", "2.0.0-rc.1", "1.0.0-alpha.beta.1", "999999999.0.1"})
    void toStringGivesBackTheParsedText(String text) {
        assertEquals(text, SemanticVersion.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "-1.2.3",
            "1.2.3-rc..1", "1.2.3-rc_1", " 1.2.3", "1.2.x", "1234567890.0.0"})
    void rejectsTextThatIsNotASemanticVersion(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse(text));
        assertEquals("'" + text + "' is not a semantic version MAJOR.MINOR.PATCH, such as 1.2.0", e.getMessage());
    }

    @Test
    void rejectsNegativeNumbersAndNullParts() {
        assertThrows(IllegalArgumentException.class, () -> new SemanticVersion(-1, 0, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new SemanticVersion(0, -1, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new SemanticVersion(0, 0, -1, ""));
        assertThrows(NullPointerException.class, () -> new SemanticVersion(1, 0, 0, null));
        assertThrows(NullPointerException.class, () -> SemanticVersion.parse(null));
    }

    @Test
    void comparesNumbersNumericallyNotAsText() {
        assertTrue(SemanticVersion.parse("1.2.3").compareTo(SemanticVersion.parse("1.10.0")) < 0);
        assertTrue(SemanticVersion.parse("1.10.0").compareTo(SemanticVersion.parse("1.9.9")) > 0);
        assertTrue(SemanticVersion.parse("2.0.0").compareTo(SemanticVersion.parse("10.0.0")) < 0);
        assertTrue(SemanticVersion.parse("1.0.10").compareTo(SemanticVersion.parse("1.0.9")) > 0);
        assertEquals(0, SemanticVersion.parse("1.2.3").compareTo(new SemanticVersion(1, 2, 3, "")));
    }

    @Test
    void aPreReleaseComesBeforeItsRelease() {
        assertTrue(SemanticVersion.parse("1.0.0-rc.1").compareTo(SemanticVersion.parse("1.0.0")) < 0);
        assertTrue(SemanticVersion.parse("1.0.0").compareTo(SemanticVersion.parse("1.0.0-rc.1")) > 0);
        assertTrue(SemanticVersion.parse("1.0.0-rc.1").compareTo(SemanticVersion.parse("0.9.9")) > 0);
    }

    @Test
    void ordersVersionsByTheSemanticVersioningPrecedenceRules() {
        // the example of https://semver.org/#spec-item-11
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        List<SemanticVersion> shuffled = new ArrayList<>(ordered.stream().map(SemanticVersion::parse).toList());
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertEquals(ordered, shuffled.stream().map(SemanticVersion::toString).toList());
    }

    @Test
    void comparesNumericPreReleaseIdentifiersNumerically() {
        assertTrue(SemanticVersion.parse("1.0.0-rc.2").compareTo(SemanticVersion.parse("1.0.0-rc.10")) < 0);
        assertTrue(SemanticVersion.parse("1.0.0-9").compareTo(SemanticVersion.parse("1.0.0-10")) < 0);
        assertTrue(SemanticVersion.parse("1.0.0-10").compareTo(SemanticVersion.parse("1.0.0-a")) < 0);
    }
}
