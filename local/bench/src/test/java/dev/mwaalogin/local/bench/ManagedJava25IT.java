package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.image.Jdk25;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed java25 model against the real runtime client, a JDK 25 and the MWAA emulator: its cache, trained with
 * a handler that does nothing of the function's, holds the runtime client and none of the function, and the function
 * still answers; trained on the function instead, the same kind of cache does hold the function's classes, loaded
 * from the task root's folder by the runtime client's own class loader (so the first check can see them). Skipped,
 * with the reason, where no JDK 25 is installed; failing instead when {@code CI=true}.
 */
class ManagedJava25IT {

    /** The checkout: this module is local/bench. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.";
    private static final String FUNCTION = "dev.mwaalogin.";

    @TempDir
    static Path work;

    private static Stage stage;
    private static ColdPaths cold;
    private static FunctionSetup setup;
    private static Path jdk;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> found = Jdk25.locate();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(found.isPresent(), Jdk25.missing() + " (CI=true: the java25 model must be tested there)");
        }
        assumeTrue(found.isPresent(), Jdk25.missing());
        jdk = found.get();
        Template.Function function = Template.read(ROOT.resolve("template.yaml")).function("LoginFunction");
        stage = Stage.start(function, false);
        setup = new FunctionSetup(TaskRoot.assemble(ROOT.resolve("function")), function, stage.shared());
        cold = new ColdPaths(setup, Files.readString(ROOT.resolve("events/http-redirect.json")));
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    /** One cold /login with the model's JVM and cache, its class-loading log read back. */
    private static ClassLoadLog coldLogin(ManagedJava25 model, String name) throws Exception {
        Path log = work.resolve(name + ".log");
        ColdPaths.FunctionRun run = cold.java25(model.withOption("-Xlog:class+load:file=" + log));
        assertEquals(302, run.status(), "the function answered through the model's runtime client");
        return ClassLoadLog.read(log);
    }

    @Test
    void theShippedCacheHoldsTheRuntimeClientAndNothingOfTheFunction() throws Exception {
        String event = Files.readString(ROOT.resolve("events/http-redirect.json"));
        ManagedJava25 model = ManagedJava25.runtimeClientOnly(jdk, work, setup, event);
        ClassLoadLog log = coldLogin(model, "shipped");
        assertTrue(log.count(RUNTIME_CLIENT) > 10, "the runtime client ran: " + log.count(RUNTIME_CLIENT));
        assertEquals(log.count(RUNTIME_CLIENT), log.cachedCount(RUNTIME_CLIENT), "every runtime-client class cached");
        assertTrue(log.count(FUNCTION) > 10, "the function ran: " + log.count(FUNCTION));
        assertEquals(0, log.cachedCount(FUNCTION), "none of the function's classes in the cache");
        List<String> cachedSdk = log.cached().stream().filter(name -> name.startsWith("software.amazon.")).toList();
        assertTrue(cachedSdk.stream().allMatch(name -> name.startsWith("software.amazon.awssdk.utilslite.")),
                "of the SDK only the runtime client's own utils-lite: " + cachedSdk);
    }

    @Test
    void aCacheTrainedOnTheFunctionHoldsItsClassesFromTheTaskRootsFolder() throws Exception {
        String event = Files.readString(ROOT.resolve("events/http-redirect.json"));
        ManagedJava25 model = ManagedJava25.withFunction(jdk, work, setup, event);
        ClassLoadLog log = coldLogin(model, "with-function");
        List<String> named = log.named(FUNCTION);
        assertTrue(named.size() > 10, named.toString());
        // The function's own classes are in the task root's folder, not in a jar: the runtime client's class loader
        // read them from there during training, and the cache holds them (those training reached: most).
        assertTrue(Files.isRegularFile(setup.taskRoot().resolve("dev/mwaalogin/lambda/HttpApiHandler.class")));
        assertTrue(log.cached().contains("dev.mwaalogin.lambda.HttpApiHandler"), "the handler came from the cache");
        long namedCached = log.cachedCount(FUNCTION) - lambdasCached(log);
        assertTrue(namedCached * 2 > named.size(), namedCached + " of " + named.size() + " named classes cached");
        assertEquals(0, lambdasCached(log), "their lambdas' hidden classes are not");
    }

    private static long lambdasCached(ClassLoadLog log) {
        return log.cached().stream().filter(name -> name.startsWith(FUNCTION) && name.contains("$$Lambda")).count();
    }
}
