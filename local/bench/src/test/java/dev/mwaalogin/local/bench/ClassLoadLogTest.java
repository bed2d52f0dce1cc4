package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadLogTest {

    private static ClassLoadLog fixture() throws IOException, URISyntaxException {
        return ClassLoadLog.read(Path.of(ClassLoadLogTest.class.getResource("/bench/class-load.log").toURI()));
    }

    @Test
    void readsOneClassPerLoadLineAndSkipsEverythingElse() throws Exception {
        ClassLoadLog log = fixture();
        assertEquals(8, log.total(), log.classes().toString());
        assertEquals("java.lang.Object", log.classes().get(0));
        assertEquals("dev.mwaalogin.Config$$Lambda/0x00007fd3450201f8", log.classes().get(2));
    }

    @Test
    void countsFamiliesByPrefix() throws Exception {
        ClassLoadLog log = fixture();
        assertEquals(1, log.count("dev.mwaalogin.oidc."));
        assertEquals(2, log.count("com.nimbusds."));
        assertEquals(1, log.count("software.amazon.awssdk.services.secretsmanager."));
        assertEquals(0, log.count("dev.mwaalogin.Gone"), "an unload is not a load");
        assertEquals(4, log.count("dev.mwaalogin."));
    }

    @Test
    void namesLeaveOutLambdaClasses() throws Exception {
        assertEquals(List.of("dev.mwaalogin.Config"), fixture().named("dev.mwaalogin.Config"));
    }

    @Test
    void tellsTheClassesTheJvmTookFromItsArchiveOrCache() throws Exception {
        ClassLoadLog log = fixture();
        assertEquals(List.of("java.lang.Object"), log.cached());
        assertEquals(1, log.cachedCount("java."));
        assertEquals(0, log.cachedCount("dev.mwaalogin."), "loaded from the task root, not the cache");
        ClassLoadLog custom = ClassLoadLog.parse(List.of(
                "[0.25s][info][class,load] dev.mwaalogin.HttpApiHandler source: shared objects file",
                "[0.26s][info][class,load] dev.mwaalogin.Config$$Lambda/0x0000000054041c78 source: "
                        + "dev.mwaalogin.Config"));
        assertEquals(1, custom.cachedCount("dev.mwaalogin."));
        assertEquals(2, custom.count("dev.mwaalogin."));
    }

    @Test
    void anEmptyLogHasNoClasses() {
        assertEquals(0, ClassLoadLog.parse(List.of("", "[0.1s][info][class,load] ")).total());
    }
}
