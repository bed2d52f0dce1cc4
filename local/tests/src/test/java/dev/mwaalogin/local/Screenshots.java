package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** Screenshots a browser test keeps (under {@code local/tests/target/browser-artifacts/}), checked to show something. */
final class Screenshots {

    private Screenshots() {
    }

    /** Saves the page as {@code name} and checks it is a real, full-size PNG that {@code shows} what it should. */
    static void save(ChromeDriver driver, Path folder, String name, Predicate<BufferedImage> shows)
            throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path file = folder.resolve(name);
        Files.write(file, png);
        assertTrue(Files.size(file) > 4_000, name + " is only " + Files.size(file) + " bytes");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, name + " is not a PNG");
        assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, name + " " + image.getWidth() + "x"
                + image.getHeight());
        assertTrue(shows.test(image), name + " does not show the expected status colour");
    }

    /** The emulator's success text is green (#116611). */
    static boolean isGreen(BufferedImage image) {
        return count(image, (r, g, b) -> g > r + 40 && g > b + 40) > 50;
    }

    /** The emulator's refusals are red (#aa1111). */
    static boolean isRed(BufferedImage image) {
        return count(image, (r, g, b) -> r > g + 60 && r > b + 60) > 50;
    }

    /** For pages with no status colour of their own: anything goes, as long as the image is real. */
    static boolean anything(BufferedImage image) {
        return true;
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
