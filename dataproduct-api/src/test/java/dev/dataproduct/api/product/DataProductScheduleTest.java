package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataProductScheduleTest {

    private static InputPort input(String name, boolean readsAProduct) {
        return new InputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor(name, "memory", "arrow", "");
            }

            @Override
            public Dataset open(InputContext context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Upstream> upstream() {
                return readsAProduct ? Optional.of(new Upstream("urn:dataproduct:retail:orders", "orders", "1.0.0"))
                        : Optional.empty();
            }
        };
    }

    private static DataProduct.Builder base() {
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .input(input("orders", true)).input(input("file", false))
                .output(DatasetSpec.named("purchases").field("id", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("orders"));
    }

    @Test
    void carriesItsScheduleAndNoneByDefault() {
        Schedule daily = Schedule.cron("0 6 * * *", ZoneId.of("Europe/Berlin")).withJitter(Duration.ofMinutes(5));
        assertEquals(Optional.of(daily), base().schedule(daily).build().schedule());
        assertEquals(Optional.empty(), base().build().schedule());
    }

    @Test
    void rejectsAnInputTriggerOnInputsThatReadNoProduct() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> base().schedule(Schedule.onInputSnapshot("file", "nope")).build());
        assertTrue(e.getMessage().contains("input 'file' reads no other product"), e.getMessage());
        assertTrue(e.getMessage().contains("input 'nope', which is not an input"), e.getMessage());
        assertEquals(Optional.of(Schedule.onInputSnapshot("orders")),
                base().schedule(Schedule.onInputSnapshot("orders")).build().schedule());
    }

    @Test
    void rejectsAnInputTriggerWhenNoInputReadsAProduct() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DataProduct.builder("purchases").domain("retail").version("1.0.0")
                        .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                        .input(input("file", false))
                        .output(DatasetSpec.named("purchases").field("id", LogicalType.STRING, f -> f.required()))
                        .transform(ctx -> ctx.input("file"))
                        .schedule(Schedule.onInputSnapshot()).build());
        assertTrue(e.getMessage().contains("no input reads another product"), e.getMessage());
    }
}
