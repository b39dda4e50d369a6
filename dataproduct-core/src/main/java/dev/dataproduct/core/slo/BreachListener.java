package dev.dataproduct.core.slo;

/** Hears of every {@link Breach}, such as to page the product's owner. */
@FunctionalInterface
public interface BreachListener {

    /**
     * Called on the thread that measured the breach; a listener that throws is logged and skipped.
     *
     * @param breach the objective breached and where the product stands
     */
    void breached(Breach breach);
}
