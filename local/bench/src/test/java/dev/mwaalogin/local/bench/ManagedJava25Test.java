package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import dev.mwaalogin.local.LocalContext;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.runtime.FunctionProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The managed java25 model's JVM: its options, its command, and the handler its cache is trained with. */
class ManagedJava25Test {

    private static final Template.Function FUNCTION = new Template.Function("LoginFunction",
            "dev.mwaalogin.lambda.HttpApiHandler::handleRequest", "java25", 1769, 30, Map.of(), List.of());

    @Test
    void theOptionsAreTheRuntimesDocumentedOnesForAnOnDemandFunction() {
        List<String> options = ManagedJava25.options(FUNCTION);
        assertEquals(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:MaxHeapSize=1503m", "--enable-native-access=ALL-UNNAMED"), options);
        assertTrue(options.stream().noneMatch(option -> option.startsWith("-javaagent")), "no Log4Shell agent");
        assertEquals("-Xshare:auto", FunctionProcess.jvmOptions(FUNCTION).get(3), "java21's model: the JDK's CDS");
        assertEquals("-XX:MaxHeapSize=1503m", FunctionProcess.jvmOptions(FUNCTION).get(4),
                "the same heap as the java21 model");
    }

    @Test
    void theRuntimeClientRunsFromTheClassPathWithTheCacheAndTheFunctionIsLeftToItsClassLoader() {
        Path java = Path.of("/opt/jdk-25/bin/java");
        Path cache = Path.of("/tmp/runtime-client.aot");
        ManagedJava25 model = new ManagedJava25(java, cache, ManagedJava25.options(FUNCTION));
        List<String> command = model.command(FUNCTION.handler());
        List<String> expected = new ArrayList<>();
        expected.add(java.toString());
        expected.addAll(ManagedJava25.options(FUNCTION));
        expected.addAll(List.of("-XX:AOTCache=" + cache, "-cp", FunctionProcess.runtimeClassPath(),
                AWSLambda.class.getName(), FUNCTION.handler()));
        assertEquals(expected, command);
        assertFalse(command.get(command.indexOf("-cp") + 1).contains("lambda-task"), "no task root on the class path");
        List<String> logged = model.withOption("-Xlog:class+load").command(FUNCTION.handler());
        assertEquals("-Xlog:class+load", logged.get(logged.indexOf("-XX:AOTCache=" + cache) - 1));
    }

    @Test
    void theTrainingHandlerDoesNothingOfTheFunctionsButTheRuntimesRoundTrip() throws Exception {
        List<String> logged = new ArrayList<>();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new RuntimeClientOnly().handleRequest(new ByteArrayInputStream("{\"rawPath\":\"/login\"}".getBytes(
                StandardCharsets.UTF_8)), answer, new LocalContext("00000000-0000-4000-8000-000000000001",
                logged::add));
        assertEquals(200, ColdPaths.statusOf(answer.toString(StandardCharsets.UTF_8)));
        assertEquals(List.of("event of 20 bytes"), logged);
    }
}
