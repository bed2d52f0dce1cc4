package dev.mwaalogin.aot;

import java.util.ArrayList;
import java.util.List;

/**
 * What the training run asks the function: the sign-ins a cold start serves (a browser's redirect, a script's JSON,
 * a named environment), as API Gateway HTTP API payload 2.0 events. Every value is fixed and made up: nothing in
 * them is unique, secret or a credential, so nothing of them can reach the cache.
 */
final class TrainingEvents {

    /** The environment the training run's configuration names as its default; another one is allow-listed. */
    static final String ENVIRONMENT = "aot-training";
    static final String NAMED_ENVIRONMENT = "aot-training-named";

    private static final String EVENT = "{\"version\":\"2.0\",\"routeKey\":\"%1$s\",\"rawPath\":\"%2$s\","
            + "\"rawQueryString\":\"%3$s\",\"headers\":{\"accept\":\"%4$s\",\"accept-encoding\":\"gzip, deflate, br\","
            + "\"content-length\":\"0\",\"host\":\"aot-training.execute-api.us-east-1.amazonaws.com\","
            + "\"user-agent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:136.0) Gecko/20100101 Firefox/136.0\","
            + "\"x-forwarded-for\":\"192.0.2.1\",\"x-forwarded-port\":\"443\",\"x-forwarded-proto\":\"https\"},"
            + "%5$s\"requestContext\":{\"accountId\":\"000000000000\",\"apiId\":\"aot-training\","
            + "\"domainName\":\"aot-training.execute-api.us-east-1.amazonaws.com\",\"domainPrefix\":\"aot-training\","
            + "\"http\":{\"method\":\"GET\",\"path\":\"%2$s\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"192.0.2.1\","
            + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:136.0) Gecko/20100101 Firefox/136.0\"},"
            + "\"requestId\":\"aot-training\",\"routeKey\":\"%1$s\",\"stage\":\"$default\","
            + "\"time\":\"01/Jan/2025:00:00:00 +0000\",\"timeEpoch\":1735689600000},\"isBase64Encoded\":false}";

    private TrainingEvents() {
    }

    /** One event and the status the function must answer it with. */
    record Event(String json, int expectedStatus) {
    }

    /** The three sign-ins, {@code rounds} times over. */
    static List<Event> rounds(int rounds) {
        List<Event> once = List.of(
                new Event(String.format(EVENT, "ANY /login", "/login", "",
                        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ""), 302),
                new Event(String.format(EVENT, "ANY /login", "/login", "format=json", "*/*",
                        "\"queryStringParameters\":{\"format\":\"json\"},"), 200),
                new Event(String.format(EVENT, "ANY /login/{environment}", "/login/" + NAMED_ENVIRONMENT, "",
                        "application/json", "\"pathParameters\":{\"environment\":\"" + NAMED_ENVIRONMENT + "\"},"),
                        200));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            events.addAll(once);
        }
        return events;
    }
}
