package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.image.AotImage;
import dev.mwaalogin.local.image.Jdk25;
import dev.mwaalogin.local.runtime.FunctionProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's path without Docker: {@code function/image/aot-train} (the script the Dockerfile runs) lays
 * out the image's task root here and trains its AOT cache with a JDK 25; the command it prints is then started the
 * way Lambda starts the image, under AWS's runtime interface client against a local Runtime API and the MWAA
 * emulator. Skipped, with the reason, where no JDK 25 is installed; failing instead when {@code CI=true}.
 */
class AotImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = EventsIT.ROOT;
    private static final String HANDLER = "dev.mwaalogin.lambda.HttpApiHandler::handleRequest";
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    @TempDir
    static Path scratch;

    private static Path jdk;
    private static AotImage image;
    private static LocalSetup setup;
    /** Credentials in the environment of the training script: none of them may reach the cache. */
    private static final Map<String, String> TRAINING_SECRETS = new LinkedHashMap<>();

    @BeforeAll
    static void train() throws Exception {
        Optional<Path> found = Jdk25.locate();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(found.isPresent(), Jdk25.missing() + " (CI=true: the image path must be tested there)");
        }
        assumeTrue(found.isPresent(), Jdk25.missing());
        jdk = found.get();
        SecureRandom random = new SecureRandom();
        TRAINING_SECRETS.put("AWS_ACCESS_KEY_ID", "AKIA" + hex(random, 8).toUpperCase());
        TRAINING_SECRETS.put("AWS_SECRET_ACCESS_KEY", "aotTrainingSecret" + hex(random, 12));
        TRAINING_SECRETS.put("AWS_SESSION_TOKEN", "aotTrainingSession" + hex(random, 24));
        image = AotImage.train(ROOT, jdk, scratch.resolve("task"), TRAINING_SECRETS);
        setup = LocalSetup.create(new LocalSetup.Options(new String[] {"--project", ROOT.toString(), "--function",
            "LoginFunction"}, Set.of()));
    }

    @AfterAll
    static void stopEmulator() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void theLastLinePrintedIsTheEntrypointsCommandOverTheTaskRootsJars() throws IOException {
        List<String> command = image.command();
        assertEquals(jdk.resolve("bin/java").toString(), command.get(0));
        assertTrue(command.contains("-XX:AOTCache=" + image.cache()), command::toString);
        assertEquals(RUNTIME_CLIENT, command.get(command.size() - 2));
        assertEquals(HANDLER, command.get(command.size() - 1));
        // One jar: the function's, its libraries' and the runtime client's entries, the function's first.
        Path jar = image.taskRoot().resolve("mwaa-login.jar");
        assertEquals(List.of(jar.toString()), List.of(command.get(command.indexOf("-cp") + 1).split(":")));
        try (JarFile merged = new JarFile(jar.toFile());
             Stream<Path> built = Files.list(ROOT.resolve("function/target"))) {
            Path functionJar = built.filter(file -> file.getFileName().toString().matches("mwaa-login-function-.*\\.jar"))
                    .findFirst().orElseThrow();
            try (JarFile function = new JarFile(functionJar.toFile())) {
                String table = "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class";
                assertArrayEquals(function.getInputStream(function.getEntry(table)).readAllBytes(),
                        merged.getInputStream(merged.getEntry(table)).readAllBytes(),
                        "the function's own copy of the SDK's service table, not the SDK's");
            }
            for (String entry : List.of(RUNTIME_CLIENT.replace('.', '/') + ".class",
                    "software/amazon/awssdk/services/mwaa/DefaultMwaaClient.class", "com/nimbusds/jwt/SignedJWT.class",
                    "META-INF/services/software.amazon.awssdk.http.SdkHttpService")) {
                assertNotNull(merged.getEntry(entry), entry);
            }
        }
        assertTrue(Files.size(image.cache()) > 1_000_000, "a cache of the classes of a sign-in");
        // The runtime client's JNI library, taken out of its jar once, named so the client does not copy it to /tmp.
        Path jni = image.taskRoot().resolve("runtime/libaws-lambda-jni.so");
        assertTrue(command.contains("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
                + jni), command::toString);
        assertTrue(Files.size(jni) > 100_000, "the library itself");
        // The image's ENTRYPOINT is `java @/var/task/jvm.args` and its CMD the handler: the same arguments.
        assertEquals(command.subList(1, command.size() - 1),
                Files.readAllLines(image.taskRoot().resolve("jvm.args")));
    }

    @Test
    void aColdStartWithTheCommandSignsInThroughTheEmulatorWithClassesFromTheCache() throws IOException {
        Path classLog = scratch.resolve("classes.log");
        List<String> command = new ArrayList<>(image.command());
        command.add(1, "-Xlog:class+load:file=" + classLog);
        List<String> logs = new CopyOnWriteArrayList<>();
        String token = signIn(command, logs);
        assertFalse(token.isEmpty());
        String classes = Files.readString(classLog);
        for (String type : List.of(RUNTIME_CLIENT, "dev.mwaalogin.lambda.HttpApiHandler", "dev.mwaalogin.LoginService",
                "software.amazon.awssdk.services.mwaa.DefaultMwaaClient",
                "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultAwsV4HttpSigner")) {
            assertTrue(classes.contains(type + " source: shared objects file"), type + " comes from the AOT cache");
        }
        assertTrue(logs.stream().noneMatch(line -> line.contains("[aot]")), "no AOT warning: " + logs);
    }

    /**
     * Every trained path's classes come from the cache, not only the plain login's: the image's JVM, with the cache
     * and a class-loading log, runs the training handler's init (priming's browser sign-in with its callback, token
     * exchange and ID-token check, the per-person STS path, a bearer login, the home page and a call to Airflow's
     * REST API, all from canned answers) and serves one event; the log names where each class came from.
     */
    @Test
    void theCacheHoldsTheClassesOfEverySignInPath() throws IOException {
        Path classLog = scratch.resolve("trained-paths.log");
        List<String> command = new ArrayList<>(image.command());
        command.add(1, "-Xlog:class+load:file=" + classLog);
        command.set(command.size() - 1, "dev.mwaalogin.lambda.AotTraining::handleRequest");
        List<String> logs = new CopyOnWriteArrayList<>();
        try (FunctionProcess process = FunctionProcess.start(command, image.taskRoot(), setup.function,
                setup.environment, FunctionLogFile.tee("LoginFunctionImage", logs::add))) {
            JsonNode response = JSON.readTree(process.invoke(Files.readString(ROOT.resolve("events/http-redirect.json")))
                    .body());
            assertEquals(302, response.path("statusCode").asInt(), "the training handler answers from memory");
        }
        String classes = Files.readString(classLog);
        for (String type : List.of("dev.mwaalogin.signin.BrowserSignIn", "dev.mwaalogin.oidc.TokenExchange",
                "dev.mwaalogin.oidc.IdTokenVerifier", "dev.mwaalogin.oidc.CookieSeal",
                "dev.mwaalogin.identity.PersonSessions", "dev.mwaalogin.identity.TokenIdentity",
                "com.nimbusds.jwt.SignedJWT", "com.nimbusds.jose.crypto.RSASSAVerifier",
                "software.amazon.awssdk.services.sts.DefaultStsClient", "dev.mwaalogin.home.HomePage",
                "dev.mwaalogin.api.ApiRequest", "dev.mwaalogin.aws.MwaaRestApi",
                "software.amazon.awssdk.services.mwaa.model.InvokeRestApiRequest")) {
            assertTrue(classes.contains(type + " source: shared objects file"), type + " comes from the AOT cache");
        }
        assertTrue(logs.stream().noneMatch(line -> line.contains("[aot]")), "no AOT warning: " + logs);
    }

    @Test
    void aMissingCacheFallsBackToANormalStartWithAWarning() throws IOException {
        List<String> logs = new CopyOnWriteArrayList<>();
        signIn(withCache(scratch.resolve("no-such.aot")), logs);
        assertTrue(logs.stream().anyMatch(line -> line.contains("[aot]") && line.contains("AOT cache")), logs::toString);
    }

    /** The likeliest stale cache: the image's JDK was updated and the cache not trained again. */
    @Test
    void aCacheOfAnotherJvmBuildFallsBackToANormalStartWithAWarning() throws IOException {
        byte[] bytes = Files.readAllBytes(image.cache());
        byte[] mark = " built on ".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, mark, 0);
        assertTrue(at > 0 && at < 8192, "the JVM's build string is in the cache's header");
        int digit = at + mark.length;
        bytes[digit] = (byte) (bytes[digit] == '1' ? '2' : '1');
        Path stale = Files.write(scratch.resolve("other-build.aot"), bytes);
        List<String> logs = new CopyOnWriteArrayList<>();
        signIn(withCache(stale), logs);
        assertTrue(logs.stream().anyMatch(line -> line.contains("[aot]")
                && line.contains("different version or build of HotSpot")), logs::toString);
    }

    /**
     * Nothing secret or unique is in the cache: not the credentials in the training script's environment, not the
     * emulator's secret key the function signed with afterwards, not a token it minted.
     */
    @Test
    void theCacheHoldsNoCredentialsOrTokens() throws IOException {
        List<String> secrets = new ArrayList<>(TRAINING_SECRETS.values());
        secrets.add(EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
        secrets.add(signIn(image.command(), new CopyOnWriteArrayList<>()));
        byte[] cache = Files.readAllBytes(image.cache());
        // The scan reads a real cache, in both encodings a Java string can be stored in.
        assertTrue(contains(cache, "dev/mwaalogin/lambda/HttpApiHandler", StandardCharsets.US_ASCII));
        for (String secret : secrets) {
            for (var charset : List.of(StandardCharsets.US_ASCII, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                assertFalse(contains(cache, secret, charset), "a secret of " + secret.length() + " characters is in "
                        + "the cache (" + charset + ")");
            }
        }
        assertFalse(image.log().contains(TRAINING_SECRETS.get("AWS_SECRET_ACCESS_KEY")), "training logs no secret");
    }

    /** Starts the command as Lambda starts the image, sends one GET /login, checks the 302; returns the token. */
    private static String signIn(List<String> command, List<String> logs) throws IOException {
        try (FunctionProcess process = FunctionProcess.start(command, image.taskRoot(), setup.function,
                setup.environment, FunctionLogFile.tee("LoginFunctionImage", logs::add))) {
            JsonNode response = JSON.readTree(process.invoke(Files.readString(ROOT.resolve("events/http-redirect.json")))
                    .body());
            assertEquals(302, response.path("statusCode").asInt());
            String location = response.path("headers").path("Location").asText();
            String prefix = setup.emulator.endpoint() + "/aws_mwaa/aws-console-sso?login=true#";
            // Never the Location itself in a message: it holds a token.
            assertTrue(location.startsWith(prefix), "the Location leads into the emulator's Airflow sign-in");
            return location.substring(prefix.length());
        }
    }

    private static List<String> withCache(Path cache) {
        return image.command().stream().map(arg -> arg.startsWith("-XX:AOTCache=") ? "-XX:AOTCache=" + cache : arg)
                .toList();
    }

    private static boolean contains(byte[] haystack, String needle, java.nio.charset.Charset charset) {
        return indexOf(haystack, needle.getBytes(charset), 0) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
