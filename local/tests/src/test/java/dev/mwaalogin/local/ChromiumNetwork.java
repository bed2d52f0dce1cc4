package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What the browser itself sent and received, read from ChromeDriver's performance log (CDP {@code Network.*}
 * events), so that a browser test observes the pages and never changes them. The hops of a redirect chain share one
 * request id; each hop is a {@code requestWillBeSent} whose {@code redirectResponse} is the previous hop's answer.
 */
final class ChromiumNetwork {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromiumNetwork() {
    }

    /** The network events logged since the last call (ChromeDriver hands each entry out once). */
    static List<JsonNode> drain(ChromeDriver driver) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (message.path("method").asText().startsWith("Network.")) {
                events.add(message);
            }
        }
        return events;
    }

    /**
     * The exact URL the browser went to from the 302 that a URL starting with {@code from} answered: the redirect's
     * Location, which must also be the (URL + fragment) of the request that followed it.
     */
    static String followedRedirect(List<JsonNode> network, String from) {
        for (JsonNode event : network) {
            JsonNode params = event.path("params");
            if (event.path("method").asText().equals("Network.requestWillBeSent")
                    && params.path("redirectResponse").path("url").asText().startsWith(from)) {
                assertEquals(302, params.path("redirectResponse").path("status").asInt());
                String location = header(params.path("redirectResponse").path("headers"), "Location");
                JsonNode request = params.path("request");
                assertEquals(location, request.path("url").asText() + request.path("urlFragment").asText());
                return location;
            }
        }
        throw new AssertionError("the browser followed no redirect from " + from + " (" + network.size()
                + " network events)");
    }

    /** Every URL the browser requested, in order, redirects included (without fragments). */
    static List<String> requestedUrls(List<JsonNode> network) {
        return network.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                .map(e -> e.path("params").path("request").path("url").asText()).toList();
    }

    /** The request the browser sent to a URL (the first, if several): a requestWillBeSent event's params. */
    static JsonNode requestTo(List<JsonNode> network, String url) {
        return network.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                .map(e -> e.path("params"))
                .filter(p -> p.path("request").path("url").asText().startsWith(url))
                .findFirst().orElseThrow(() -> new AssertionError("no request to " + url));
    }

    /**
     * The Referer the browser sent to a URL, or null: from the request and from its extra info (the headers as
     * sent). The n-th extra info of a redirect chain belongs to its n-th hop.
     */
    static String referer(List<JsonNode> network, String url) {
        JsonNode request = requestTo(network, url);
        String requestId = request.path("requestId").asText();
        List<JsonNode> hops = new ArrayList<>();
        List<JsonNode> sent = new ArrayList<>();
        for (JsonNode event : network) {
            if (event.path("params").path("requestId").asText().equals(requestId)) {
                switch (event.path("method").asText()) {
                    case "Network.requestWillBeSent" -> hops.add(event.path("params"));
                    case "Network.requestWillBeSentExtraInfo" -> sent.add(event.path("params"));
                    default -> { }
                }
            }
        }
        int hop = hops.indexOf(request);
        String referer = header(request.path("request").path("headers"), "Referer");
        if (referer == null && hop < sent.size()) {
            referer = header(sent.get(hop).path("headers"), "Referer");
        }
        return referer;
    }

    /** The final answer the browser got from a URL: a responseReceived event's response. */
    static JsonNode responseFrom(List<JsonNode> network, String url) {
        return network.stream().filter(e -> e.path("method").asText().equals("Network.responseReceived"))
                .map(e -> e.path("params").path("response"))
                .filter(r -> r.path("url").asText().equals(url))
                .findFirst().orElseThrow(() -> new AssertionError("no response from " + url));
    }

    static String header(JsonNode headers, String name) {
        for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (field.equalsIgnoreCase(name)) {
                return headers.path(field).asText();
            }
        }
        return null;
    }
}
