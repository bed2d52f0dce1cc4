package dev.mwaalogin.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.local.fuzz.FuzzEvent.Entry;
import dev.mwaalogin.local.fuzz.FuzzStandIns.Assumed;
import dev.mwaalogin.local.fuzz.FuzzStandIns.Counts;
import dev.mwaalogin.local.fuzz.FuzzStandIns.FuzzContext;
import dev.mwaalogin.internal.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * With {@code ROLE_MAPPING} set, hostile events with fuzzed authorizer contexts (JWT claims of every shape, with and
 * without the token they came from in the Authorization header, IAM principal ARNs, junk) through both entry
 * classes, as bytes and as the runtime's typed events. STS and MWAA are reached only for a caller an authorizer
 * vouched for (a JWT whose header token is the authorizer's and names a verified e-mail address, or an ARN naming a
 * person) whose groups, exactly as issued, a rule maps; each such login assumes exactly one configured role, with a
 * session name STS and MWAA accept and the same source identity, and answers with the vouched person (an untrusted
 * role's session as {@code <role>/<session>}). The log's {@code person=} never holds a space, a quote or a control
 * character. What is vouched is read here from where API Gateway puts it, by the README's rules, not by the
 * function's own reading. Every answer also passes {@link FuzzEventsIT#check}.
 */
class IdentityGateFuzzIT {

    private static final Counts COUNTS = new Counts();
    private static final FuzzDeployment PERSONAL = FuzzDeployment.roleMapping();
    /** A role session, a federated user or an IAM user, whatever the region and account fields hold. */
    private static final Pattern PERSON_ARN = Pattern.compile("arn:aws[^:]*:(sts:[^:]*:[^:]*:assumed-role/[^/]+/[^/]+"
            + "|sts:[^:]*:[^:]*:federated-user/.+|iam:[^:]*:[^:]*:user/(.*/)?[^/]+)", Pattern.DOTALL);
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern COGNITO = Pattern.compile(
            "https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9-]+_[A-Za-z0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the authorizer vouched for, as plain text: claims (arrays as JSON text), the Authorization header as the
     * function reads it, and the principal ARN. Who it names is worked out here by the rules the README states, from
     * the event, not by the function's own reading.
     */
    record Vouched(Map<String, String> claims, String authorization, String arn) {

        /** The token in the header, when it is the authorizer's: its anchors equal the authorizer's claims. */
        JsonNode token() {
            if (authorization == null) {
                return null;
            }
            String token = authorization.regionMatches(true, 0, "bearer ", 0, 7) ? authorization.substring(7)
                    : authorization;
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3 || token.length() > 16 * 1024) {
                return null;
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException | IOException unreadable) {
                return null;
            }
            if (payload == null || !payload.isObject()) {
                return null;
            }
            for (String anchor : List.of("iss", "sub", "iat", "exp")) {
                JsonNode value = payload.get(anchor);
                String text = value == null ? null : value.isTextual() || value.isNumber() ? value.asText() : null;
                if (text == null || !text.equals(claims.get(anchor))) {
                    return null;
                }
            }
            return payload;
        }

        /** The person a JWT names: its e-mail address, verified, lower-cased; else null. */
        String jwtPerson() {
            JsonNode token = token();
            if (token == null || !token.path("email").isTextual() || token.path("email").asText().isBlank()
                    || !token.path("email_verified").isBoolean() || !token.path("email_verified").booleanValue()
                    || token.has("xms_edov") && !(token.get("xms_edov").isBoolean()
                    && token.get("xms_edov").booleanValue())) {
                return null;
            }
            return token.path("email").asText().toLowerCase(Locale.ROOT);
        }

        /** A JWT's groups as issued, of the claim its issuer uses; empty when they cannot all be read. */
        List<String> jwtGroups() {
            JsonNode token = token();
            if (token == null) {
                return List.of();
            }
            String claim = COGNITO.matcher(token.path("iss").asText()).matches() ? "cognito:groups" : "groups";
            if (token.path("_claim_names").has(claim) || claim.equals("groups")
                    && token.path("hasgroups").isBoolean() && token.path("hasgroups").booleanValue()) {
                return List.of();
            }
            JsonNode value = token.path(claim);
            if (value.isTextual()) {
                return List.of(value.asText());
            }
            List<String> groups = new ArrayList<>();
            if (value.isArray() && value.size() <= 100) {
                value.forEach(item -> {
                    if (item.isTextual()) {
                        groups.add(item.asText());
                    }
                });
            }
            return groups;
        }

        /** The person an IAM principal is: trusted only for Identity Center's roles, else in a namespace. */
        String iamPerson() {
            if (arn == null || !PERSON_ARN.matcher(arn).matches()) {
                return null;
            }
            String resource = arn.split(":", 6)[5];
            String person;
            if (resource.startsWith("assumed-role/")) {
                String[] names = resource.split("/", -1);
                String role = names[1];
                person = role.startsWith("AWSReservedSSO_") ? names[2] : List.of("user", "federated", "role")
                        .contains(role.toLowerCase(Locale.ROOT)) ? "role/" + role + "/" + names[2]
                        : role + "/" + names[2];
            } else if (resource.startsWith("federated-user/")) {
                person = "federated/" + resource.substring("federated-user/".length());
            } else {
                person = "user/" + resource.substring(resource.lastIndexOf('/') + 1);
            }
            return person.length() <= 256 ? person : null;
        }

        /** Whether an authorizer named a person at all. */
        boolean namesSomeone() {
            return jwtPerson() != null || iamPerson() != null;
        }

        /** Whether any of it could match a rule of {@link FuzzDeployment#ROLE_MAPPING}. */
        boolean couldBeMapped() {
            boolean jwt = jwtPerson() != null && jwtGroups().stream().anyMatch(group -> !group.isEmpty()
                    && group.length() <= 256 && group.chars().noneMatch(Character::isISOControl)
                    && (group.equals("admins") || group.startsWith("data-") || group.equals("AirflowLogin")
                    || group.startsWith("user/")));
            boolean iam = iamPerson() != null && (arn.contains(":assumed-role/AirflowLogin/")
                    || arn.contains(":user/"));
            return jwt || iam;
        }

        /** Everyone an answer may name, as UTF-8 carries them (a lone surrogate, which no IdP sends, becomes '?'). */
        Set<String> persons() {
            Set<String> persons = new HashSet<>();
            if (jwtPerson() != null) {
                persons.add(jwtPerson());
            }
            if (iamPerson() != null) {
                persons.add(iamPerson());
            }
            return persons.stream().map(person -> new String(person.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8)).collect(Collectors.toSet());
        }
    }

    @AfterContainer
    static void report() {
        COUNTS.print("IdentityGateFuzzIT (ROLE_MAPPING " + FuzzDeployment.ROLE_MAPPING + ")");
        if (COUNTS.get("event HTTP") + COUNTS.get("event REST") >= 1000) {
            // Enough events that a gate which let no one in, or everyone, would show.
            assertTrue(COUNTS.get("personal login, a JWT's verified e-mail address") > 0
                    && COUNTS.get("personal login, an IAM principal") > 0, "no personal login of each kind");
            assertTrue(COUNTS.get("refused 403 NoIdentity") > 0 && COUNTS.get("refused 403 NoAirflowRole") > 0,
                    "the gate refused no one");
        }
    }

    @Provide
    Arbitrary<FuzzEvent> events() {
        return FuzzEvent.arbitrary(FuzzInputs.loginSpecs());
    }

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void onlyVouchedAndMappedCallersReachStsOrMwaa(@ForAll("events") FuzzEvent event) {
        byte[] bytes = event.bytes();
        COUNTS.add("event " + event.entry());
        String where = "ROLE_MAPPING, " + event.entry();
        JsonNode json = ProxyAnswer.strictJson(new String(bytes, StandardCharsets.UTF_8));
        send(event, bytes, FuzzEventsIT.readable(bytes), json == null ? null : fromJson(event.entry(), json), where);
        RuntimeModel.Reading typed = RuntimeModel.read(event.entry(), bytes);
        if (typed.accepted()) {
            send(event, typed.event(), typed.event() != null, typed.event() == null ? null
                    : fromTyped(typed.event()), where + ", typed");
        }
    }

    private static void send(FuzzEvent event, Object input, boolean readable, Vouched vouched, String where) {
        PERSONAL.aws().clear();
        FuzzContext context = new FuzzContext();
        ProxyAnswer answer = input instanceof byte[] bytes ? PERSONAL.send(event.entry(), bytes, context, where)
                : PERSONAL.send(event.entry(), input, context, where);
        FuzzEventsIT.check(event, PERSONAL, answer, context, readable, where, COUNTS);
        if (answer.status() == 403) {
            COUNTS.add("refused 403 " + (answer.errorCode() == null ? "(as an HTML page)" : answer.errorCode()));
        }
        Matcher line = FuzzEventsIT.LOG_LINE.matcher(context.lines.get(0));
        assertTrue(line.matches(), where);
        if (line.group("person") != null) {
            COUNTS.add("log line names a person");
            assertTrue(line.group("person").chars().noneMatch(c -> c == ' ' || c == '"' || c == '\''
                    || Character.isISOControl(c) || Character.isWhitespace(c)), where + ": person=");
        }
        boolean calledAws = !PERSONAL.aws().names.isEmpty() || !PERSONAL.aws().assumed.isEmpty()
                || !PERSONAL.aws().invoked.isEmpty();
        if (!calledAws) {
            return;
        }
        COUNTS.add("personal login");
        assertTrue(vouched != null && vouched.namesSomeone(), where + ": AWS called for no one vouched: " + vouched);
        COUNTS.add(vouched.jwtPerson() != null ? "personal login, a JWT's verified e-mail address"
                : "personal login, an IAM principal");
        assertTrue(vouched.couldBeMapped(), where + ": AWS called for a caller no rule maps: " + vouched);
        assertEquals(1, PERSONAL.aws().assumed.size(), where + ": AssumeRole calls");
        Assumed assumed = PERSONAL.aws().assumed.get(0);
        assertTrue(assumed.roleArn().startsWith(FuzzDeployment.ROLE_ARN_PREFIX), where + ": " + assumed.roleArn());
        assertTrue(SESSION_NAME.matcher(assumed.sessionName()).matches(), where + ": session " + assumed);
        assertEquals(assumed.sessionName(), assumed.sourceIdentity(), where + ": source identity");
        String roleName = assumed.roleArn().substring(assumed.roleArn().lastIndexOf('/') + 1);
        assertTrue(("assumed-role/" + roleName + "/" + assumed.sessionName()).length() <= 64, where + ": " + assumed);
        if (!PERSONAL.aws().invoked.isEmpty()) {
            COUNTS.add("personal api call");
        }
        if (answer.status() == 200 && PERSONAL.aws().invoked.isEmpty()) {
            assertTrue(vouched.persons().contains(answer.bodyJson().path("person").asText()), where + ": person");
        }
    }

    /** What API Gateway's authorizer put in the event's JSON (HTTP API: jwt claims, iam; REST: claims, identity). */
    private static Vouched fromJson(Entry entry, JsonNode json) {
        JsonNode context = json.path("requestContext");
        JsonNode claims = entry == Entry.HTTP ? context.path("authorizer").path("jwt").path("claims")
                : context.path("authorizer").path("claims");
        JsonNode arn = entry == Entry.HTTP ? context.path("authorizer").path("iam").path("userArn")
                : context.path("identity").path("userArn");
        Map<String, String> texts = new LinkedHashMap<>();
        claims.properties().forEach(claim -> texts.put(claim.getKey(), text(claim.getValue())));
        String authorization = entry == Entry.HTTP ? header(json.path("headers"))
                : joined(json.path("multiValueHeaders"), header(json.path("headers")));
        return new Vouched(texts, authorization, arn.isValueNode() && !arn.isNull() ? arn.asText() : null);
    }

    /** The first Authorization header of any case, as payload 2.0's headers hold it. */
    private static String header(JsonNode headers) {
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (header.getKey().equalsIgnoreCase("authorization") && header.getValue().isTextual()) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    /** Payload 1.0: every Authorization value of any case in the multi-value map, joined by ','; else the header. */
    private static String joined(JsonNode multiValue, String single) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : multiValue.properties()) {
            if (header.getKey().equalsIgnoreCase("authorization") && header.getValue().isArray()) {
                header.getValue().forEach(value -> values.add(value.isTextual() ? value.asText() : ""));
            }
        }
        return values.isEmpty() ? single : String.join(",", values);
    }

    /** A claim as text: a scalar's text; an array as the JSON text of its strings, as the function keeps one. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).filter(JsonNode::isTextual)
                    .map(item -> Json.quote(item.asText())).collect(Collectors.joining(",", "[", "]"));
        }
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** The same from the runtime's typed event. */
    private static Vouched fromTyped(Object event) {
        Map<String, String> claims = new LinkedHashMap<>();
        String arn = null;
        String authorization = null;
        if (event instanceof APIGatewayV2HTTPEvent http) {
            authorization = http.getHeaders() == null ? null : http.getHeaders().entrySet().stream()
                    .filter(h -> "authorization".equalsIgnoreCase(h.getKey()) && h.getValue() != null)
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (http.getRequestContext() != null && http.getRequestContext().getAuthorizer() != null) {
                var authorizer = http.getRequestContext().getAuthorizer();
                if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
                    claims.putAll(authorizer.getJwt().getClaims());
                }
                arn = authorizer.getIam() == null ? null : authorizer.getIam().getUserArn();
            }
        } else if (event instanceof APIGatewayProxyRequestEvent rest) {
            List<String> values = new ArrayList<>();
            if (rest.getMultiValueHeaders() != null) {
                rest.getMultiValueHeaders().forEach((name, list) -> {
                    if ("authorization".equalsIgnoreCase(name) && list != null) {
                        list.forEach(value -> values.add(value == null ? "" : value));
                    }
                });
            }
            authorization = !values.isEmpty() ? String.join(",", values) : rest.getHeaders() == null ? null
                    : rest.getHeaders().entrySet().stream().filter(h -> "authorization".equalsIgnoreCase(h.getKey())
                    && h.getValue() != null).map(Map.Entry::getValue).findFirst().orElse(null);
            if (rest.getRequestContext() != null) {
                var context = rest.getRequestContext();
                Object vouched = context.getAuthorizer() == null ? null : context.getAuthorizer().get("claims");
                if (vouched instanceof Map<?, ?> map) {
                    map.forEach((name, value) -> claims.put(String.valueOf(name), value == null ? null
                            : String.valueOf(value)));
                }
                arn = context.getIdentity() == null ? null : context.getIdentity().getUserArn();
            }
        }
        return new Vouched(claims, authorization, arn);
    }
}
