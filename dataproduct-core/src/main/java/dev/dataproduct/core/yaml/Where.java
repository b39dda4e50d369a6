package dev.dataproduct.core.yaml;

/**
 * A place in a document, both as users read it ({@code schema[1].properties[4].name}) and as a JSON
 * pointer ({@code /schema/1/properties/4/name}) for finding its line.
 *
 * @param display the path as users read it; empty at the root
 * @param pointer the JSON pointer; empty at the root
 */
public record Where(String display, String pointer) {
    /** The root of a document. */
    public static final Where ROOT = new Where("", "");

    /**
     * @param key a key of the mapping here
     * @return the place of its value
     */
    public Where field(String key) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        return new Where(display.isEmpty() ? key : display + "." + key, pointer + "/" + escaped);
    }

    /**
     * @param i an index of the list here
     * @return the place of that element
     */
    public Where index(int i) {
        return new Where(display + "[" + i + "]", pointer + "/" + i);
    }

    /**
     * @param pointer a JSON pointer
     * @return the pointer of the enclosing element, or null at the root
     */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash < 0 ? null : pointer.substring(0, slash);
    }
}
