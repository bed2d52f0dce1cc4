package dev.mwaalogin.local.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mwaalogin.local.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The function's own cold path, in a JVM of its own: load the handler from a task root the way Lambda's runtime
 * does (its classes, then {@code lib/*.jar}, in a class loader of their own), construct it (init), hand it one
 * event, print the answer. Nothing of the runtime's own machinery is timed, just as the boto3 script is timed
 * without Lambda's Python runtime around it.
 *
 * <p>Args: task root, handler ({@code pkg.Class::method}), event file. Prints the response JSON on one line.
 */
public final class ColdStart {

    /**
     * Lambda hands the request id to the runtime; nothing in the function makes one. A UUID made here would seed
     * SecureRandom, harness work that no Lambda cold start does.
     */
    private static final String REQUEST_ID = "00000000-0000-4000-8000-00000000c01d";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        File taskRoot = new File(args[0]);
        List<URL> urls = new ArrayList<>();
        urls.add(taskRoot.toURI().toURL());
        File[] jars = new File(taskRoot, "lib").listFiles((dir, name) -> name.endsWith(".jar"));
        Arrays.sort(jars);
        for (File jar : jars) {
            urls.add(jar.toURI().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ColdStart.class.getClassLoader());
        String className = args[1].substring(0, args[1].indexOf("::"));
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(className, true, loader)
                .getConstructor().newInstance();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (InputStream event = new FileInputStream(args[2])) {
            // The function's one log line per request is not part of the measurement.
            handler.handleRequest(event, answer, new LocalContext(REQUEST_ID, line -> { }));
        }
        System.out.println(answer.toString(StandardCharsets.UTF_8));
        System.out.flush();
        // Like the boto3 script, the job is done once the answer is out; don't time the JVM's shutdown.
        Runtime.getRuntime().halt(0);
    }
}
