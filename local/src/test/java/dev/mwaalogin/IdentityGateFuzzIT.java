package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mwaalogin.FuzzEvent.Entry;
import dev.mwaalogin.FuzzStandIns.Assumed;
import dev.mwaalogin.FuzzStandIns.Counts;
import dev.mwaalogin.FuzzStandIns.FuzzContext;
import dev.mwaalogin.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
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
 * With {@code ROLE_MAPPING} set, hostile events with fuzzed authorizer contexts (JWT claims of every shape, IAM
 * principal ARNs, junk) through both entry classes, as bytes and as the runtime's typed events. STS and MWAA are
 * reached only for a caller an authorizer vouched for (a person claim of a JWT, or an ARN naming a person) whose
 * groups a rule maps; each such login assumes exactly one configured role, with a session name STS and MWAA accept
 * and the same source identity, and answers with the vouched person. The log's {@code person=} never holds a space,
 * a quote or a control character. What is vouched is read here from where API Gateway puts it, not from the
 * function's own reading. Every answer also passes {@link FuzzEventsIT#check}.
 */
class IdentityGateFuzzIT {

    private static final Counts COUNTS = new Counts();
    private static final FuzzDeployment PERSONAL = FuzzDeployment.roleMapping();
    /** A role session, a federated user or an IAM user, whatever the region and account fields hold. */
    private static final Pattern PERSON_ARN = Pattern.compile("arn:aws[^:]*:(sts:[^:]*:[^:]*:assumed-role/[^/]+/[^/]+"
            + "|sts:[^:]*:[^:]*:federated-user/.+|iam:[^:]*:[^:]*:user/(.*/)?[^/]+)", Pattern.DOTALL);
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /** What the authorizer vouched for, as plain text: claims (arrays as JSON text), and the principal ARN. */
    record Vouched(Map<String, String> claims, String arn) {

        /** Whether an authorizer named a person at all: a person claim of more than blanks and controls, or an ARN. */
        boolean namesSomeone() {
            return FuzzInputs.PERSON_CLAIMS.stream().anyMatch(name -> claims.get(name) != null
                    && !claims.get(name).trim().isEmpty()) || (arn != null && PERSON_ARN.matcher(arn).matches());
        }

        /** Whether any of it could match a rule of {@link FuzzDeployment#ROLE_MAPPING}. */
        boolean couldBeMapped() {
            return claims.values().stream().anyMatch(value -> value != null && (value.contains("admins")
                    || value.contains("data-"))) || (arn != null && (arn.contains(":assumed-role/AirflowLogin/")
                    || arn.contains(":user/")));
        }

        /**
         * Everyone an answer may name: each person claim, trimmed, and the ARN's last name; as UTF-8 carries them (a
         * lone surrogate, which no IdP sends, becomes '?').
         */
        Set<String> persons() {
            Set<String> persons = FuzzInputs.PERSON_CLAIMS.stream().map(claims::get).filter(v -> v != null)
                    .map(String::trim).collect(Collectors.toCollection(HashSet::new));
            if (arn != null) {
                persons.add(arn.substring(arn.lastIndexOf('/') + 1));
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
            assertTrue(COUNTS.get("personal login") > 0, "no personal login at all");
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
        boolean calledAws = !PERSONAL.aws().names.isEmpty() || !PERSONAL.aws().assumed.isEmpty();
        if (!calledAws) {
            return;
        }
        COUNTS.add("personal login");
        assertTrue(vouched != null && vouched.namesSomeone(), where + ": AWS called for no one vouched: " + vouched);
        assertTrue(vouched.couldBeMapped(), where + ": AWS called for a caller no rule maps: " + vouched);
        assertEquals(1, PERSONAL.aws().assumed.size(), where + ": AssumeRole calls");
        Assumed assumed = PERSONAL.aws().assumed.get(0);
        assertTrue(assumed.roleArn().startsWith(FuzzDeployment.ROLE_ARN_PREFIX), where + ": " + assumed.roleArn());
        assertTrue(SESSION_NAME.matcher(assumed.sessionName()).matches(), where + ": session " + assumed);
        assertEquals(assumed.sessionName(), assumed.sourceIdentity(), where + ": source identity");
        String roleName = assumed.roleArn().substring(assumed.roleArn().lastIndexOf('/') + 1);
        assertTrue(("assumed-role/" + roleName + "/" + assumed.sessionName()).length() <= 64, where + ": " + assumed);
        if (answer.status() == 200) {
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
        claims.fields().forEachRemaining(claim -> texts.put(claim.getKey(), text(claim.getValue())));
        return new Vouched(texts, arn.isValueNode() && !arn.isNull() ? arn.asText() : null);
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
        if (event instanceof APIGatewayV2HTTPEvent http && http.getRequestContext() != null
                && http.getRequestContext().getAuthorizer() != null) {
            var authorizer = http.getRequestContext().getAuthorizer();
            if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
                claims.putAll(authorizer.getJwt().getClaims());
            }
            arn = authorizer.getIam() == null ? null : authorizer.getIam().getUserArn();
        } else if (event instanceof APIGatewayProxyRequestEvent rest && rest.getRequestContext() != null) {
            var context = rest.getRequestContext();
            Object vouched = context.getAuthorizer() == null ? null : context.getAuthorizer().get("claims");
            if (vouched instanceof Map<?, ?> map) {
                map.forEach((name, value) -> claims.put(String.valueOf(name), value == null ? null
                        : String.valueOf(value)));
            }
            arn = context.getIdentity() == null ? null : context.getIdentity().getUserArn();
        }
        return new Vouched(claims, arn);
    }
}
