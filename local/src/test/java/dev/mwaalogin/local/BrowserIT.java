package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole login as a person sees it, in real headless Chromium: {@code /login} on the local API (the built
 * function in a Lambda runtime), its 302 into the emulator's Airflow SSO page, and the page redeeming the token.
 *
 * <p>Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, both given by path, so Selenium
 * Manager never runs and nothing is downloaded. What the browser itself sent and received (the 302 it followed,
 * its request headers, statuses) is read from ChromeDriver's performance log, so the test observes and never
 * changes the pages. Screenshots go to {@code local/target/browser-artifacts/}.
 */
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path ARTIFACTS = ROOT.resolve("local").resolve("target").resolve("browser-artifacts");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SSO_PATH = "/aws_mwaa/aws-console-sso?login=true";
    private static final Pattern SIGNED_IN = Pattern.compile("signed in to demo as \\S.*");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * No CDP module is on the class path on purpose (the performance log comes through ChromeDriver itself), so
     * Selenium's "Unable to find CDP implementation matching 156" warning is noise. Held here: loggers are weak.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final List<String> logs = new CopyOnWriteArrayList<>();
    private static final List<String> tokens = new CopyOnWriteArrayList<>();
    private static LocalApi api;
    private static String emulator;
    private static Path profile;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER);
        LocalSetup setup = LocalSetup.create(new LocalSetup.Options(
                new String[] {"--project", ROOT.toString(), "--function", "LoginFunction"}, Set.of()));
        try {
            api = LocalApi.start(setup, 0, 1, logs::add);
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
        emulator = setup.emulator.endpoint().toString().replaceAll("/$", "");
        Files.createDirectories(ARTIFACTS);
        profile = Files.createTempDirectory("browser-it-profile");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1024,640", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        // Both paths explicit: DriverFinder then never asks Selenium Manager (which could download things).
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        System.out.println("BrowserIT: " + driver.getCapabilities().getBrowserName() + " "
                + driver.getCapabilities().getBrowserVersion() + " at " + CHROMIUM + ", driver " + CHROMEDRIVER);
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            try {
                if (api != null) {
                    api.close();
                }
            } finally {
                deleteQuietly(profile);
            }
        }
        if (!tokens.isEmpty()) {
            assertTrue(logs.stream().anyMatch(l -> l.contains("\"message\":\"login status=302 environment=demo")),
                    "the function's log lines were not captured: " + logs.size());
        }
        for (String line : logs) {
            for (String token : tokens) {
                assertFalse(line.contains(token), "a token reached a log line: " + line.length() + " chars");
            }
        }
    }

    /** Best effort: Chromium's helpers may still be letting go of the profile. */
    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("BrowserIT: could not delete " + folder + ": " + e);
        }
    }

    @Test
    void loginWorksOnceAndEachLoginIsNew() throws Exception {
        // 1. The login: /login answers 302, the browser follows it and the SSO page redeems the token.
        drainNetworkLog();
        driver.get(api.url() + "/login");
        WebElement status = awaitResult();
        List<JsonNode> network = drainNetworkLog();
        String landedOn = followedRedirect(network, api.url() + "/login");
        assertTrue(landedOn.startsWith(emulator + SSO_PATH + "#"), "followed " + landedOn.length() + " chars");
        String token = landedOn.substring(landedOn.indexOf('#') + 1);
        assertFalse(token.isEmpty());
        tokens.add(token);

        assertEquals("ok", status.getAttribute("data-result"), status.getText());
        assertTrue(SIGNED_IN.matcher(status.getText()).matches(), status.getText());
        assertEquals("demo", status.getAttribute("data-environment"));
        String identity = status.getAttribute("data-identity");
        assertNotNull(identity);
        assertFalse(identity.isBlank());
        assertEquals("signed in to demo as " + identity, status.getText());
        // The spent token is taken out of the address bar (and so out of history and bookmarks).
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
        assertEquals(emulator + SSO_PATH, driver.getCurrentUrl());
        assertFalse(driver.getCurrentUrl().contains(token));
        screenshot("login-ok.png", BrowserIT::isGreen);

        // 2. The same link again, pasted into another tab: the token was single-use.
        String firstTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            driver.get(landedOn);
            WebElement refused = awaitResult();
            assertEquals("reused", refused.getAttribute("data-result"), refused.getText());
            assertEquals("This login link was already used. Sign in again.", refused.getText());
            assertNull(refused.getAttribute("data-identity"));
            screenshot("login-reused.png", BrowserIT::isRed);
        } finally {
            driver.close();
            driver.switchTo().window(firstTab);
        }

        // 3. A fresh /login is a new, different login, and it works.
        drainNetworkLog();
        driver.get(api.url() + "/login");
        WebElement again = awaitResult();
        String secondUrl = followedRedirect(drainNetworkLog(), api.url() + "/login");
        String second = secondUrl.substring(secondUrl.indexOf('#') + 1);
        tokens.add(second);
        assertTrue(secondUrl.startsWith(emulator + SSO_PATH + "#"));
        assertNotEquals(token, second, "tokens are unique");
        assertEquals("ok", again.getAttribute("data-result"), again.getText());
        assertEquals("signed in to demo as " + identity, again.getText());
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
    }

    @Test
    void noRefererReachesTheFunctionFromTheAirflowPage() throws Exception {
        // Control: from a page with the browser's default policy, Chromium does send a Referer to the function,
        // so the log below can see one; and the function's own Referrer-Policy strips it from the redirect.
        driver.get(emulator + "/aws_mwaa/no-such-page");
        drainNetworkLog();
        navigateFromPageTo(api.url() + "/login");
        awaitResult();
        List<JsonNode> network = drainNetworkLog();
        tokens.add(tokenOf(followedRedirect(network, api.url() + "/login")));
        assertEquals(emulator + "/", referer(network, api.url() + "/login"),
                "the control page should have sent its origin as Referer");
        assertNull(referer(network, emulator + "/aws_mwaa/aws-console-sso"),
                "the function's redirect must not pass a Referer on to Airflow");

        // From the Airflow SSO page (signed in), going back to the function sends no Referer at all.
        assertEquals("ok", driver.findElement(By.id("status")).getAttribute("data-result"));
        navigateFromPageTo(api.url() + "/login");
        awaitResult();
        network = drainNetworkLog();
        tokens.add(tokenOf(followedRedirect(network, api.url() + "/login")));
        assertNull(referer(network, api.url() + "/login"), "Referer from the Airflow page");
        JsonNode request = requestTo(network, api.url() + "/login");
        assertEquals("no-referrer", request.path("request").path("referrerPolicy").asText());
    }

    @Test
    void errorPagesAreHtmlAndEchoNothing() throws Exception {
        drainNetworkLog();
        driver.get(api.url() + "/login/not-allowed");
        List<JsonNode> network = drainNetworkLog();
        JsonNode response = responseFrom(network, api.url() + "/login/not-allowed");
        assertEquals(404, response.path("status").asInt());
        assertEquals("text/html", response.path("mimeType").asText());
        assertEquals("Airflow sign-in failed", driver.getTitle());
        String text = driver.findElement(By.tagName("body")).getText();
        assertEquals("Airflow sign-in failed", driver.findElement(By.tagName("h1")).getText());
        assertTrue(text.contains("This endpoint does not serve that environment. Ask its operator to add it to "
                + "ALLOWED_ENVIRONMENTS."), text);
        assertTrue(text.contains("404 EnvironmentNotFound"), text);
        assertFalse(text.contains("not-allowed"), text);
        assertFalse(driver.getPageSource().contains("not-allowed"));
        screenshot("error-not-allowed.png", image -> true);

        // Markup in the name is neither echoed nor run.
        String hostile = "%3Cb%3Ebold%3C%2Fb%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        driver.get(api.url() + "/login/" + hostile);
        response = responseFrom(drainNetworkLog(), api.url() + "/login/" + hostile);
        assertEquals(400, response.path("status").asInt());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        text = driver.findElement(By.tagName("body")).getText();
        assertTrue(text.contains("400 InvalidEnvironmentName"), text);
        assertTrue(driver.findElements(By.tagName("b")).isEmpty());
        assertTrue(driver.findElements(By.tagName("script")).isEmpty());
        String source = driver.getPageSource().toLowerCase(Locale.ROOT);
        assertFalse(source.contains("bold") || source.contains("alert") || source.contains("script"), source);
    }

    /** Waits until the SSO page has an answer (anything but {@code pending}) and returns its status element. */
    private static WebElement awaitResult() {
        WebElement status = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#status[data-result]")));
        new WebDriverWait(driver, WAIT).until(d -> !"pending".equals(status.getAttribute("data-result")));
        return status;
    }

    /** Navigates the way a link on the current page would, so the page's own referrer policy applies. */
    private static void navigateFromPageTo(String url) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.executeScript("window.location.assign(arguments[0]);", url);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(before));
    }

    private static String tokenOf(String url) {
        return url.substring(url.indexOf('#') + 1);
    }

    // --- What the browser sent and received, from ChromeDriver's performance log (CDP Network events) ---

    private static List<JsonNode> drainNetworkLog() throws IOException {
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
     * The exact URL the browser went to from the 302 that {@code from} answered: the redirect's Location, which
     * must also be the (URL + fragment) of the request that followed it.
     */
    private static String followedRedirect(List<JsonNode> network, String from) {
        for (JsonNode event : network) {
            JsonNode params = event.path("params");
            if (event.path("method").asText().equals("Network.requestWillBeSent")
                    && params.path("redirectResponse").path("url").asText().equals(from)) {
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

    /** The request the browser sent to a URL (the first, if several): a requestWillBeSent event's params. */
    private static JsonNode requestTo(List<JsonNode> network, String url) {
        return network.stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                .map(e -> e.path("params"))
                .filter(p -> p.path("request").path("url").asText().startsWith(url))
                .findFirst().orElseThrow(() -> new AssertionError("no request to " + url));
    }

    /**
     * The Referer the browser sent to a URL, or null: from the request and from its extra info (the headers as
     * sent). The hops of a redirect chain share one requestId; the n-th extra info belongs to the n-th hop.
     */
    private static String referer(List<JsonNode> network, String url) {
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

    private static JsonNode responseFrom(List<JsonNode> network, String url) {
        return network.stream().filter(e -> e.path("method").asText().equals("Network.responseReceived"))
                .map(e -> e.path("params").path("response"))
                .filter(r -> r.path("url").asText().equals(url))
                .findFirst().orElseThrow(() -> new AssertionError("no response from " + url));
    }

    private static String header(JsonNode headers, String name) {
        for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (field.equalsIgnoreCase(name)) {
                return headers.path(field).asText();
            }
        }
        return null;
    }

    // --- Screenshots ---

    private static void screenshot(String name, Predicate<BufferedImage> shows) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path file = ARTIFACTS.resolve(name);
        Files.write(file, png);
        assertTrue(Files.size(file) > 4_000, name + " is only " + Files.size(file) + " bytes");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, name + " is not a PNG");
        assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, name + " " + image.getWidth() + "x"
                + image.getHeight());
        assertTrue(shows.test(image), name + " does not show the expected status colour");
    }

    /** The success text is green (#116611). */
    private static boolean isGreen(BufferedImage image) {
        return count(image, (r, g, b) -> g > r + 40 && g > b + 40) > 50;
    }

    /** Refusals are red (#aa1111). */
    private static boolean isRed(BufferedImage image) {
        return count(image, (r, g, b) -> r > g + 60 && r > b + 60) > 50;
    }

    private interface Rgb {
        boolean test(int r, int g, int b);
    }

    private static int count(BufferedImage image, Rgb test) {
        int hits = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (test.test((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff)) {
                    hits++;
                }
            }
        }
        return hits;
    }
}
