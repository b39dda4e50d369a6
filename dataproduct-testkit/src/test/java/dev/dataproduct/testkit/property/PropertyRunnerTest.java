package dev.dataproduct.testkit.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.testkit.gen.Gen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyRunnerTest {

    @Test
    void shrinksAFailingListToTheSmallestCounterexample() {
        AssertionError e = assertThrows(AssertionError.class, () -> PropertyRunner.forAll(Gen.listOf(Gen.longs(0, 100), 0, 30))
                .seed(7).trials(200)
                .check(list -> list.stream().allMatch(x -> x <= 50)));
        assertTrue(e.getMessage().contains("shrunk in"), e.getMessage());
        assertTrue(e.getMessage().contains("to: [51]"), e.getMessage());
        assertTrue(e.getMessage().contains("seed 7"), e.getMessage());
    }

    @Test
    void theSameSeedGeneratesTheSameValues() {
        List<List<Long>> first = new ArrayList<>();
        List<List<Long>> second = new ArrayList<>();
        Gen<List<Long>> gen = Gen.listOf(Gen.longs(-5, 5), 0, 10);
        PropertyRunner.forAll(gen).seed(99).trials(20).check(first::add);
        PropertyRunner.forAll(gen).seed(99).trials(20).check(second::add);
        assertEquals(first, second);
        assertEquals(20, first.size());
    }

    @Test
    void aThrownExceptionIsTheCauseOfTheFailure() {
        AssertionError e = assertThrows(AssertionError.class, () -> PropertyRunner.forAll(Gen.longs(0, 1000))
                .seed(3).trials(100)
                .check(x -> {
                    if (x > 10) {
                        throw new IllegalStateException("too big: " + x);
                    }
                    return true;
                }));
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals("too big: 11", e.getCause().getMessage());
    }

    @Test
    void aHoldingPropertyRunsEveryTrial() {
        int[] runs = {0};
        PropertyRunner.forAll(Gen.longs(1, 9)).trials(57).check(x -> {
            runs[0]++;
            return x >= 1 && x <= 9;
        });
        assertEquals(57, runs[0]);
    }
}
