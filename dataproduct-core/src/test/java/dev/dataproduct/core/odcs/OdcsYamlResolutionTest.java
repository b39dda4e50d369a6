package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML anchors, aliases and merge keys are read as YAML defines them, or refused with their place. */
class OdcsYamlResolutionTest {
    private static final String HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";

    @Test
    void readsAnAliasAsTheValueOfItsAnchorNotItsName() {
        DataContract c = OdcsCodec.readYaml(HEAD + "name: &ident orders\ndomain: *ident\n"
                + "schema:\n  - name: *ident\n    tags: &tags [a, b]\n    properties:\n"
                + "      - {name: id, logicalType: string, tags: *tags}\n");
        assertEquals("orders", c.domain());
        assertEquals("orders", c.schema().get(0).name());
        assertEquals(List.of("a", "b"), c.schema().get(0).properties().get(0).tags());
    }

    @Test
    void mergesTheKeysOfAMergeKeyAndLetsTheMappingOverrideThem() {
        DataContract c = OdcsCodec.readYaml(HEAD + "schema:\n  - name: t\n    properties:\n"
                + "      - &key {name: id, logicalType: string, required: true, primaryKey: true}\n"
                + "      - <<: *key\n        name: code\n        primaryKey: false\n"
                + "      - <<: [{description: first}, {description: second, unique: true}]\n"
                + "        name: note\n        logicalType: string\n");
        List<SchemaProperty> properties = c.schema().get(0).properties();
        SchemaProperty code = properties.get(1);
        assertEquals("code", code.name());
        assertTrue(code.required(), "merged from the anchor");
        assertFalse(code.primaryKey(), "the mapping's own key wins over the merged one");
        assertEquals(Map.of(), code.extensions(), "no '<<' key is kept");
        assertEquals("first", properties.get(2).description(), "the first mapping named wins");
        assertTrue(properties.get(2).unique());
        assertFalse(OdcsCodec.toYaml(c).contains("<<"), "the merge key is not written back");
        assertEquals(c, OdcsCodec.readYaml(OdcsCodec.toYaml(c)));
    }

    @Test
    void refusesAnAliasBeforeItsAnchorWithItsLineAndColumn() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.readYaml(HEAD + "name: *later\ndomain: &later retail\n")).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("the alias *later (line 6, column 7) refers to no anchor &later "
                + "defined before it"), problems.get(0));
    }

    @Test
    void refusesAnAliasInsideItsOwnAnchor() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.readYaml(HEAD + "x-loop: &a [1, *a]\n")).problems();
        assertTrue(problems.get(0).startsWith("the alias *a (line 6, column 16)"), problems.get(0));
    }

    @Test
    void refusesAMergeKeyThatNamesNoMapping() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.readYaml(HEAD + "description:\n  <<: [text]\n")).problems();
        assertTrue(problems.get(0).startsWith("the merge key << (line 7, column 3) takes a mapping or a list of "
                + "mappings"), problems.get(0));
    }

    @Test
    void keepsAQuotedMergeKeyAsAnOrdinaryKey() {
        DataContract c = OdcsCodec.readYaml(HEAD + "'<<': literal\n");
        assertEquals(Map.of("<<", "literal"), c.extensions());
    }
}
