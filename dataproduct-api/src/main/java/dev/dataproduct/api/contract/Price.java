package dev.dataproduct.api.contract;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * What the data costs ({@code price} in ODCS).
 *
 * @param id a stable id; empty if none
 * @param priceAmount the amount
 * @param priceCurrency such as {@code USD}; empty if none
 * @param priceUnit such as {@code megabyte}; empty if none
 * @param extensions fields ODCS does not define, kept and written back
 */
public record Price(String id, Optional<BigDecimal> priceAmount, String priceCurrency, String priceUnit,
                    Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public Price {
        id = Texts.text(id);
        priceAmount = priceAmount == null ? Optional.empty() : priceAmount;
        priceCurrency = Texts.text(priceCurrency);
        priceUnit = Texts.text(priceUnit);
        extensions = Texts.map(extensions);
    }
}
