package dev.mwaalogin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mwaalogin.internal.ProxyIntegration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What both entry points share: the event is read inside the service's guard (so even an unreadable one gets an
 * answer) and the answer is written as an API Gateway proxy response. The subclasses only say which fields of their
 * payload format make a {@link LoginRequest}.
 *
 * <p>Public only because Lambda's runtime calls {@code handleRequest} reflectively on the class that declares it;
 * it cannot be extended outside this package.
 */
public abstract class ProxyHandler implements RequestStreamHandler {

    private final LoginService service;
    private final Function<Object, LoginRequest> reader;

    ProxyHandler(LoginService service, Function<Object, LoginRequest> reader) {
        this.service = service;
        this.reader = reader;
    }

    /**
     * Reads a handler's init holder. A failed init surfaces as Lambda should report it, with the configuration's own
     * message ("MWAA_TIMEOUT_MS must be ..."), not as the bare ExceptionInInitializerError of a static initializer.
     */
    static LoginService initialized(Supplier<LoginService> holder) {
        try {
            return holder.get();
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    /**
     * Sends one JSON and one redirect request through this handler: SnapStart priming. The event is a template with
     * {@code %s} where the {@code format} parameter goes. Returns the two answers, for tests.
     */
    final List<String> prime(String eventTemplate) throws IOException {
        List<String> answers = new ArrayList<>();
        for (String format : new String[] {"json", "redirect"}) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handleRequest(new ByteArrayInputStream(String.format(eventTemplate, format)
                    .getBytes(StandardCharsets.UTF_8)), answer, null);
            answers.add(answer.toString(StandardCharsets.UTF_8));
        }
        return answers;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LoginResponse response = service.handle(() -> reader.apply(ProxyIntegration.readEvent(input)), context);
        ProxyIntegration.writeResponse(response.statusCode(), response.headers(), response.body(), output);
    }
}
