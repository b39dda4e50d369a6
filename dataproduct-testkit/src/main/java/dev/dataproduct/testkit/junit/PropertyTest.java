package dev.dataproduct.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A property test: a JUnit test method that receives {@link Trials}, which runs the testkit's
 * {@link dev.dataproduct.testkit.property.PropertyRunner} with this annotation's number of tries
 * and seed. The seed is published as a report entry and named in any failure, with how to re-run.
 *
 * <pre>{@code
 * @PropertyTest(tries = 200)
 * void sumOfNonNegativesIsNonNegative(Trials trials) {
 *     trials.forAll(Gen.listOf(Gen.longs(0, 9), 0, 50)).check(l -> l.stream().mapToLong(x -> x).sum() >= 0);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(TestkitExtension.class)
public @interface PropertyTest {
    /** @return how many generated values each {@code forAll} tries, at least 1 */
    int tries() default 100;

    /**
     * @return the seed, to re-run a failure; empty for the seed fixed by
     *     {@code -Ddataproduct.seed=<seed>}, or else a random one
     */
    String seed() default "";
}
