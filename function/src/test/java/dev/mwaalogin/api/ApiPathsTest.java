package dev.mwaalogin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The {@code API_PATHS} allow-list: its syntax, checked at init, and what the default allows. */
class ApiPathsTest {

    private static Optional<String> rule(ApiPaths paths, String method, String path) {
        return paths.allowing(method, Arrays.asList(path.substring(1).split("/"))).map(ApiPaths.Rule::text);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /dags, GET /**",
        "GET, /dags/example/dagRuns/r1/taskInstances, GET /**",
        "POST, /dags/example/dagRuns, POST /dags/*/dagRuns",
        "POST, /dags/example/clearTaskInstances, POST /dags/*/clearTaskInstances",
        "POST, /dags/example/dagRuns/r1/clear, POST /dags/*/dagRuns/*/clear",
        "PATCH, /dags/example, PATCH /dags/*",
        "POST, /dags, -",
        "POST, /dags/example/dagRuns/r1, -",
        "PATCH, /dags/example/dagRuns/r1, -",
        "DELETE, /dags/example, -",
        "POST, /variables, -",
        "PUT, /pools/default_pool, -",
        "POST, /connections, -"})
    void theDefaultReadsAnythingAndTriggersClearsAndPauses(String method, String path, String expected) {
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(expected),
                rule(ApiPaths.parse(null), method, path));
    }

    @Test
    void rulesAreExactAboutMethodsAndSegments() {
        ApiPaths paths = ApiPaths.parse(" GET /dags/* ; DELETE /dags/*/dagRuns/* ;POST /a/**");
        assertEquals(Optional.of("GET /dags/*"), rule(paths, "GET", "/dags/x"));
        assertEquals(Optional.empty(), rule(paths, "GET", "/dags"), "* is exactly one segment");
        assertEquals(Optional.empty(), rule(paths, "GET", "/dags/x/dagRuns"));
        assertEquals(Optional.empty(), rule(paths, "POST", "/dags/x"), "another method");
        assertEquals(Optional.of("DELETE /dags/*/dagRuns/*"), rule(paths, "DELETE", "/dags/x/dagRuns/r"));
        assertEquals(Optional.of("POST /a/**"), rule(paths, "POST", "/a"), "** is any number, none too");
        assertEquals(Optional.of("POST /a/**"), rule(paths, "POST", "/a/b/c"));
        assertEquals(Optional.empty(), rule(paths, "POST", "/ab"));
        assertTrue(ApiPaths.parse("none").rules().isEmpty());
        assertEquals(Optional.empty(), rule(ApiPaths.parse("none"), "GET", "/dags"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get /dags", "GET dags", "GET", "HEAD /dags", "GET /dags extra", "GET /**/dags",
        "GET /dags/../variables", "GET /dags/x%2F", "GET /dags/*x", "GET /dags//x", "POST /dags/\u0000"})
    void aRuleThatIsNotMethodAndPathFailsInitNamingTheVariable(String value) {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> ApiPaths.parse(value));
        assertTrue(wrong.getMessage().startsWith("API_PATHS "), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("\u0000"), "nothing unprintable echoed");
    }

    @Test
    void atMostFiftyRules() {
        String many = String.join(";", java.util.Collections.nCopies(51, "GET /dags"));
        assertThrows(IllegalArgumentException.class, () -> ApiPaths.parse(many));
        assertEquals(50, ApiPaths.parse(String.join(";", java.util.Collections.nCopies(50, "GET /dags"))).rules()
                .size());
        assertEquals(List.of("GET", "POST", "PUT", "PATCH", "DELETE"), ApiPaths.METHODS);
    }
}
