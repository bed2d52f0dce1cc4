package dev.mwaalogin.local.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnBlanksAndKeepsQuotedAndEscapedTextTogether() {
        assertEquals(List.of("/usr/bin/java", "-cp", "/a b/x.jar:/c.jar", "Main", "it's"),
                ShellWords.split("/usr/bin/java  -cp '/a b/x.jar:/c.jar' Main 'it'\\''s'"));
        assertEquals(List.of("a b", "c"), ShellWords.split("a\\ b\tc "));
        assertEquals(List.of(""), ShellWords.split("''"));
    }

    @Test
    void refusesWhatItWouldGetWrong() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("'open"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo $HOME"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("\"double\""));
    }
}
