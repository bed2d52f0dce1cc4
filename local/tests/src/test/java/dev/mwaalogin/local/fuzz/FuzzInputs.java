package dev.mwaalogin.local.fuzz;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The fuzzers' shared generators of request parts: hostile text, environment names, formats, Accept headers,
 * methods, query strings, paths and authorizer contexts, gathered into a {@link Spec} that both payload versions are
 * built from ({@link FuzzEvent}). Every generated text may carry {@link #M}, the per-event marker.
 */
final class FuzzInputs {

    /** Stands for the event's marker in generated text until the event is built. */
    static final String M = "\u00a7M\u00a7";

    private FuzzInputs() {
    }

    /** A generated request: the fields both payload versions share, kept as text with marker placeholders. */
    static final class Spec {
        String method;
        String routeKey;
        String rawPath;
        String resource;
        String stage;
        Map<String, String> pathParameters;
        List<Map.Entry<String, String>> query;
        Map<String, String> headers;
        List<String> cookies;
        String body;
        boolean base64;
        boolean context = true;
        boolean http = true;
        /** What an authorizer vouched for, or null for a route without one. */
        Vouched vouched;
    }

    /**
     * An authorizer's part of the event. JWT claim values are JSON values of any shape (strings such as API Gateway
     * sends, but also arrays, numbers, booleans and null); the ARN is where an IAM authorizer puts the signer.
     *
     * @param claims      a JWT authorizer's claims (REST: a Cognito authorizer's), or null
     * @param userArn     an IAM authorizer's principal, or null
     * @param lambda      a Lambda authorizer's free-form context (HTTP API only), or null
     * @param token       the claims of the token in the Authorization header (which for a real JWT authorizer's caller
     *                    is the token it verified, flattened into {@code claims}), or null for no such header
     * @param tokenPrefix what goes before the token in the header: "Bearer ", nothing, or something else
     */
    record Vouched(Map<String, Object> claims, String userArn, Map<String, Object> lambda, Map<String, Object> token,
                   String tokenPrefix) {

        Vouched(Map<String, Object> claims, String userArn, Map<String, Object> lambda) {
            this(claims, userArn, lambda, null, null);
        }
    }

    static Arbitrary<Spec> specs() {
        Arbitrary<String> stages = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("$default", "prod", "login")),
                Tuple.of(1, hostile()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> routeKeys = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("ANY /login", "ANY /login/{environment}", "$default")),
                Tuple.of(3, Arbitraries.of("ANY /api/{environment}/{proxy+}", "ANY /")),
                Tuple.of(2, Arbitraries.of("GET /login", "POST /login", "ANY /{proxy+}", "ANY", "ANY /login/x/y",
                        "ANY  /login")),
                Tuple.of(1, hostile()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> resources = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("/login", "/login/{environment}", "/{proxy+}", "/login/{proxy+}")),
                Tuple.of(1, hostile()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> bodies = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.just("")), Tuple.of(3, hostile()));
        Arbitrary<List<String>> cookies = hostile().list().ofMaxSize(3).injectNull(0.5);
        return Builders.withBuilder(Spec::new)
                .use(methods()).in((s, v) -> set(s, () -> s.method = v))
                .use(routeKeys).in((s, v) -> set(s, () -> s.routeKey = v))
                .use(resources).in((s, v) -> set(s, () -> s.resource = v))
                .use(stages).in((s, v) -> set(s, () -> s.stage = v))
                .use(Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), names(), hostile())
                        .as((shape, name, junk) -> new String[] {Integer.toString(shape), name, junk}))
                .in((s, v) -> set(s, () -> path(s, Integer.parseInt(v[0]), v[1], v[2])))
                .use(queries()).in((s, v) -> set(s, () -> s.query = v))
                .use(headers()).in((s, v) -> set(s, () -> s.headers = v))
                .use(cookies).in((s, v) -> set(s, () -> s.cookies = v))
                .use(bodies).in((s, v) -> set(s, () -> s.body = v))
                .use(Arbitraries.of(0, 1, 2, 3, 4, 5)).in((s, v) -> set(s, () -> {
                    s.base64 = v == 1 || v == 2;
                    s.context = v != 3;
                    s.http = v != 4;
                }))
                .use(vouched()).in((s, v) -> set(s, () -> s.vouched = v))
                .build();
    }

    /**
     * A third of the specs made a plain login up to who is calling, and a third a plain call to Airflow's REST API
     * (allowed or not, in an allowed environment or not), so that the authorizer decides most of them.
     */
    static Arbitrary<Spec> loginSpecs() {
        Arbitrary<Spec> api = Combinators.combine(specs(), Arbitraries.of("GET", "POST", "DELETE"),
                Arbitraries.of("demo", "analytics", "elsewhere"), Arbitraries.of("dags", "dags/etl/dagRuns",
                        "variables")).as((spec, method, environment, proxy) -> set(spec, () -> {
                            spec.method = method;
                            spec.routeKey = "ANY /api/{environment}/{proxy+}";
                            spec.resource = "/api/{environment}/{proxy+}";
                            spec.rawPath = "/api/" + environment + "/" + proxy;
                            spec.pathParameters = new HashMap<>(Map.of("environment", environment, "proxy", proxy));
                            spec.query = List.of();
                            spec.body = method.equals("POST") ? "{\"conf\":{}}" : null;
                            spec.base64 = false;
                            spec.context = true;
                            spec.http = true;
                        }));
        return Arbitraries.oneOf(specs(), api, specs().map(spec -> set(spec, () -> {
            spec.method = "GET";
            spec.routeKey = "ANY /login";
            spec.resource = "/login";
            spec.rawPath = "/login";
            spec.pathParameters = null;
            spec.query = List.of(new AbstractMap.SimpleEntry<>("format", "json"));
            spec.context = true;
            spec.http = true;
        })));
    }

    private static Spec set(Spec spec, Runnable change) {
        change.run();
        return spec;
    }

    /** The path, route and path parameter, shaped like what API Gateway sends, or not at all. */
    private static void path(Spec spec, int shape, String name, String junk) {
        spec.pathParameters = null;
        switch (shape) {
            case 0 -> spec.rawPath = "/login"; // the default environment's route
            case 1 -> { // a named environment, extracted by API Gateway
                spec.rawPath = "/login/" + name;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put("environment", name);
            }
            case 2 -> spec.rawPath = "/login/" + name; // a raw path without a route
            case 3 -> spec.rawPath = "/" + junk + "/login/" + name; // a stage in front
            case 4 -> { // parameters that are not ours
                spec.rawPath = junk;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put(junk, name);
                spec.pathParameters.put("proxy", junk);
            }
            case 5 -> { // a null environment parameter
                spec.rawPath = "/login/" + junk;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put("environment", null);
            }
            case 7, 8, 9 -> { // Airflow's REST API: a listing, a trigger, or anything
                String proxy = shape == 7 ? "dags" : shape == 8 ? "dags/" + name + "/dagRuns" : junk;
                spec.rawPath = "/api/" + name + "/" + proxy;
                spec.pathParameters = new HashMap<>();
                spec.pathParameters.put("environment", name);
                spec.pathParameters.put("proxy", proxy);
            }
            case 10 -> spec.rawPath = "/"; // the home page
            default -> spec.rawPath = null; // nothing
        }
    }

    // ---- authorizers ----

    /** The person claims {@code IDENTITY_CLAIM} defaults to, and the group claims {@code GROUPS_CLAIM} does. */
    static final List<String> PERSON_CLAIMS = List.of("email", "cognito:username", "username", "sub");
    static final List<String> GROUP_CLAIMS = List.of("cognito:groups", "groups");

    static Arbitrary<Vouched> vouched() {
        Arbitrary<Map<String, Object>> lambda = Arbitraries.just(Map.<String, Object>of("principalId", M, "n", 5L,
                "f", 1.5, "l", List.of("a", 1L, true), "o", Map.of("k", M)));
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(null)),
                Tuple.of(5, claims().map(claims -> new Vouched(claims, null, null))),
                Tuple.of(6, jwtCallers()),
                Tuple.of(4, userArns().map(arn -> new Vouched(null, arn, null))),
                Tuple.of(1, Combinators.combine(claims(), userArns()).as((c, arn) -> new Vouched(c, arn, null))),
                Tuple.of(1, Combinators.combine(claims().injectNull(0.5), lambda).as((c, l) -> new Vouched(c, null,
                        l))));
    }

    /** JWT claims of every shape: the person and groups in each form API Gateway and IdPs deliver, and junk. */
    static Arbitrary<Map<String, Object>> claims() {
        Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(PERSON_CLAIMS)),
                Tuple.of(5, Arbitraries.of(GROUP_CLAIMS)),
                Tuple.of(2, Arbitraries.of("iss", "aud", "exp", "scope", "Email", "name", "client_id")),
                Tuple.of(1, hostile()));
        Arbitrary<Object> values = Arbitraries.frequencyOf(
                Tuple.of(6, persons().map(Object.class::cast)),
                Tuple.of(5, groups().map(Object.class::cast)),
                Tuple.of(2, Arbitraries.of(List.of("admins"), List.of("admins", "data-eng"), List.of(),
                        List.of("data-" + M), List.of(M, "viewers"), List.of(5L), List.of(true, "admins"))
                        .map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of(1767225600L, 0L, 1.5, true, false).map(Object.class::cast)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<List<AbstractMap.SimpleEntry<String, Object>>> any = Combinators.combine(names, values)
                .as(AbstractMap.SimpleEntry::new).list().ofMaxSize(5);
        // Half the time as an IdP sends them: a person claim and a group claim, then whatever else.
        Arbitrary<List<AbstractMap.SimpleEntry<String, Object>>> typical = Combinators.combine(
                        Arbitraries.of(PERSON_CLAIMS), persons(), Arbitraries.of(GROUP_CLAIMS), groups(), any)
                .as((person, name, group, groups, rest) -> {
                    List<AbstractMap.SimpleEntry<String, Object>> entries = new ArrayList<>();
                    entries.add(new AbstractMap.SimpleEntry<>(person, name));
                    entries.add(new AbstractMap.SimpleEntry<>(group, groups));
                    entries.addAll(rest);
                    return entries;
                });
        return Arbitraries.oneOf(any, typical).map(entries -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            entries.forEach(entry -> claims.putIfAbsent(entry.getKey(), entry.getValue()));
            return claims;
        });
    }

    static final String COGNITO_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1";

    /**
     * A JWT authorizer's caller as an HTTP API delivers one: a token's typed claims in the Authorization header, the
     * same claims flattened to strings in the authorizer's context ({@code ["a","b"]} as {@code [a b]}). Tokens of
     * Cognito and of other issuers, e-mail addresses verified, unverified or verified in a string, groups as arrays,
     * strings, look-alikes, too many, or left out (Entra's overage); and, now and then, a header that is not the
     * authorizer's token: another subject, a missing anchor, no header, the bare token, junk before it.
     */
    static Arbitrary<Vouched> jwtCallers() {
        Arbitrary<String> issuers = Arbitraries.of(COGNITO_ISSUER, "https://acme.okta.com/oauth2/default", M);
        Arbitrary<Object> verified = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Boolean.TRUE)),
                Tuple.of(2, Arbitraries.just(Boolean.FALSE)), Tuple.of(1, Arbitraries.just("true")),
                Tuple.of(1, Arbitraries.just(null)));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            many.add("admins");
        }
        Arbitrary<Object> groups = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(List.of("admins"), List.of("data-eng", "x"), List.of("viewers"),
                        List.of("Helpdesk admins"), List.of(" admins"), List.of("ADMINS"), List.of("admins", 5L),
                        List.of("data-" + M), List.of(M + " admins"), List.of(), many).map(Object.class::cast)),
                Tuple.of(3, Arbitraries.of("admins", "[admins data-eng]", "x admins", "admins,data-eng", "data-x",
                        M).map(Object.class::cast)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<Integer> extras = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.of(1, 2, 3, 4)));
        Arbitrary<Integer> headers = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.of(1, 2, 3, 4, 5, 6)));
        return Combinators.combine(issuers, persons(), persons().injectNull(0.15), verified,
                        Arbitraries.of("cognito:groups", "groups"), groups, extras, headers)
                .as((issuer, subject, email, emailVerified, groupsClaim, groupValue, extra, header) -> {
                    Map<String, Object> token = new LinkedHashMap<>();
                    token.put("iss", issuer);
                    token.put("sub", subject);
                    token.put("iat", 1_764_400_000L);
                    token.put("exp", 4_102_444_800L);
                    if (email != null) {
                        token.put("email", email);
                    }
                    if (emailVerified != null) {
                        token.put("email_verified", emailVerified);
                    }
                    if (groupValue != null) {
                        token.put(groupsClaim, groupValue);
                    }
                    switch (extra) {
                        case 1 -> token.put("xms_edov", Boolean.FALSE);
                        case 2 -> token.put("xms_edov", Boolean.TRUE);
                        case 3 -> token.put("_claim_names", Map.of("groups", "src1"));
                        case 4 -> token.put("hasgroups", Boolean.TRUE);
                        default -> { }
                    }
                    Map<String, Object> claims = flattened(token);
                    String prefix = "Bearer ";
                    switch (header) {
                        case 1 -> claims.put("sub", subject + "x");
                        case 2 -> claims.remove("iat");
                        case 3 -> token.remove("exp");
                        case 4 -> prefix = "";
                        case 5 -> prefix = "Bearer x.";
                        case 6 -> {
                            return new Vouched(claims, null, null);
                        }
                        default -> { }
                    }
                    return new Vouched(claims, null, null, token, prefix);
                });
    }

    /** A token's claims as an HTTP API's JWT authorizer passes them on: every value a string. */
    static Map<String, Object> flattened(Map<String, Object> token) {
        Map<String, Object> flat = new LinkedHashMap<>();
        token.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                flat.put(name, "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]");
            } else if (value instanceof String || value instanceof Boolean || value instanceof Long) {
                flat.put(name, String.valueOf(value));
            }
        });
        return flat;
    }

    /** Who a claim or an ARN may name: ordinary people, and people no log line or session name can hold as they are. */
    static Arbitrary<String> persons() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("alice@example.com", "bob", "carol.smith@example.co.uk", "Zq" + M
                        + "@example.com", M, "dave+" + M, "  erin  ", "frank_" + M + "=x,y.z@-")),
                Tuple.of(4, Arbitraries.of("", " ", "\t", "al ice", "al\"ice", "o'brien", "new\nline", "cr\rlf",
                        "nul\u0000", "\u0000", "\u0001\u001f ", "esc\u001b[31m", "d\u0435ve", "\u202eevil", "<script>",
                        "a/b", "../..", "x:y", "${jndi:ldap://x}", "x".repeat(70), "y".repeat(300),
                        "z".repeat(17_000), "\ud800", "\u00e9", "[admins data-eng]", "quote\"" + M + "\"",
                        "space " + M)),
                Tuple.of(2, hostile()));
    }

    /** Group claim values: HTTP API's "[a b]" rendering of arrays, JSON text, comma lists, and near misses. */
    static Arbitrary<String> groups() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("[admins data-eng]", "[admins]", "[data-" + M + "]", "admins",
                        "admins,data-eng", "[\"admins\",\"data-eng\"]", "[\"viewers\"]", "data-x, viewers")),
                Tuple.of(4, Arbitraries.of("[]", "", " ", "[ ]", "[admins", "admins]", "[viewers]", "data-", "ADMINS",
                        " admins ", "[\"admins\"", "[[\"admins\"]]", "[1,2]", "[admins\u0000]", "[" + M + " "
                        + M + "]", "admins\ndata-eng", ",,,", "[\"a\"," + "\"g\",".repeat(300) + "\"admins\"]")),
                Tuple.of(1, hostile()));
    }

    /** IAM principals: roles, IAM Identity Center sessions, users, federated users, the root, and malformed ARNs. */
    static Arbitrary<String> userArns() {
        Arbitrary<String> prefixes = Arbitraries.of("arn:aws:sts::123456789012:assumed-role/AirflowLogin/",
                "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admins_0123456789abcdef/",
                "arn:aws:sts::123456789012:assumed-role/Other/", "arn:aws:iam::123456789012:user/",
                "arn:aws:iam::123456789012:user/ops/", "arn:aws:sts::123456789012:federated-user/",
                "arn:aws-cn:sts::123456789012:assumed-role/AirflowLogin/", "arn:aws:sts::123456789012:assumed-role/",
                "arn:aws:sts::123456789012:assumed-role/AirflowLogin/x/", "ARN:aws:sts::1:assumed-role/AirflowLogin/",
                "arn:aws:s3:::bucket/", "arn:aws:sts:", "arn:aws:sts::123456789012:assumed-role//", "");
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(prefixes, persons()).as(String::concat)),
                Tuple.of(1, Arbitraries.of("arn:aws:iam::123456789012:root",
                        "arn:aws:sts::123456789012:assumed-role/AirflowLogin", "arn")),
                Tuple.of(1, hostile()));
    }

    // ---- text ----

    /** Pieces of hostile text; {@link #M} is the marker. */
    static final List<String> FRAGMENTS = List.of(M, M, M, "demo", "analytics", "Demo", "..", "../", "/", "%2e%2e%2f",
            "%2F", "%", "%zz", "%00", "%0d%0a", "\r\n", "\n", "\r", "\u0000", "\t", " ", "+", "%20", "{environment}",
            "login", "/login", "\u00e9", "\u202e", "\u200b", "\ud835\udd4f", "\ud800", "\udfff", "<script>", "\"", "'",
            "\\", "json", "redirect", "*/*", "text/html", "application/json", ";q=0.5", ",", "%64emo", "d\u0435mo",
            "\uff24\uff25\uff2d\uff2f", "$default", "?", "#", "&", "=", "${jndi:ldap://x}", "\u001b[31m", "%u0000");

    static Arbitrary<String> hostile() {
        Arbitrary<String> joined = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("", parts));
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(24).map(s -> s + M);
        Arbitrary<String> huge = joined.map(s -> (s + M).repeat(8192 / (s.length() + M.length()) + 1));
        return Arbitraries.frequencyOf(Tuple.of(12, joined), Tuple.of(4, any), Tuple.of(1, huge));
    }

    static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("demo", "analytics")),
                Tuple.of(4, Arbitraries.of("Demo", "DEMO", "demo ", " demo", "demo\u0000", "demo%00", "..", "../demo",
                        "%2e%2e%2fdemo", "demo/../analytics", "de%6do", "%64emo", "analytics%2F..", "d\u0435mo",
                        "\uff44\uff45\uff4d\uff4f", "demo\r\nX-Injected: 1", "a".repeat(81), "", "{environment}",
                        "%zz", "+demo", "demo+", "demo%20", "demo#", "demo?format=json", "1demo", "-demo")),
                Tuple.of(4, hostile()),
                Tuple.of(3, Arbitraries.of("Zq" + M, M + "-x", "demo" + M, "analytics_" + M)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<String> formats() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("json", "redirect")),
                Tuple.of(4, Arbitraries.of("", "JSON", "Json", "REDIRECT", "xml", "json,json", "json ", " json",
                        "json\r\n", "html", "json&format=redirect", "j%73on")),
                Tuple.of(3, hostile()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<String> accepts() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("*/*", "application/json", "text/html", browser)),
                Tuple.of(5, Arbitraries.of("", "application/json;q=0", "text/html;q=0.9, application/json;q=0.91",
                        "application/json;q=abc", "application/json;q=1.0001", "application/json;q=NaN",
                        "application/json;q=1e400", "application/json;q=-1", ",,,,", ";;;", "application/*",
                        "text/*;q=1, application/*;q=1", "APPLICATION/JSON", "application/json;Q=0.5",
                        "a/b,".repeat(100) + "application/json", "x".repeat(5000), "application/json\r\n",
                        "text/html;level=1;q=0.1, application/json;q=0.2")),
                Tuple.of(3, hostile()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(24, Arbitraries.just("GET")),
                Tuple.of(5, Arbitraries.of("HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT",
                        "get", "Get", " GET", "GET ", "", "G\r\nET")),
                Tuple.of(2, hostile()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("host", "x-forwarded-for", "cookie", "authorization", "referer",
                        "x-amzn-trace-id", "content-type", "user-agent", "accept", "Accept", "ACCEPT", "accept ")),
                Tuple.of(2, hostile()));
        Arbitrary<Map<String, String>> others = Arbitraries.maps(names, hostile().injectNull(0.05)).ofMaxSize(6);
        return Combinators.combine(Arbitraries.of("accept", "Accept", "ACCEPT", "aCcEpT"), accepts(), others,
                Arbitraries.of(0, 1, 2, 3))
                .as((acceptName, accept, rest, shape) -> {
                    if (shape == 0) {
                        return null;
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (shape != 1) {
                        headers.put(acceptName, accept);
                    }
                    rest.forEach(headers::putIfAbsent);
                    return headers;
                });
    }

    static Arbitrary<List<Map.Entry<String, String>>> queries() {
        Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("format")),
                Tuple.of(3, Arbitraries.of("Format", "FORMAT", "environment", "format[]", "", "format ")),
                Tuple.of(2, hostile()));
        Arbitrary<Map.Entry<String, String>> entry = Combinators.combine(keys, formats())
                .as(AbstractMap.SimpleEntry::new);
        return entry.list().ofMaxSize(4).injectNull(0.1);
    }
}
