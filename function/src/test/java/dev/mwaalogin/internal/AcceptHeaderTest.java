package dev.mwaalogin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mwaalogin.internal.AcceptHeader.Preference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | NONE",
        "'' | NONE",
        "*/* | NONE",
        "application/json | JSON",
        "Application/JSON; charset=utf-8 | JSON",
        "application/* | JSON",
        "text/html | HTML",
        "text/* | HTML",
        // Chrome / Firefox navigation
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8 | HTML",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | HTML",
        "application/json, text/html;q=0.5 | JSON",
        "text/html;q=0.5, application/json;q=0.9 | JSON",
        "text/html;q=0.9, application/json;q=0.9 | NONE",
        "application/json;q=0, */* | HTML",
        "application/json;q=0 | NONE",
        "*/*;q=0.1, application/json | JSON",
        "application/json;q=2 | NONE",
        "application/json;q=abc, text/html | HTML",
        // No space is allowed around q's '=': such a range is malformed and skipped, not read as q=1.
        "text/html;q = 0.1, application/json;q=0.5 | JSON",
        "application/json;q= 0.5, text/html;q=0.4 | HTML",
        "application/json;Q=0.5, text/html;q=0.4 | JSON",
        "garbage | NONE",
        "'application/json, text/plain, */*' | JSON",
        "'application/json, text/html' | NONE",
        "'text/html, */*' | HTML",
        "'application/json;q=0.9, */*;q=0.9' | JSON",
        "'text/*, application/json' | JSON",
        "'application/*, text/html' | HTML",
        ";;;,,, | NONE",
        "image/png | NONE",
        // RFC 9110's qvalue: 0 or 1 with at most three decimals, never above 1.
        "'application/json;q=1.000, text/html;q=0.999' | JSON",
        "'application/json;q=1.001, text/html;q=0.5' | HTML",
        "'application/json;q=0.1234, text/html;q=0.1' | HTML",
        "'application/json;q=0.5, text/html;q=.9' | JSON",
        "'application/json;q=01, text/html;q=0.2' | HTML",
        "'text/html;q=0.001, application/json;q=0' | HTML",
        "'text/html;q=1., application/json;q=0.' | HTML",
    })
    void preference(String accept, Preference expected) {
        assertEquals(expected, AcceptHeader.preference(accept));
    }

    @org.junit.jupiter.api.Test
    void hugeHeadersAreIgnoredCheaply() {
        assertEquals(Preference.NONE, AcceptHeader.preference("application/json," + "x/y,".repeat(5000)));
        // Past the range limit, later ranges do not count.
        assertEquals(Preference.NONE, AcceptHeader.preference("x/y,".repeat(64) + "application/json"));
    }
}
