package io.zkedge.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    @Test
    void readsObjectsArraysStringsNumbersAndLiterals() throws Exception {
        Object v = StrictJson.parse(" {\"a\": [\"x\\u00e9\\n\", 12, -3, 1.5, true, false, null], \"b\": {}}\n");

        assertThat(v).isEqualTo(Map.of(
                "a", List.of("xé\n", 12L, -3L, 1.5, true, false, StrictJson.NULL), "b", Map.of()));
    }

    @Test
    void duplicateMembersAreRefused() {
        assertThatThrownBy(() -> StrictJson.parse("{\"nPublic\": 6, \"nPublic\": 7}"))
                .isInstanceOf(Groth16FormatException.class)
                .hasMessageContaining("duplicate member \"nPublic\"");
    }

    @Test
    void textAfterTheValueIsRefused() {
        assertThatThrownBy(() -> StrictJson.parse("[] []")).hasMessageContaining("unexpected text after");
    }

    @Test
    void laxSyntaxIsRefused() {
        for (String bad : new String[] {"[1,]", "{\"a\":1,}", "[01]", "['a']", "[\"a\" // c\n]", "[+1]",
                "[\"tab\there\"]", "[\"\\x\"]", "[1.]", "[.5]", "", "[", "{\"a\"}", "[tru]", "[\"\\u12\"]"}) {
            assertThatThrownBy(() -> StrictJson.parse(bad)).as(bad).isInstanceOf(Groth16FormatException.class);
        }
    }

    @Test
    void deepNestingIsRefused() {
        assertThatThrownBy(() -> StrictJson.parse("[".repeat(17) + "]".repeat(17)))
                .hasMessageContaining("nested deeper than 16");
        assertThatThrownBy(() -> StrictJson.parse("[".repeat(100_000)))
                .hasMessageContaining("nested deeper than 16");
    }

    @Test
    void hugeTextIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> StrictJson.parse(" ".repeat(StrictJson.MAX_CHARS + 1)))
                .hasMessageContaining("longer than");
    }

    @Test
    void longIntegersBecomeDoublesThatReadersRefuse() throws Exception {
        assertThat(StrictJson.parse("[123456789012345678901234567890]")).isEqualTo(List.of(1.2345678901234568E29));
    }
}
