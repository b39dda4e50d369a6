package dev.dataproduct.core.odcs;

/**
 * A place in an ODCS document, both as users read it ({@code schema[1].properties[4].name}) and as
 * a JSON pointer ({@code /schema/1/properties/4/name}) for finding its line.
 */
record Where(String display, String pointer) {
    static final Where ROOT = new Where("", "");

    Where field(String key) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        return new Where(display.isEmpty() ? key : display + "." + key, pointer + "/" + escaped);
    }

    Where index(int i) {
        return new Where(display + "[" + i + "]", pointer + "/" + i);
    }

    /** @return the pointer of the enclosing element, or null at the root */
    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? null : pointer.substring(0, slash);
    }
}
