package dev.dataproduct.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.testkit.gen.Contracts;
import dev.dataproduct.testkit.gen.Gen;
import dev.dataproduct.testkit.property.PropertyRunner;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OdcsRoundTripPropertyTest {
    private static final int TRIALS = 300;

    @Test
    void everyGeneratedContractReadsBackEqualFromYaml() {
        checkRoundTrip(OdcsCodec::toYaml, OdcsCodec::readYaml);
    }

    @Test
    void everyGeneratedContractReadsBackEqualFromJson() {
        checkRoundTrip(OdcsCodec::toJson, OdcsCodec::readJson);
    }

    private static void checkRoundTrip(Function<DataContract, String> write, Function<String, DataContract> read) {
        for (Gen<DataContract> contracts : List.of(Contracts.contracts(), Contracts.withExtensions())) {
            PropertyRunner.forAll(contracts).trials(TRIALS / 2).check(c -> {
                String text = write.apply(c);
                assertEquals(c, read.apply(text), text);
                return true;
            });
        }
    }

    @Test
    void v30ContractsReadBackEqualThroughBothFormats() {
        PropertyRunner.forAll(Contracts.contracts("v3.0.2")).trials(100).check(c ->
                OdcsCodec.readYaml(OdcsCodec.toYaml(c)).equals(c) && OdcsCodec.readJson(OdcsCodec.toJson(c)).equals(c));
    }

    @Test
    void generatedContractsCoverEverySection() {
        Gen<DataContract> gen = Contracts.withExtensions();
        Random random = new Random(7);
        List<DataContract> sample = IntStream.range(0, 200).mapToObj(i -> gen.generate(random)).toList();
        assertTrue(sample.stream().anyMatch(c -> c.team().map(t -> t.listForm()).orElse(false)));
        assertTrue(sample.stream().anyMatch(c -> c.team().map(t -> !t.listForm()).orElse(false)));
        assertTrue(sample.stream().anyMatch(c -> !c.apiVersion().equals(DataContract.CURRENT_API_VERSION)));
        assertTrue(sample.stream().flatMap(c -> c.schema().stream()).map(SchemaObject::properties)
                .flatMap(List::stream).anyMatch(p -> p.items().isPresent()));
        assertTrue(sample.stream().flatMap(c -> c.schema().stream()).flatMap(o -> o.quality().stream())
                .map(q -> q.type()).distinct().count() >= 4);
        assertTrue(sample.stream().anyMatch(c -> !c.extensions().isEmpty() && !c.servers().isEmpty()
                && c.price().isPresent() && !c.slaProperties().isEmpty() && !c.customProperties().isEmpty()));
    }

    @Test
    void generationIsReproducibleFromTheSeed() {
        assertEquals(Contracts.contracts().generate(new Random(42)), Contracts.contracts().generate(new Random(42)));
    }
}
