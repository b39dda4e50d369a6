package dev.dataproduct.api.product;

/** How much support a product's team promises, from tier 1 (the most) to tier 4 (best effort). */
public enum SupportTier {
    /** Around-the-clock support with the shortest response times. */
    TIER_1,
    /** Business-hours support with agreed response times. */
    TIER_2,
    /** Support on a best-effort basis within working days. */
    TIER_3,
    /** Best effort, no agreed response times; the default. */
    TIER_4;

    /** @return the tier number, 1 to 4 */
    public int level() {
        return ordinal() + 1;
    }

    /**
     * @param level 1 to 4
     * @return the tier
     * @throws IllegalArgumentException if the level is not 1 to 4
     */
    public static SupportTier of(int level) {
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("support tier must be 1 to 4, not " + level);
        }
        return values()[level - 1];
    }
}
