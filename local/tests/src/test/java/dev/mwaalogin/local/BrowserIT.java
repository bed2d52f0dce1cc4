package dev.mwaalogin.local;

import dev.mwaalogin.local.template.TemplateFixtures;
import static dev.mwaalogin.local.ChromiumNetwork.followedRedirect;
import static dev.mwaalogin.local.ChromiumNetwork.referer;
import static dev.mwaalogin.local.ChromiumNetwork.requestTo;
import static dev.mwaalogin.local.ChromiumNetwork.requestedUrls;
import static dev.mwaalogin.local.ChromiumNetwork.responseFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.emulator.TokenLedger;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole product as a person sees it, in real headless Chromium, as {@code local/run start-api} runs it: the
 * built function in a Lambda runtime behind the local API, signing people in itself at a real OpenID provider
 * (mock-oauth2-server, its login page typed into), then its 302 into the emulator's Airflow 2 or 3 sign-in page, and
 * the page redeeming the token with the Airflow role the person's groups map to ({@code events/env.json}).
 *
 * <p>Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, both given by path, so Selenium
 * Manager never runs and nothing is downloaded. What the browser itself sent and received is read from
 * ChromeDriver's performance log ({@link ChromiumNetwork}), its cookies from CDP. Screenshots go to
 * {@code local/tests/target/browser-artifacts/}. Each test starts with no cookies.
 */
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path ROOT = TemplateFixtures.ROOT;
    private static final Path ARTIFACTS = ROOT.resolve("local").resolve("tests").resolve("target").resolve("browser-artifacts");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SSO_PATH = "/aws_mwaa/aws-console-sso?login=true";
    private static final String SSO_PATH_V3 = "/pluginsv2/aws_mwaa/aws-console-sso?login=true";
    private static final String ADMINS = "{\"groups\":[\"airflow-admins\"]}";
    private static final String SESSION_COOKIE = "__Host-mwaa-login-session";
    private static final String FLOW_COOKIE = "__Host-mwaa-login-flow";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * No CDP module is on the class path on purpose (the performance log comes through ChromeDriver itself), so
     * Selenium's "Unable to find CDP implementation matching 156" warning is noise. Held here: loggers are weak.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final List<String> logs = new CopyOnWriteArrayList<>();
    private static final List<String> secrets = new CopyOnWriteArrayList<>();
    private static LocalSetup setup;
    private static LocalApi api;
    private static String emulator;
    private static String provider;
    private static Path profile;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        Tools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project", ROOT.toString(), "--function",
            "LoginFunction", "--auth", "oidc"}, Set.of()));
        try {
            api = LocalApi.start(setup, 0, 1, logs::add);
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
        emulator = setup.emulator.endpoint().toString().replaceAll("/$", "");
        provider = setup.signIn.provider().issuer();
        secrets.add(setup.signIn.sessionKey());
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
        if (secrets.size() > 1) {
            assertTrue(logs.stream().anyMatch(l -> l.contains("\"message\":\"login status=302 environment=demo "
                    + "person=alice caller=session airflowRole=Admin")), "the function's log lines were not "
                    + "captured: " + logs.size());
        }
        for (String line : logs) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a token, cookie or key reached a log line: " + line.length()
                        + " chars");
            }
        }
    }

    @BeforeEach
    void noCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
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
    void signInAtTheProviderLandsInAirflowWithTheMappedRoleAndEachLoginWorksOnce() throws Exception {
        // 1. /login sends the browser to the provider's login page; alice signs in there with her groups.
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/login");
        WebElement userName = awaitProviderLoginPage();
        assertTrue(driver.getCurrentUrl().startsWith(provider + "/authorize?"), driver.getCurrentUrl());
        Screenshots.save(driver, ARTIFACTS, "provider-login.png", Screenshots::anything);
        submit(userName, "alice", ADMINS);

        // 2. Back at the function, then on into Airflow: signed in as herself, with the role her group maps to.
        WebElement status = awaitResult();
        List<JsonNode> network = ChromiumNetwork.drain(driver);
        String landedOn = followedRedirect(network, api.url() + "/oauth2/callback?");
        assertTrue(landedOn.startsWith(emulator + SSO_PATH + "#"), "followed " + landedOn.length() + " chars");
        String token = landedOn.substring(landedOn.indexOf('#') + 1);
        assertFalse(token.isEmpty());
        secrets.add(token);
        assertSignedIn(status, "demo", "assumed-role/Admin-local/alice", "Admin");
        // The spent token is taken out of the address bar (and so out of history and bookmarks).
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
        assertEquals(emulator + SSO_PATH, driver.getCurrentUrl());
        Screenshots.save(driver, ARTIFACTS, "login-ok.png", Screenshots::isGreen);

        // 3. The session is a __Host- cookie the browser kept from http://127.0.0.1: Secure, HttpOnly, Lax, /.
        JsonNode session = cookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no session cookie"));
        assertEquals("127.0.0.1", session.path("domain").asText());
        assertEquals("/", session.path("path").asText());
        assertTrue(session.path("secure").asBoolean() && session.path("httpOnly").asBoolean(), session.toString());
        assertEquals("Lax", session.path("sameSite").asText());
        assertTrue(cookie(FLOW_COOKIE).isEmpty(), "the flow cookie is cleared once used");

        // 4. The same link again, pasted into another tab: the token was single-use.
        String firstTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            driver.get(landedOn);
            WebElement refused = awaitResult();
            assertEquals("reused", refused.getAttribute("data-result"), refused.getText());
            assertEquals("This login link was already used. Sign in again.", refused.getText());
            assertNull(refused.getAttribute("data-identity"));
            Screenshots.save(driver, ARTIFACTS, "login-reused.png", Screenshots::isRed);
        } finally {
            driver.close();
            driver.switchTo().window(firstTab);
        }

        // 5. A fresh /login is a new, different login, straight into Airflow: the session stands in for the provider.
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/login");
        WebElement again = awaitResult();
        network = ChromiumNetwork.drain(driver);
        String secondUrl = followedRedirect(network, api.url() + "/login");
        String second = secondUrl.substring(secondUrl.indexOf('#') + 1);
        secrets.add(second);
        assertTrue(secondUrl.startsWith(emulator + SSO_PATH + "#"));
        assertNotEquals(token, second, "tokens are unique");
        assertNoRequestTo(network, provider);
        assertSignedIn(again, "demo", "assumed-role/Admin-local/alice", "Admin");
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
    }

    @Test
    void theHomePageListsEachEnvironmentWithTheRoleThereAndItsLinksSignInByKeyboard() throws Exception {
        // events/env.json: data-* is User everywhere, data-eng=Admin@analytics makes dana Admin in analytics only.
        driver.get(api.url() + "/");
        submit(awaitProviderLoginPage(), "dana", "{\"groups\":[\"data-eng\"]}");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main ul")));
        assertEquals(api.url() + "/", driver.getCurrentUrl(), "back on the page, the provider's code gone");
        cookie(SESSION_COOKIE).map(c -> c.path("value").asText()).ifPresent(BrowserIT::remember);
        assertEquals("Your Airflow environments", driver.getTitle());
        List<String> items = driver.findElements(By.cssSelector("main li")).stream().map(WebElement::getText)
                .toList();
        assertEquals(List.of("demo · Airflow 2 · as User", "analytics · Airflow 3 · as Admin"), items);
        assertTrue(driver.findElements(By.tagName("script")).isEmpty(), "no script");
        Screenshots.save(driver, ARTIFACTS, "home-page.png", Screenshots::anything);

        // Keyboard only: Tab to the analytics link, Enter, and Airflow 3 signs dana in as Admin.
        WebElement analytics = driver.findElement(By.linkText("analytics"));
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        for (int i = 0; i < 5 && !analytics.equals(driver.switchTo().activeElement()); i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals(analytics, driver.switchTo().activeElement(), "the link takes the keyboard's focus");
        ChromiumNetwork.drain(driver);
        analytics.sendKeys(Keys.ENTER);
        WebElement status = awaitResult();
        String landedOn = followedRedirect(ChromiumNetwork.drain(driver), api.url() + "/login/analytics");
        secrets.add(tokenOf(landedOn));
        assertTrue(landedOn.startsWith(emulator + SSO_PATH_V3 + "#"), "Airflow 3's page");
        assertSignedIn(status, "analytics", "assumed-role/Admin-local/dana", "Admin");
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));

        // And in demo the same person is a User.
        driver.get(api.url() + "/login");
        WebElement demo = awaitResult();
        secrets.add(tokenOf(followedRedirect(ChromiumNetwork.drain(driver), api.url() + "/login")));
        assertSignedIn(demo, "demo", "assumed-role/User-local/dana", "User");
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
    }

    @Test
    void aSecondEnvironmentOnAirflow3NeedsNoNewSignIn() throws Exception {
        signIn("alice", ADMINS);
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/login/analytics");
        WebElement status = awaitResult();
        List<JsonNode> network = ChromiumNetwork.drain(driver);
        String landedOn = followedRedirect(network, api.url() + "/login/analytics");
        secrets.add(landedOn.substring(landedOn.indexOf('#') + 1));
        assertTrue(landedOn.startsWith(emulator + SSO_PATH_V3 + "#"), "Airflow 3's page");
        assertNoRequestTo(network, provider);
        assertSignedIn(status, "analytics", "assumed-role/Admin-local/alice", "Admin");
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
        assertEquals(emulator + SSO_PATH_V3, driver.getCurrentUrl());
        Screenshots.save(driver, ARTIFACTS, "login-analytics-airflow3.png", Screenshots::isGreen);
    }

    @Test
    void logoutEndsTheSessionAndSignsOutAtTheProviderSoTheNextLoginAsksAgain() throws Exception {
        signIn("alice", ADMINS);
        assertTrue(cookie(SESSION_COOKIE).isPresent());
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/logout");
        // The provider's end-session endpoint sends the browser back to /login, which, signed out, asks again.
        awaitProviderLoginPage();
        List<JsonNode> network = ChromiumNetwork.drain(driver);
        String toProvider = followedRedirect(network, api.url() + "/logout");
        assertTrue(toProvider.startsWith(provider + "/endsession?client_id=" + LocalProvider.CLIENT_ID
                + "&post_logout_redirect_uri=" + URLEncoder.encode(api.url() + "/login", StandardCharsets.UTF_8)),
                toProvider);
        assertEquals(api.url() + "/login", followedRedirect(network, provider + "/endsession"));
        assertTrue(followedRedirect(network, api.url() + "/login").startsWith(provider + "/authorize?"));
        assertTrue(cookie(SESSION_COOKIE).isEmpty(), "the session cookie is gone");
        assertTrue(driver.getCurrentUrl().startsWith(provider + "/authorize?"), driver.getCurrentUrl());
        Screenshots.save(driver, ARTIFACTS, "logout-provider-login.png", Screenshots::anything);
    }

    @Test
    void aPersonWhoseGroupsMapToNothingGetsTheRefusalPageAndNothingIsMinted() throws Exception {
        long minted = setup.emulator.hits("demo");
        long sessions = setup.emulator.hits(MwaaEmulator.STS);
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/login");
        submit(awaitProviderLoginPage(), "mallory", "{\"groups\":[\"visitors\"]}");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(api.url() + "/oauth2/callback"));
        List<JsonNode> network = ChromiumNetwork.drain(driver);
        JsonNode response = responseFrom(network, driver.getCurrentUrl());
        assertEquals(403, response.path("status").asInt());
        assertEquals("text/html", response.path("mimeType").asText());
        assertEquals("Airflow sign-in failed", driver.getTitle());
        String text = driver.findElement(By.tagName("body")).getText();
        assertTrue(text.contains("none of your groups is given an Airflow role here"), text);
        assertTrue(text.contains("403 NoAirflowRole"), text);
        assertFalse(text.contains("mallory") || text.contains("visitors"), text);
        Screenshots.save(driver, ARTIFACTS, "login-no-role.png", Screenshots::anything);

        // Signed in, though: the next /login refuses at once rather than looping through the provider.
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/login");
        network = ChromiumNetwork.drain(driver);
        assertEquals(403, responseFrom(network, api.url() + "/login").path("status").asInt());
        assertNoRequestTo(network, provider);
        assertEquals(minted, setup.emulator.hits("demo"), "no login token was minted");
        assertEquals(sessions, setup.emulator.hits(MwaaEmulator.STS), "no role was assumed");
    }

    @Test
    void noRefererReachesTheFunctionFromTheAirflowPage() throws Exception {
        signIn("alice", ADMINS);
        // Control: from a page with the browser's default policy, Chromium does send a Referer to the function,
        // so the log below can see one; and the function's own Referrer-Policy strips it from the redirect.
        driver.get(emulator + "/aws_mwaa/no-such-page");
        ChromiumNetwork.drain(driver);
        navigateFromPageTo(api.url() + "/login");
        awaitResult();
        List<JsonNode> network = ChromiumNetwork.drain(driver);
        secrets.add(tokenOf(followedRedirect(network, api.url() + "/login")));
        assertEquals(emulator + "/", referer(network, api.url() + "/login"),
                "the control page should have sent its origin as Referer");
        assertNull(referer(network, emulator + "/aws_mwaa/aws-console-sso"),
                "the function's redirect must not pass a Referer on to Airflow");

        // From the Airflow SSO page (signed in), going back to the function sends no Referer at all.
        assertEquals("ok", driver.findElement(By.id("status")).getAttribute("data-result"));
        navigateFromPageTo(api.url() + "/login");
        awaitResult();
        network = ChromiumNetwork.drain(driver);
        secrets.add(tokenOf(followedRedirect(network, api.url() + "/login")));
        assertNull(referer(network, api.url() + "/login"), "Referer from the Airflow page");
        JsonNode request = requestTo(network, api.url() + "/login");
        assertEquals("no-referrer", request.path("request").path("referrerPolicy").asText());
    }

    @Test
    void errorPagesAreHtmlAndEchoNothing() throws Exception {
        ChromiumNetwork.drain(driver);
        driver.get(api.url() + "/login/not-allowed");
        List<JsonNode> network = ChromiumNetwork.drain(driver);
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
        Screenshots.save(driver, ARTIFACTS, "error-not-allowed.png", Screenshots::anything);

        // Markup in the name is neither echoed nor run.
        String hostile = "%3Cb%3Ebold%3C%2Fb%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        driver.get(api.url() + "/login/" + hostile);
        response = responseFrom(ChromiumNetwork.drain(driver), api.url() + "/login/" + hostile);
        assertEquals(400, response.path("status").asInt());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        text = driver.findElement(By.tagName("body")).getText();
        assertTrue(text.contains("400 InvalidEnvironmentName"), text);
        assertTrue(driver.findElements(By.tagName("b")).isEmpty());
        assertTrue(driver.findElements(By.tagName("script")).isEmpty());
        String source = driver.getPageSource().toLowerCase(Locale.ROOT);
        assertFalse(source.contains("bold") || source.contains("alert") || source.contains("script"), source);
    }

    // --- Steps ---

    /** Signs in from scratch through the provider's page and lands on demo's Airflow page. */
    private static void signIn(String user, String claims) throws IOException {
        driver.get(api.url() + "/login");
        submit(awaitProviderLoginPage(), user, claims);
        WebElement status = awaitResult();
        assertEquals("ok", status.getAttribute("data-result"), status.getText());
        secrets.add(tokenOf(followedRedirect(ChromiumNetwork.drain(driver), api.url() + "/oauth2/callback?")));
        cookie(SESSION_COOKIE).map(c -> c.path("value").asText()).ifPresent(BrowserIT::remember);
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("#"));
    }

    /** Waits for mock-oauth2-server's login form and returns its user name field. */
    private static WebElement awaitProviderLoginPage() {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form input[name=username]")));
    }

    /** Types a user name and, if given, claims as JSON into the provider's form, and signs in. */
    private static void submit(WebElement userName, String user, String claims) {
        userName.sendKeys(user);
        if (claims != null) {
            driver.findElement(By.cssSelector("form textarea[name=claims]")).sendKeys(claims);
        }
        driver.findElement(By.cssSelector("form input[type=submit]")).click();
    }

    /** Waits until the SSO page has an answer (anything but {@code pending}) and returns its status element. */
    private static WebElement awaitResult() {
        WebElement status = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#status[data-result]")));
        new WebDriverWait(driver, WAIT).until(d -> !"pending".equals(status.getAttribute("data-result")));
        return status;
    }

    private static void assertSignedIn(WebElement status, String environment, String identity, String role) {
        assertEquals("ok", status.getAttribute("data-result"), status.getText());
        assertEquals(environment, status.getAttribute("data-environment"));
        assertEquals(identity, status.getAttribute("data-identity"));
        assertEquals(role, status.getAttribute("data-airflow-role"));
        assertEquals("signed in to " + environment + " as " + identity, status.getText());
        assertEquals("signed in to " + environment + " as " + identity + " (" + role + ")",
                driver.findElement(By.tagName("body")).getText().lines()
                        .filter(line -> line.startsWith("signed in to")).findFirst().orElse(""));
    }

    /** Navigates the way a link on the current page would, so the page's own referrer policy applies. */
    private static void navigateFromPageTo(String url) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.executeScript("window.location.assign(arguments[0]);", url);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(before));
    }

    private static void assertNoRequestTo(List<JsonNode> network, String prefix) {
        List<String> urls = requestedUrls(network);
        assertTrue(urls.stream().noneMatch(url -> url.startsWith(prefix)), "went to the provider: " + urls.size()
                + " requests");
    }

    /** One of the browser's cookies for 127.0.0.1, as CDP reports it (HttpOnly ones included). */
    @SuppressWarnings("unchecked")
    private static Optional<JsonNode> cookie(String name) {
        Map<String, Object> answer = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        for (Map<String, Object> cookie : (List<Map<String, Object>>) answer.get("cookies")) {
            if (name.equals(cookie.get("name")) && "127.0.0.1".equals(cookie.get("domain"))) {
                JsonNode json = JSON.valueToTree(cookie);
                remember(json.path("value").asText());
                return Optional.of(json);
            }
        }
        return Optional.empty();
    }

    /** A secret this test saw: kept for the log check below and for the build's secret scan. */
    private static void remember(String secret) {
        if (secret != null && secret.length() >= 16 && !secrets.contains(secret)) {
            secrets.add(secret);
            TokenLedger.configured().record(secret);
        }
    }

    private static String tokenOf(String url) {
        return url.substring(url.indexOf('#') + 1);
    }
}
