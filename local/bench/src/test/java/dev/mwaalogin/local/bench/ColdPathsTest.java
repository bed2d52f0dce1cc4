package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColdPathsTest {

    @Test
    void theStatusIsReadFromTheAnswerWhateverComesAroundIt() {
        assertEquals(302, ColdPaths.statusOf("{\"statusCode\":302,\"headers\":{}}"));
        assertEquals(200, ColdPaths.statusOf("{\n  \"statusCode\" : 200,\n  \"body\" : \"{}\"\n}"));
        assertEquals(302, ColdPaths.statusOf("{\"_aws\":{}}\n{\"statusCode\":302}"));
        assertEquals(-1, ColdPaths.statusOf("Task timed out"));
    }
}
