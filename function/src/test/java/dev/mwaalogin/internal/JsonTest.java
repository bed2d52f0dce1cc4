package dev.mwaalogin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesFieldsInOrderAndSkipsNulls() {
        assertEquals("{\"a\":\"1\",\"c\":\"3\"}", new Json().field("a", "1").field("b", null).field("c", "3")
                .toString());
        assertEquals("{}", new Json().toString());
    }

    @Test
    void nestsObjects() {
        assertEquals("{\"error\":{\"code\":\"X\"}}", new Json().object("error", new Json().field("code", "X"))
                .toString());
    }

    @Test
    void escapesEverythingThatCouldBreakOutOfAString() {
        assertEquals("{\"k\":\"q\\\" b\\\\ n\\n r\\r t\\t c\\u0001 \\u003c/script\\u003e \\u0026 \\u2028\"}",
                new Json().field("k", "q\" b\\ n\n r\r t\t c\u0001 </script> & \u2028").toString());
    }
}
