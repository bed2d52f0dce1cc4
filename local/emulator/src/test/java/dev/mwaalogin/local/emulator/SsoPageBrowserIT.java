package dev.mwaalogin.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.mwaa.MwaaClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The emulator's sign-in pages in real headless Chromium (Debian's, by path, as {@code BrowserIT}): the Airflow role
 * next to the identity, and a token on the other Airflow generation's page.
 */
class SsoPageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADMIN = "arn:aws:iam::123456789012:role/mwaa-admin";
    /** Held here (loggers are weak): Selenium's CDP version warning is noise, as in BrowserIT. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static MwaaEmulator emu;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Tools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        emu = MwaaEmulator.builder().environment("demo").environment("v3demo", "3.0.6")
                .iamRole(ADMIN, "Admin", "v3demo").requestLog(null).build().start();
        profile = Files.createTempDirectory("sso-page-browser-it");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (emu != null) {
            emu.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens a sign-in page with the token in its fragment and waits for its answer. */
    private static WebElement open(String pagePath, String token) {
        // From elsewhere: the same URL with another fragment would be a same-page jump that runs no script.
        driver.get("about:blank");
        driver.get(emu.endpoint() + pagePath + "?login=true#" + token);
        WebElement status = driver.findElement(By.id("status"));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !"pending".equals(status.getAttribute(
                "data-result")));
        return status;
    }

    @Test
    void theRoleIsShownNextToTheIdentity() {
        String token;
        try (MwaaClient mwaa = MwaaClients.of(emu)) {
            token = mwaa.createWebLoginToken(r -> r.name("demo")).webToken();
        }
        WebElement status = open(EmulatedEnvironment.AIRFLOW_2_LOGIN_PATH, token);
        assertEquals("ok", status.getAttribute("data-result"), status.getText());
        assertEquals("signed in to demo as " + EmulatorCredentials.DEFAULT_IAM_IDENTITY, status.getText());
        assertEquals("Viewer", status.getAttribute("data-airflow-role"));
        WebElement role = driver.findElement(By.id("airflow-role"));
        assertTrue(role.isDisplayed());
        assertEquals("(Viewer)", role.getText());
        assertEquals("signed in to demo as " + EmulatorCredentials.DEFAULT_IAM_IDENTITY + " (Viewer)",
                status.findElement(By.xpath("..")).getText());
        assertFalse(driver.getCurrentUrl().contains("#"), "the spent token left the address bar");
    }

    @Test
    void anAirflow3TokenIsRefusedOnTheAirflow2PageThenWorksOnItsOwn() {
        String token;
        try (StsClient sts = SdkClients.sts(emu, SdkClients.DEFAULT);
             MwaaClient asAlice = SdkClients.mwaa(emu, sts.assumeRole(r -> r.roleArn(ADMIN).roleSessionName("alice"))
                     .credentials())) {
            token = asAlice.createWebLoginToken(r -> r.name("v3demo")).webToken();
        }
        WebElement wrong = open(EmulatedEnvironment.AIRFLOW_2_LOGIN_PATH, token);
        assertEquals("wrong-page", wrong.getAttribute("data-result"));
        assertTrue(wrong.getText().startsWith("This login link is for v3demo, which runs Airflow 3.0.6"),
                wrong.getText());
        assertNull(wrong.getAttribute("data-identity"));
        assertFalse(driver.findElement(By.id("airflow-role")).isDisplayed());

        WebElement ok = open(EmulatedEnvironment.AIRFLOW_3_LOGIN_PATH, token);
        assertEquals("ok", ok.getAttribute("data-result"), ok.getText());
        assertEquals("signed in to v3demo as assumed-role/mwaa-admin/alice", ok.getText());
        assertEquals("(Admin)", driver.findElement(By.id("airflow-role")).getText());
    }
}
